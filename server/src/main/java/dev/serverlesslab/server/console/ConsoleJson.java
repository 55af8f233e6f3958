package dev.serverlesslab.server.console;

import dev.serverlesslab.exercises.build.SourceDiagnostic;
import dev.serverlesslab.graders.check.LambdaReport;
import dev.serverlesslab.graders.console.TestResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test console result as the page reads it. Diagnostics use the editor contract's shape ({@code file, line, column,
 * message, severity}), so the page can hand them to {@code lab:diagnostics} as they are.
 */
final class ConsoleJson {

    private ConsoleJson() {
    }

    static Map<String, Object> of(TestResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", result.outcome().name());
        body.put("elapsedMillis", result.elapsedMillis());
        body.put("diagnostics", diagnostics(result.diagnostics()));
        body.put("payload", result.payload());
        body.put("errorType", result.errorType());
        body.put("errorMessage", result.errorMessage());
        body.put("stackTrace", result.stackTrace());
        body.put("logOutput", result.logOutput());
        body.put("report", report(result.report()));
        body.put("message", result.message());
        return body;
    }

    private static List<Map<String, Object>> diagnostics(List<SourceDiagnostic> diagnostics) {
        return diagnostics.stream().map(d -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("file", d.file());
            one.put("line", d.line());
            one.put("column", d.column());
            one.put("message", d.message());
            one.put("severity", d.isError() ? "error" : "warning");
            one.put("text", d.toString());
            return one;
        }).toList();
    }

    private static Map<String, Object> report(LambdaReport report) {
        if (report == null) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", report.requestId());
        body.put("durationMs", report.durationMs());
        body.put("billedDurationMs", report.billedDurationMs());
        body.put("memorySizeMb", report.memorySizeMb());
        body.put("maxMemoryUsedMb", report.maxMemoryUsedMb());
        body.put("initDurationMs", report.initDurationMs());
        body.put("line", report.line());
        return body;
    }
}

package dev.serverlesslab.graders.report.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;

/**
 * A grading as an Exercism test runner's {@code results.json}, version 3. The format has no points, so they are not
 * in it; a failed check's hint follows its message, and hidden checks are redacted as in every student-facing output.
 */
public final class ExercismResults {

    /** Exercism caps a test's output at 500 characters. */
    static final int MAX_OUTPUT = 500;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExercismResults() {
    }

    public static String of(GradingReport fullReport) {
        GradingReport report = fullReport.forStudents();
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 3);
        root.put("status", switch (report.status()) {
            case PASSED -> "pass";
            case FAILED -> report.checks().isEmpty() ? "error" : "fail";
            default -> "error";
        });
        if (report.status() == Status.ERROR || report.checks().isEmpty()) {
            // Exercism shows the top-level message when the tests could not run, e.g. a compile error.
            String message = report.summary();
            if (!report.diagnostics().isEmpty()) {
                message += "\n" + String.join("\n", report.diagnostics());
            }
            root.put("message", message);
        }
        ArrayNode tests = root.putArray("tests");
        for (CheckResult check : report.checks()) {
            ObjectNode test = tests.addObject();
            test.put("name", check.name());
            test.put("status", switch (check.status()) {
                case PASSED -> "pass";
                case FAILED -> "fail";
                default -> "error";
            });
            if (check.message() != null) {
                test.put("message", MessageText.of(check));
            }
            test.put("output", check.hidden() ? CheckResult.HIDDEN : truncate(report.functionLog()));
        }
        return root.toPrettyString();
    }

    private static String truncate(String output) {
        return output.length() <= MAX_OUTPUT ? output : output.substring(output.length() - MAX_OUTPUT);
    }
}

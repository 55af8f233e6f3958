package dev.serverlesslab.graders.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.exercises.build.SourceDiagnostic;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.LambdaReport;
import java.util.ArrayList;
import java.util.List;

/**
 * What one test console run came to: compile errors, an invocation's answer, or the reason the backend could not run
 * it. Everything but {@code outcome} and the REPORT figures is learner-influenced text; whoever shows it escapes it.
 *
 * @param outcome       {@code COMPILE_FAILED}, {@code SUCCEEDED}, {@code FUNCTION_ERROR} or {@code COULD_NOT_RUN}
 * @param diagnostics   the compiler's errors (empty unless compilation failed)
 * @param payload       the response payload (the handler's result or Lambda's error object), or null
 * @param errorType     Lambda's {@code errorType} when the handler failed, else null
 * @param errorMessage  Lambda's {@code errorMessage} when the handler failed, else null
 * @param stackTrace    Lambda's {@code stackTrace} lines when the handler failed, else empty
 * @param logOutput     the invocation's log tail (START … END, REPORT and what the function printed), as the Lambda
 *                      console's "Log output" shows it
 * @param report        the REPORT figures from the platform's own channel where the backend has one, or null
 * @param message       why the run could not happen (COULD_NOT_RUN), else null
 * @param elapsedMillis how long the whole run took, compile and deploy included
 */
public record TestResult(Outcome outcome, List<SourceDiagnostic> diagnostics, String payload, String errorType,
                         String errorMessage, List<String> stackTrace, String logOutput, LambdaReport report,
                         String message, long elapsedMillis) {

    /** How a run ended. */
    public enum Outcome { COMPILE_FAILED, SUCCEEDED, FUNCTION_ERROR, COULD_NOT_RUN }

    public TestResult {
        diagnostics = List.copyOf(diagnostics);
        stackTrace = List.copyOf(stackTrace);
    }

    static TestResult compileFailed(List<SourceDiagnostic> diagnostics, long elapsedMillis) {
        List<SourceDiagnostic> errors = diagnostics.stream().filter(SourceDiagnostic::isError).toList();
        return new TestResult(Outcome.COMPILE_FAILED, errors.isEmpty() ? diagnostics : errors, null, null, null,
                List.of(), "", null, null, elapsedMillis);
    }

    static TestResult couldNotRun(String message, long elapsedMillis) {
        return new TestResult(Outcome.COULD_NOT_RUN, List.of(), null, null, null, List.of(), "", null,
                "The test could not run on the backend: " + message, elapsedMillis);
    }

    static TestResult invoked(Invocation invocation, long elapsedMillis) {
        if (invocation.succeeded()) {
            return new TestResult(Outcome.SUCCEEDED, List.of(), invocation.payload(), null, null, List.of(),
                    invocation.logTail(), invocation.report(), null, elapsedMillis);
        }
        List<String> trace = new ArrayList<>();
        JsonNode lines = invocation.json().path("stackTrace");
        // Lambda's Java runtime answers the trace as an array of strings; anything else is shown in the payload only.
        if (lines.isArray()) {
            lines.forEach(line -> trace.add(line.asText()));
        }
        return new TestResult(Outcome.FUNCTION_ERROR, List.of(), invocation.payload(), invocation.errorType(),
                invocation.errorMessage(), trace, invocation.logTail(), invocation.report(), null, elapsedMillis);
    }
}

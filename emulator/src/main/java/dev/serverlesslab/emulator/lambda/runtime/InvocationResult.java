package dev.serverlesslab.emulator.lambda.runtime;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of one invocation: the payload returned (the handler's result or the error JSON), whether it is an
 * unhandled error, and the invocation's log from START to REPORT (preceded by the init output on a cold start).
 */
public record InvocationResult(String requestId, byte[] payload, boolean failed, List<LogLine> log) {

    public InvocationResult {
        log = List.copyOf(log);
    }

    /** The same result with the log as CloudWatch Logs shows it (JSON records under the JSON log format). */
    public InvocationResult withLog(List<LogLine> shown) {
        return new InvocationResult(requestId, payload, failed, shown);
    }

    /** The log as text, one line per event, each ending in a newline as CloudWatch shows it. */
    public String logText() {
        return log.stream().map(line -> line.text() + "\n").collect(Collectors.joining());
    }
}

package dev.serverlesslab.graders.deploy;

import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.LambdaReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * Reads what a function logged from its CloudWatch Logs group, {@code /aws/lambda/<name>}. Unlike the log tails of
 * the checks' own invokes, the group also holds the invocations that reached the function another way, such as
 * through an exercise's API Gateway API, so the report's logs, REPORT lines and cost cover every invocation.
 */
public final class FunctionLogs {

    /** What a grading's report takes from a function: the log lines to show and the REPORT lines to price. */
    public record Collected(List<String> logs, List<String> reportLines) {
    }

    private FunctionLogs() {
    }

    /**
     * The function's log group (or, when the backend has none, the checks' log tails) and its REPORT lines: from the
     * backend's platform channel when it has one; otherwise parsed from the logs, one per request id (the last) and
     * only of the checks' own invocations unless {@code invokedOtherwise} (an API may have invoked it with ids the
     * grader never saw, so then any id counts: a limit of backends without a platform channel).
     */
    public static Collected collect(LambdaFunction function, CloudWatchLogsClient logs, boolean invokedOtherwise) {
        List<String> messages = read(logs, function.name());
        List<Invocation> invocations = function.invocations();
        List<String> tails = invocations.stream().map(Invocation::logTail).toList();
        Optional<List<String>> platform = function.platformReportLines();
        if (platform.isPresent()) {
            return new Collected(messages.isEmpty() ? tails : messages, platform.get());
        }
        Set<String> known = invocations.stream().map(Invocation::requestId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        List<String> fromGroup = reportLines(messages, invokedOtherwise ? null : known);
        if (!fromGroup.isEmpty()) {
            return new Collected(messages, fromGroup);
        }
        return new Collected(tails, invocations.stream().map(Invocation::report).filter(Objects::nonNull)
                .map(LambdaReport::line).toList());
    }

    /**
     * Every message of the function's log group, oldest first; empty when the backend has none (yet) or cannot say,
     * since a backend may ship logs late and the grading must not depend on them.
     */
    public static List<String> read(CloudWatchLogsClient logs, String functionName) {
        List<String> messages = new ArrayList<>();
        try {
            logs.filterLogEventsPaginator(b -> b.logGroupName("/aws/lambda/" + functionName))
                    .events()
                    .forEach(event -> messages.add(event.message()));
            return messages;
        } catch (SdkException e) {
            return List.of();
        }
    }

    /**
     * The well-formed REPORT lines among {@code messages}, without their line breaks: the last one of each request
     * id, and only of the {@code requestIds} given (any id when null).
     */
    public static List<String> reportLines(List<String> messages, Set<String> requestIds) {
        return LambdaReport.lastPerRequest(messages).stream()
                .filter(report -> requestIds == null || requestIds.contains(report.requestId()))
                .map(LambdaReport::line)
                .toList();
    }
}

package dev.serverlesslab.graders.deploy;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * Reads what a function logged from its CloudWatch Logs group, {@code /aws/lambda/<name>}. Unlike the log tails of
 * the checks' own invokes, the group also holds the invocations that reached the function another way, such as
 * through an exercise's API Gateway API, so the report's logs, REPORT lines and cost cover every invocation.
 */
public final class FunctionLogs {

    private FunctionLogs() {
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

    /** The REPORT lines among {@code messages}, without their line breaks. */
    public static List<String> reportLines(List<String> messages) {
        return messages.stream().filter(message -> message.startsWith("REPORT ")).map(String::strip).toList();
    }
}

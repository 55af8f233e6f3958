package dev.serverlesslab.emulator.lambda.runtime;

/**
 * One entry of a function's log as CloudWatch Logs would hold it: the stream (one per execution environment), the
 * time and the message.
 *
 * @param platform true when the emulator wrote it as Lambda's platform (see {@link LogLine#platform()}); kept in
 *                 this JVM only, CloudWatch Logs clients see a plain event
 * @param logGroup the group the function wrote it to ({@code LoggingConfig.LogGroup}), or null for its default
 *                 {@code /aws/lambda/<name>}
 */
public record LogEvent(String logStreamName, long timestampMillis, String message, boolean platform,
        String logGroup) {

    /** An event in the function's default group. */
    public LogEvent(String logStreamName, long timestampMillis, String message, boolean platform) {
        this(logStreamName, timestampMillis, message, platform, null);
    }

    /** An event the function wrote to its default group. */
    public LogEvent(String logStreamName, long timestampMillis, String message) {
        this(logStreamName, timestampMillis, message, false, null);
    }
}

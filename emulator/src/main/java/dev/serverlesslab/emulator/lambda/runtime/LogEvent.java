package dev.serverlesslab.emulator.lambda.runtime;

/**
 * One entry of a function's log as CloudWatch Logs would hold it: the stream (one per execution environment), the
 * time and the message.
 *
 * @param platform true when the emulator wrote it as Lambda's platform (see {@link LogLine#platform()}); kept in
 *                 this JVM only, CloudWatch Logs clients see a plain event
 */
public record LogEvent(String logStreamName, long timestampMillis, String message, boolean platform) {

    /** An event the function wrote. */
    public LogEvent(String logStreamName, long timestampMillis, String message) {
        this(logStreamName, timestampMillis, message, false);
    }
}

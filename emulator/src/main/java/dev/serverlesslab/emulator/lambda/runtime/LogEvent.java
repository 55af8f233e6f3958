package dev.serverlesslab.emulator.lambda.runtime;

/**
 * One entry of a function's log as CloudWatch Logs would hold it: the stream (one per execution environment), the
 * time and the message.
 */
public record LogEvent(String logStreamName, long timestampMillis, String message) {
}

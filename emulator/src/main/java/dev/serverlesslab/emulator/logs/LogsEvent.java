package dev.serverlesslab.emulator.logs;

/** One stored log event: its stream, the time it says it happened, its text and when the emulator received it. */
public record LogsEvent(String logStreamName, long timestamp, String message, long ingestionTime) {
}

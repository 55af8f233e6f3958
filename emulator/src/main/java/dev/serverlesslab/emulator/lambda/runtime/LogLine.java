package dev.serverlesslab.emulator.lambda.runtime;

/**
 * One line of a function's log with the time it was written, which becomes one CloudWatch Logs event.
 */
public record LogLine(long timestampMillis, String text) {

    static LogLine now(String text) {
        return new LogLine(System.currentTimeMillis(), text);
    }
}

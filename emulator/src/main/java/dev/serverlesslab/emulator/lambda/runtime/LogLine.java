package dev.serverlesslab.emulator.lambda.runtime;

/**
 * One line of a function's log with the time it was written, which becomes one CloudWatch Logs event.
 *
 * @param platform true for a line the emulator wrote as Lambda's platform (START, END, REPORT, the timeout and
 *                 runtime-exit lines), false for what the function printed; never sent on the wire, so only code
 *                 in this JVM can tell a real REPORT line from one a handler printed
 */
public record LogLine(long timestampMillis, String text, boolean platform) {

    /** A line the function wrote. */
    public LogLine(long timestampMillis, String text) {
        this(timestampMillis, text, false);
    }

    static LogLine now(String text) {
        return new LogLine(System.currentTimeMillis(), text);
    }

    /** A line the platform writes now, e.g. a REPORT line. */
    static LogLine platform(String text) {
        return new LogLine(System.currentTimeMillis(), text, true);
    }
}

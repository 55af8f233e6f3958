package dev.serverlesslab.emulator.lambda.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The complete log of one function across all its execution environments, oldest first, bounded so a chatty function
 * cannot exhaust memory: past the bound the oldest events are dropped, as a retention policy would.
 */
public final class FunctionLog {

    /** Enough for thousands of invocations of a course exercise. */
    public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;

    private final long maxBytes;
    private final Deque<LogEvent> events = new ArrayDeque<>();
    private long bytes;

    public FunctionLog(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public synchronized void append(String logStreamName, List<LogLine> lines) {
        for (LogLine line : lines) {
            append(new LogEvent(logStreamName, line.timestampMillis(), line.text()));
        }
    }

    public synchronized void append(LogEvent event) {
        events.addLast(event);
        bytes += size(event);
        while (bytes > maxBytes && events.size() > 1) {
            bytes -= size(events.removeFirst());
        }
    }

    /** A copy of the events held now, oldest first. */
    public synchronized List<LogEvent> events() {
        return List.copyOf(events);
    }

    private static long size(LogEvent event) {
        // CloudWatch counts 26 bytes of overhead per event; the same keeps many tiny events from being free.
        return event.message().length() + 26L;
    }
}

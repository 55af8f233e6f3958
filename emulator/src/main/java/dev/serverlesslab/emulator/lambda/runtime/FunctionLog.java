package dev.serverlesslab.emulator.lambda.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The complete log of one function across all its execution environments, oldest first, bounded so a chatty function
 * cannot exhaust memory: past the bound the oldest events are dropped, as a retention policy would.
 *
 * <p>The platform's own lines (START, END, REPORT, timeout and exit lines) are also kept apart, bounded by count, so
 * a function printing megabytes cannot push the REPORT lines of its earlier invocations out of what a grader prices.
 */
public final class FunctionLog {

    /** Enough for thousands of invocations of a course exercise. */
    public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;
    /** About 10,000 invocations' START, END and REPORT lines (well under 2 MB). */
    static final int MAX_PLATFORM_EVENTS = 30_000;

    private final long maxBytes;
    private final Deque<LogEvent> events = new ArrayDeque<>();
    private final Deque<LogEvent> platformEvents = new ArrayDeque<>();
    private long bytes;

    public FunctionLog(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public synchronized void append(String logStreamName, List<LogLine> lines) {
        for (LogLine line : lines) {
            append(new LogEvent(logStreamName, line.timestampMillis(), line.text(), line.platform()));
        }
    }

    /**
     * One invocation's log: {@code shown} is what CloudWatch Logs gets in {@code logGroup} (JSON records with the
     * JSON log format, filtered by level), {@code written} the lines as the platform wrote them, whose platform lines
     * stay plain text in the platform channel whatever the format.
     */
    public synchronized void append(String logStreamName, String logGroup, List<LogLine> shown,
            List<LogLine> written) {
        for (LogLine line : shown) {
            keep(new LogEvent(logStreamName, line.timestampMillis(), line.text(), line.platform(), logGroup));
        }
        for (LogLine line : written) {
            if (line.platform()) {
                keepPlatform(new LogEvent(logStreamName, line.timestampMillis(), line.text(), true, logGroup));
            }
        }
    }

    public synchronized void append(LogEvent event) {
        keep(event);
        if (event.platform()) {
            keepPlatform(event);
        }
    }

    private void keep(LogEvent event) {
        events.addLast(event);
        bytes += size(event);
        while (bytes > maxBytes && events.size() > 1) {
            bytes -= size(events.removeFirst());
        }
    }

    private void keepPlatform(LogEvent event) {
        platformEvents.addLast(event);
        if (platformEvents.size() > MAX_PLATFORM_EVENTS) {
            platformEvents.removeFirst();
        }
    }

    /** A copy of the events held now, oldest first. */
    public synchronized List<LogEvent> events() {
        return List.copyOf(events);
    }

    /** A copy of the platform's own events held now, oldest first; none of them was written by the function. */
    public synchronized List<LogEvent> platformEvents() {
        return List.copyOf(platformEvents);
    }

    private static long size(LogEvent event) {
        // CloudWatch counts 26 bytes of overhead per event; the same keeps many tiny events from being free.
        return event.message().length() + 26L;
    }
}

package dev.serverlesslab.emulator.logs;

import java.util.List;

/** The pure parts of reading events: time ranges, page sizes and paging tokens (patterns: {@link FilterPattern}). */
final class EventQueries {

    /** The most events one GetLogEvents or FilterLogEvents answer holds, and the default when no limit is given. */
    static final int MAX_LIMIT = 10_000;

    private EventQueries() {
    }

    /**
     * A page of events: without a token the oldest when {@code startFromHead}, else the newest; {@code f/<n>} pages
     * forward from index n, {@code b/<n>} backward from it, so the tokens stay valid while a stream only grows.
     */
    static EventPage page(List<LogsEvent> events, String nextToken, int size, boolean startFromHead) {
        int from;
        int to;
        if (nextToken == null) {
            from = startFromHead ? 0 : Math.max(0, events.size() - size);
            to = Math.min(events.size(), from + size);
        } else if (nextToken.startsWith("f/")) {
            from = Math.min(events.size(), tokenIndex(nextToken));
            to = Math.min(events.size(), from + size);
        } else if (nextToken.startsWith("b/")) {
            to = Math.min(events.size(), tokenIndex(nextToken));
            from = Math.max(0, to - size);
        } else {
            throw badToken(nextToken);
        }
        return new EventPage(events.subList(from, to), "f/" + to, "b/" + from);
    }

    static boolean inRange(LogsEvent event, Long startTime, Long endTime) {
        return (startTime == null || event.timestamp() >= startTime)
                && (endTime == null || event.timestamp() < endTime);
    }

    static int pageSize(Integer limit) {
        if (limit == null) {
            return MAX_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw LogsErrors.invalidParameter("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return limit;
    }

    static int tokenIndex(String token) {
        try {
            int index = Integer.parseInt(token.substring(2));
            if (index < 0) {
                throw badToken(token);
            }
            return index;
        } catch (NumberFormatException e) {
            throw badToken(token);
        }
    }

    static RuntimeException badToken(String token) {
        return LogsErrors.invalidParameter("The specified nextToken is invalid: " + token + "; pass a token from "
                + "a previous answer unchanged");
    }
}

package dev.serverlesslab.emulator.logs;

import java.util.List;

/** The answer to FilterLogEvents: matching events across streams, oldest first, and a token when more remain. */
public record FilteredEvents(List<LogsEvent> events, List<String> searchedStreams, String nextToken) {
}

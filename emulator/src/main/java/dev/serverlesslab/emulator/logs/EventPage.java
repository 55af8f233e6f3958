package dev.serverlesslab.emulator.logs;

import java.util.List;

/** One page of GetLogEvents with the tokens that continue forward (newer) and backward (older) from it. */
public record EventPage(List<LogsEvent> events, String nextForwardToken, String nextBackwardToken) {
}

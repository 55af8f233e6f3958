package dev.serverlesslab.emulator.events;

import java.time.Instant;
import java.util.List;

/**
 * One PutEvents entry as sent.
 *
 * @param time null for "now"
 * @param eventBusName a name or an ARN; null for the default bus
 */
public record EventEntry(Instant time, String source, List<String> resources, String detailType, String detail,
        String eventBusName) {

    public EventEntry {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }
}

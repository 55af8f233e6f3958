package dev.serverlesslab.emulator.events;

import java.time.Instant;

/** An event bus: {@code default} exists in every account and region, others are made with CreateEventBus. */
public record EventBus(String name, String arn, String description, Instant creationTime, Instant lastModifiedTime) {
}

package dev.serverlesslab.emulator.scheduler;

import java.time.Instant;

/** A schedule group; {@code default} exists in every account and region. */
public record ScheduleGroup(String name, String arn, Instant creationDate, Instant lastModificationDate) {
}

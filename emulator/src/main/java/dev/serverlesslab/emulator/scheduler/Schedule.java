package dev.serverlesslab.emulator.scheduler;

import java.time.Instant;

/**
 * An EventBridge Scheduler schedule as GetSchedule shows it.
 *
 * @param flexibleWindowMode OFF or FLEXIBLE
 * @param flexibleWindowMinutes the window for FLEXIBLE, or null
 * @param actionAfterCompletion NONE or DELETE
 */
public record Schedule(String name, String groupName, String arn, String scheduleExpression, String timezone,
        Instant startDate, Instant endDate, String description, String state, String flexibleWindowMode,
        Integer flexibleWindowMinutes, ScheduleTarget target, String actionAfterCompletion, Instant creationDate,
        Instant lastModificationDate) {

    public boolean enabled() {
        return "ENABLED".equals(state);
    }
}

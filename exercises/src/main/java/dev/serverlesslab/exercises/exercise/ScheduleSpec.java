package dev.serverlesslab.exercises.exercise;

/**
 * A declared EventBridge Scheduler schedule.
 *
 * @param expression {@code at(...)}, {@code rate(...)} or {@code cron(...)}
 * @param timezone IANA name, or null for UTC
 * @param input JSON the target receives, or null for {@code {}}
 */
public record ScheduleSpec(String logicalName, String expression, String timezone, TargetRef target, String input) {
}

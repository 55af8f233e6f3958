package dev.serverlesslab.exercises.exercise;

import java.util.List;

/**
 * A declared EventBridge rule: an event pattern on a bus, or a schedule on the default bus.
 *
 * @param bus the logical name of a declared bus, or null for the account's default bus
 * @param pattern the event pattern as JSON, or null for a schedule rule
 * @param schedule {@code rate(...)} or {@code cron(...)}, or null for a pattern rule
 */
public record RuleSpec(String logicalName, String bus, String pattern, String schedule, List<RuleTarget> targets) {

    public RuleSpec {
        targets = List.copyOf(targets);
    }

    /** @param input constant JSON sent instead of the event, or null */
    public record RuleTarget(TargetRef target, String input) {
    }
}

package dev.serverlesslab.emulator.events;

/**
 * A rule on a bus as DescribeRule shows it: an event pattern, a schedule expression, or both absent never.
 *
 * @param state ENABLED or DISABLED
 */
public record Rule(String name, String arn, String eventBusName, String eventPattern, String scheduleExpression,
        String state, String description, String roleArn, String createdBy) {

    public boolean enabled() {
        return "ENABLED".equals(state);
    }
}

package dev.serverlesslab.exercises.exercise;

import java.util.List;

/** A declared SNS topic and its subscriptions. */
public record TopicSpec(String logicalName, boolean fifo, List<Subscription> subscriptions) {

    public TopicSpec {
        subscriptions = List.copyOf(subscriptions);
    }

    /**
     * @param filterPolicy the filter policy as JSON, or null
     * @param filterPolicyScope {@code MessageAttributes} (SNS's default) or {@code MessageBody}
     * @param raw RawMessageDelivery for a queue
     */
    public record Subscription(TargetRef target, String filterPolicy, String filterPolicyScope, boolean raw) {
    }
}

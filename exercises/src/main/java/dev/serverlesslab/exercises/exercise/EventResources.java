package dev.serverlesslab.exercises.exercise;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event-driven resources an exercise declares (S3, SQS, SNS, EventBridge, Scheduler, Step Functions, Kinesis),
 * each map keyed by logical name in descriptor order.
 */
public record EventResources(Map<String, BucketSpec> buckets, Map<String, QueueSpec> queues,
        Map<String, TopicSpec> topics, Map<String, String> buses, Map<String, RuleSpec> rules,
        Map<String, ScheduleSpec> schedules, Map<String, StateMachineSpec> stateMachines,
        Map<String, StreamSpec> streams) {

    public EventResources {
        buckets = copy(buckets);
        queues = copy(queues);
        topics = copy(topics);
        buses = copy(buses);
        rules = copy(rules);
        schedules = copy(schedules);
        stateMachines = copy(stateMachines);
        streams = copy(streams);
    }

    public static EventResources none() {
        return new EventResources(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }

    public boolean isEmpty() {
        return buckets.isEmpty() && queues.isEmpty() && topics.isEmpty() && buses.isEmpty() && rules.isEmpty()
                && schedules.isEmpty() && stateMachines.isEmpty() && streams.isEmpty();
    }

    /** The logical names declared for a target or reference kind ({@code queue}, {@code topic}, ...). */
    public java.util.Set<String> declared(String kind) {
        return switch (kind) {
            case "bucket" -> buckets.keySet();
            case "queue", "queueArn" -> queues.keySet();
            case "topic" -> topics.keySet();
            case "bus" -> buses.keySet();
            case "rule" -> rules.keySet();
            case "schedule" -> schedules.keySet();
            case "stateMachine" -> stateMachines.keySet();
            case "stream" -> streams.keySet();
            default -> java.util.Set.of();
        };
    }

    private static <T> Map<String, T> copy(Map<String, T> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}

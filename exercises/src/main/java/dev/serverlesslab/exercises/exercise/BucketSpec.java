package dev.serverlesslab.exercises.exercise;

import java.util.List;

/** A declared S3 bucket and the notifications it sends. */
public record BucketSpec(String logicalName, List<Notification> notifications) {

    public BucketSpec {
        notifications = List.copyOf(notifications);
    }

    /**
     * One notification configuration.
     *
     * @param events e.g. {@code s3:ObjectCreated:*}
     * @param prefix key prefix filter, or null
     * @param suffix key suffix filter, or null
     */
    public record Notification(List<String> events, String prefix, String suffix, TargetRef target) {

        public Notification {
            events = List.copyOf(events);
        }
    }
}

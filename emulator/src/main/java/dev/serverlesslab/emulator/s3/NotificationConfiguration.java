package dev.serverlesslab.emulator.s3;

import java.util.List;

/**
 * A bucket's notification configuration: where object events go, each destination with its events and key filter.
 */
record NotificationConfiguration(List<Destination> destinations) {

    static final NotificationConfiguration EMPTY = new NotificationConfiguration(List.of());

    NotificationConfiguration {
        destinations = List.copyOf(destinations);
    }

    /** The kind of destination, named as the configuration's XML elements are. */
    enum Kind {
        LAMBDA("CloudFunctionConfiguration", "CloudFunction"),
        QUEUE("QueueConfiguration", "Queue"),
        TOPIC("TopicConfiguration", "Topic");

        final String element;
        final String arnElement;

        Kind(String element, String arnElement) {
            this.element = element;
            this.arnElement = arnElement;
        }
    }

    /**
     * One destination.
     *
     * @param events event types as configured, e.g. {@code s3:ObjectCreated:*}
     * @param prefix the key prefix filter, or null
     * @param suffix the key suffix filter, or null
     */
    record Destination(String id, Kind kind, String arn, List<String> events, String prefix, String suffix) {

        Destination {
            events = List.copyOf(events);
        }

        /** True when an event (e.g. {@code ObjectCreated:Put}) on the key is sent here. */
        boolean matches(String eventName, String key) {
            boolean event = events.stream().anyMatch(configured -> configured.equals("s3:" + eventName)
                    || configured.endsWith(":*") && ("s3:" + eventName).startsWith(
                            configured.substring(0, configured.length() - 1)));
            return event && (prefix == null || key.startsWith(prefix)) && (suffix == null || key.endsWith(suffix));
        }
    }
}

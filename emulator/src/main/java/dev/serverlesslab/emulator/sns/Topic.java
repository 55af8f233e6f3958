package dev.serverlesslab.emulator.sns;

import java.util.Map;

/**
 * One topic: its ARN and name, the attributes a caller set (DisplayName, Policy, FifoTopic,
 * ContentBasedDeduplication, SignatureVersion), and its tags.
 */
record Topic(String arn, String name, Map<String, String> attributes, Map<String, String> tags) {

    Topic {
        attributes = Map.copyOf(attributes);
        tags = Map.copyOf(tags);
    }

    boolean fifo() {
        return "true".equalsIgnoreCase(attributes.get("FifoTopic"));
    }

    boolean contentBasedDeduplication() {
        return "true".equalsIgnoreCase(attributes.get("ContentBasedDeduplication"));
    }

    Topic withAttributes(Map<String, String> newAttributes) {
        return new Topic(arn, name, newAttributes, tags);
    }

    Topic withTags(Map<String, String> newTags) {
        return new Topic(arn, name, attributes, newTags);
    }
}

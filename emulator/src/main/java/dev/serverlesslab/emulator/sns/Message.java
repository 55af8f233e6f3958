package dev.serverlesslab.emulator.sns;

import dev.serverlesslab.emulator.core.Targets.MessageAttribute;
import java.time.Instant;
import java.util.Map;

/**
 * One published message as SNS hands it to subscribers.
 *
 * @param body the default message
 * @param perProtocol with MessageStructure json, the message for each protocol that has its own key
 * @param groupId MessageGroupId (FIFO topics), or null
 * @param deduplicationId MessageDeduplicationId (FIFO topics; generated with content-based deduplication), or null
 * @param sequenceNumber the FIFO sequence number, or null
 */
record Message(String messageId, String topicArn, String subject, String body, Map<String, String> perProtocol,
        Map<String, MessageAttribute> attributes, String groupId, String deduplicationId, String sequenceNumber,
        Instant timestamp) {

    Message {
        perProtocol = Map.copyOf(perProtocol);
        attributes = Map.copyOf(attributes);
    }

    /** The text a subscriber of {@code protocol} receives. */
    String bodyFor(String protocol) {
        return perProtocol.getOrDefault(protocol, body);
    }
}

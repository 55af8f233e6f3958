package dev.serverlesslab.emulator.sqs;

import dev.serverlesslab.emulator.core.Targets.MessageAttribute;
import java.util.Map;

/**
 * One message to send, as SendMessage and each SendMessageBatch entry carry it.
 *
 * @param delaySeconds null: the queue's DelaySeconds
 * @param traceHeader the {@code AWSTraceHeader} system attribute, or null
 * @param groupId {@code MessageGroupId}, or null
 * @param deduplicationId {@code MessageDeduplicationId}, or null
 * @param senderId who sent it, for the {@code SenderId} attribute (an account id or a service principal)
 */
record SendRequest(String body, Integer delaySeconds, Map<String, MessageAttribute> attributes, String traceHeader,
        String groupId, String deduplicationId, String senderId) {

    SendRequest {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

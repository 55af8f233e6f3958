package dev.serverlesslab.emulator.sqs;

import dev.serverlesslab.emulator.core.Targets.MessageAttribute;
import java.util.Map;

/**
 * One message as a receive hands it out.
 *
 * @param attributes every system attribute (ApproximateReceiveCount, SentTimestamp...); callers pick those asked for
 * @param messageAttributes every message attribute; callers pick those asked for
 */
record ReceivedMessage(String messageId, String receiptHandle, String body, String md5OfBody,
        Map<String, String> attributes, Map<String, MessageAttribute> messageAttributes) {
}

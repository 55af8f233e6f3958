package dev.serverlesslab.emulator.sqs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message while it is in a queue: what was sent, and its state there (when it is visible, how often it was
 * received, its current receipt handle). Mutable; guarded by its {@link SqsQueue}'s lock.
 */
final class SqsMessage {

    final String id;
    final SendRequest sent;
    final SentMessage answer;
    final Instant sentAt;
    Instant visibleAt;
    int receiveCount;
    Instant firstReceivedAt;
    String receiptHandle;
    /** The queue it was moved from by a redrive policy, or null. */
    String deadLetterSourceArn;

    SqsMessage(String id, SendRequest sent, SentMessage answer, Instant sentAt, Instant visibleAt) {
        this.id = id;
        this.sent = sent;
        this.answer = answer;
        this.sentAt = sentAt;
        this.visibleAt = visibleAt;
    }

    boolean visible(Instant now) {
        return !visibleAt.isAfter(now);
    }

    boolean inFlight(Instant now) {
        return receiveCount > 0 && !visible(now);
    }

    /** The message as a receive hands it out now. */
    ReceivedMessage received() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("SenderId", sent.senderId());
        attributes.put("SentTimestamp", Long.toString(sentAt.toEpochMilli()));
        attributes.put("ApproximateReceiveCount", Integer.toString(receiveCount));
        attributes.put("ApproximateFirstReceiveTimestamp", Long.toString(firstReceivedAt.toEpochMilli()));
        if (sent.traceHeader() != null) {
            attributes.put("AWSTraceHeader", sent.traceHeader());
        }
        if (answer.sequenceNumber() != null) {
            attributes.put("SequenceNumber", answer.sequenceNumber());
            attributes.put("MessageDeduplicationId", sent.deduplicationId());
        }
        if (sent.groupId() != null) {
            attributes.put("MessageGroupId", sent.groupId());
        }
        if (deadLetterSourceArn != null) {
            attributes.put("DeadLetterQueueSourceArn", deadLetterSourceArn);
        }
        return new ReceivedMessage(id, receiptHandle, sent.body(), answer.md5OfMessageBody(), attributes,
                sent.attributes());
    }
}

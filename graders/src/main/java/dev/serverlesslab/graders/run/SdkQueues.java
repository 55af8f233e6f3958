package dev.serverlesslab.graders.run;

import dev.serverlesslab.graders.check.Eventually;
import dev.serverlesslab.graders.check.QueueDepth;
import dev.serverlesslab.graders.check.Queues;
import dev.serverlesslab.graders.check.Resources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** {@link Queues} through the grading's {@link SqsClient}, queues found by logical name in {@link Resources}. */
final class SdkQueues implements Queues {

    /** SQS's most per SendMessageBatch, ReceiveMessage and DeleteMessageBatch call. */
    private static final int BATCH = 10;
    /** A queue still being fed after this many messages is not one a check can empty. */
    private static final int MOST_RECEIVED = 10_000;
    /** Receives that may come back empty while the queue still counts visible messages (SQS samples servers). */
    private static final int EMPTY_RECEIVES = 20;

    private final SqsClient sqs;
    private final Resources resources;

    SdkQueues(SqsClient sqs, Resources resources) {
        this.sqs = sqs;
        this.resources = resources;
    }

    @Override
    public List<String> send(String queue, List<String> bodies) {
        String url = resources.queueUrl(queue);
        boolean fifo = url.endsWith(".fifo");
        List<String> ids = new ArrayList<>();
        for (int from = 0; from < bodies.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(from + BATCH, bodies.size()); i++) {
                SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder().id("m" + i)
                        .messageBody(bodies.get(i));
                if (fifo) {
                    entry.messageGroupId("checks").messageDeduplicationId(UUID.randomUUID().toString());
                }
                entries.add(entry.build());
            }
            SendMessageBatchResponse answer = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
            if (!answer.failed().isEmpty()) {
                throw new AssertionError("queue " + queue + " refused " + String.join("; ", answer.failed().stream()
                        .map(failed -> "message " + failed.id().substring(1) + " (" + failed.code() + ": "
                                + failed.message() + ")").toList()));
            }
            Map<String, String> sent = new HashMap<>();
            answer.successful().forEach(entry -> sent.put(entry.id(), entry.messageId()));
            entries.forEach(entry -> ids.add(sent.get(entry.id())));
        }
        return ids;
    }

    @Override
    public QueueDepth depth(String queue) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(resources.queueUrl(queue))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return new QueueDepth(count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    @Override
    public void awaitDrained(String queue, Duration within) {
        Eventually.get("queue " + queue + " to be drained (no message visible, in flight or delayed)", within, () -> {
            QueueDepth depth = depth(queue);
            return depth.total() == 0 ? java.util.Optional.of(depth) : java.util.Optional.empty();
        }, () -> "it still holds " + depth(queue));
    }

    @Override
    public List<Message> receiveAll(String queue) {
        String url = resources.queueUrl(queue);
        List<Message> all = new ArrayList<>();
        int empty = 0;
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(BATCH)
                    .waitTimeSeconds(0).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                if (depth(queue).visible() == 0 || ++empty >= EMPTY_RECEIVES) {
                    return all;
                }
                continue;
            }
            List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                deletes.add(DeleteMessageBatchRequestEntry.builder().id("d" + i)
                        .receiptHandle(batch.get(i).receiptHandle()).build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(deletes));
            all.addAll(batch);
            if (all.size() > MOST_RECEIVED) {
                throw new AssertionError("queue " + queue + " kept delivering messages: more than " + MOST_RECEIVED
                        + " received; is something still sending to it?");
            }
        }
    }

    private static int count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name);
        return value == null ? 0 : Integer.parseInt(value);
    }
}

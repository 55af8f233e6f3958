package dev.serverlesslab.emulator.sqs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.lambda.esm.EventSource;
import dev.serverlesslab.emulator.lambda.esm.EventSourceFactory;
import dev.serverlesslab.emulator.lambda.esm.SourceRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A queue as a Lambda event source: one partition, read by receiving with the queue's visibility timeout (so the
 * batch is in flight while the function runs) and deleting each message the function finished. Records have the
 * shape Lambda gives SQS events, which aws-lambda-java-events' {@code SQSEvent} reads.
 */
public final class SqsEventSource implements EventSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** One ReceiveMessage returns at most 10 messages. */
    private static final int MAX_PER_RECEIVE = 10;

    private final SqsBackend backend;
    private final String queueArn;

    private SqsEventSource(SqsBackend backend, String queueArn) {
        this.backend = backend;
        this.queueArn = queueArn;
    }

    /** Opens queues by ARN for event source mappings; a queue that does not exist is refused. */
    public static EventSourceFactory factory(SqsBackend backend) {
        return (scope, arn) -> {
            if (backend.queueByArn(arn).isEmpty()) {
                throw new AwsException("InvalidParameterValueException", "The queue " + arn + " does not exist: "
                        + "create it first (aws sqs create-queue) and use its QueueArn", 400);
            }
            return new SqsEventSource(backend, arn);
        };
    }

    @Override
    public List<String> partitions() {
        return List.of(queueArn);
    }

    @Override
    public PartitionReader open(String partition, StartingPosition start) {
        return new QueueReader();
    }

    @Override
    public boolean requiresStartingPosition() {
        return false;
    }

    @Override
    public boolean isQueue() {
        return true;
    }

    @Override
    public String hint() {
        return " (does the queue still exist?)";
    }

    @Override
    public byte[] event(List<SourceRecord> batch) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        batch.forEach(record -> records.add(record.eventRecord()));
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SqsQueue queue() {
        return backend.queueByArn(queueArn).orElseThrow(() -> new AwsException("QueueDoesNotExist", "The queue "
                + queueArn + " does not exist any more", 400));
    }

    /** One message as Lambda puts it in an SQS event's Records. */
    private SourceRecord record(SqsQueue queue, ReceivedMessage message) {
        ObjectNode record = JSON.createObjectNode();
        record.put("messageId", message.messageId());
        record.put("receiptHandle", message.receiptHandle());
        record.put("body", message.body());
        ObjectNode attributes = record.putObject("attributes");
        message.attributes().forEach(attributes::put);
        ObjectNode messageAttributes = record.putObject("messageAttributes");
        message.messageAttributes().forEach((name, value) -> {
            ObjectNode attribute = messageAttributes.putObject(name);
            if (value.binaryValue() != null) {
                attribute.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue()));
            } else {
                attribute.put("stringValue", value.stringValue());
            }
            attribute.putArray("stringListValues");
            attribute.putArray("binaryListValues");
            attribute.put("dataType", value.dataType());
        });
        record.put("md5OfBody", message.md5OfBody());
        if (!message.messageAttributes().isEmpty()) {
            record.put("md5OfMessageAttributes", MessageMd5.ofAttributes(message.messageAttributes()));
        }
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", queueArn);
        record.put("awsRegion", queue.scope.region());
        Instant sent = Instant.ofEpochMilli(Long.parseLong(message.attributes().get("SentTimestamp")));
        return new SourceRecord(message.messageId(), sent, record);
    }

    /** Receives without waiting (the poller comes back soon) and deletes what the function finished. */
    private final class QueueReader implements PartitionReader {

        @Override
        public List<SourceRecord> read(int max) {
            SqsQueue queue = queue();
            List<SourceRecord> records = new ArrayList<>();
            while (records.size() < max) {
                List<ReceivedMessage> received = backend.receive(queue,
                        Math.min(MAX_PER_RECEIVE, max - records.size()), null, 0);
                received.forEach(message -> records.add(record(queue, message)));
                if (received.isEmpty()) {
                    break;
                }
            }
            return records;
        }

        @Override
        public boolean ended() {
            return false;
        }

        @Override
        public void checkpoint(SourceRecord done) {
            backend.queueByArn(queueArn).ifPresent(queue ->
                    backend.deleteMessage(queue, done.eventRecord().path("receiptHandle").asText()));
        }
    }
}

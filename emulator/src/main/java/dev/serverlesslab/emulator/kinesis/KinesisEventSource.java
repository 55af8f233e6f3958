package dev.serverlesslab.emulator.kinesis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.lambda.esm.EventSource;
import dev.serverlesslab.emulator.lambda.esm.SourceRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * A Kinesis stream as an event source mapping reads it: one partition per shard, each read in order from TRIM_HORIZON
 * or from the moment the mapping was made (LATEST), in-process from the backend. Records reach the function in
 * Lambda's Kinesis event shape ({@code Records[].kinesis} with base64 data and the arrival time in decimal seconds),
 * which aws-lambda-java-events' {@code KinesisEvent} reads.
 */
final class KinesisEventSource implements EventSource {

    private final KinesisBackend backend;
    private final AccountRegion scope;
    private final String streamArn;
    private final KinesisStream stream;
    private final Supplier<String> invokeIdentityArn;

    /**
     * @param invokeIdentityArn the execution role of the mapping's function, or null while it is not known
     */
    KinesisEventSource(KinesisBackend backend, AccountRegion scope, String streamArn, KinesisStream stream,
            Supplier<String> invokeIdentityArn) {
        this.backend = backend;
        this.scope = scope;
        this.streamArn = streamArn;
        this.stream = stream;
        this.invokeIdentityArn = invokeIdentityArn;
    }

    @Override
    public List<String> partitions() {
        return current().shards().stream().map(KinesisShard::shardId).toList();
    }

    @Override
    public PartitionReader open(String partition, StartingPosition start) {
        KinesisShard shard = current().shard(partition);
        // LATEST is the tip when the mapping is made, not when the poller first reads.
        return new ShardReader(shard, start == StartingPosition.LATEST ? stream.latest() : -1);
    }

    @Override
    public byte[] event(List<SourceRecord> batch) {
        ObjectNode event = KinesisWire.json().createObjectNode();
        ArrayNode records = event.putArray("Records");
        String role = invokeIdentityArn.get();
        for (SourceRecord source : batch) {
            ObjectNode kept = source.eventRecord();
            ObjectNode record = records.addObject();
            record.set("kinesis", kept.get("kinesis"));
            record.put("eventSource", "aws:kinesis");
            record.put("eventVersion", "1.0");
            record.set("eventID", kept.get("eventID"));
            record.put("eventName", "aws:kinesis:record");
            if (role != null) {
                record.put("invokeIdentityArn", role);
            }
            record.put("awsRegion", scope.region());
            record.put("eventSourceARN", streamArn);
        }
        try {
            return KinesisWire.json().writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String hint() {
        return " (does the stream exist in the mapping's account and region?)";
    }

    /** The stream, failing once it was deleted (or deleted and created anew), as the mapping's source is then gone. */
    private KinesisStream current() {
        KinesisStream now = backend.stream(scope, stream.name());
        if (now != stream) {
            throw new AwsException("ResourceNotFoundException", "Stream " + streamArn + " was deleted and created "
                    + "again; delete this mapping and create one for the new stream", 400);
        }
        return now;
    }

    private SourceRecord record(KinesisShard shard, StreamRecord stored) {
        ObjectNode record = KinesisWire.json().createObjectNode();
        ObjectNode kinesis = record.putObject("kinesis");
        kinesis.put("kinesisSchemaVersion", "1.0");
        kinesis.put("partitionKey", stored.partitionKey());
        kinesis.put("sequenceNumber", stored.sequenceNumber());
        kinesis.put("data", Base64.getEncoder().encodeToString(stored.data()));
        kinesis.put("approximateArrivalTimestamp",
                BigDecimal.valueOf(stored.approximateArrivalTimestamp().toEpochMilli(), 3));
        record.put("eventID", shard.shardId() + ":" + stored.sequenceNumber());
        return new SourceRecord(stored.sequenceNumber(), stored.approximateArrivalTimestamp(), record);
    }

    /** One shard, and the position after which the mapping has not read yet. */
    private final class ShardReader implements PartitionReader {

        private final KinesisShard shard;
        private long after;

        ShardReader(KinesisShard shard, long after) {
            this.shard = shard;
            this.after = after;
        }

        @Override
        public List<SourceRecord> read(int max) {
            List<StreamRecord> read = current().read(shard, after, Math.min(max, 10_000), backend.now());
            if (!read.isEmpty()) {
                after = read.get(read.size() - 1).position();
            }
            return read.stream().map(stored -> record(shard, stored)).toList();
        }

        @Override
        public boolean ended() {
            // Shards never close here: resharding is not emulated.
            return false;
        }

        @Override
        public void checkpoint(SourceRecord done) {
            // A stream keeps its records; the reader's position is all there is to remember.
        }
    }
}

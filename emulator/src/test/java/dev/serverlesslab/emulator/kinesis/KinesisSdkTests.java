package dev.serverlesslab.emulator.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.Tag;

/**
 * Kinesis Data Streams through the AWS SDK v2 as learners use it, in CBOR (the SDK's default encoding): streams and
 * their shards, routing by the MD5 of the partition key, every kind of shard iterator, retention and tags, and the
 * errors the SDK maps to its typed exceptions. {@link KinesisJsonSdkTests} runs the same tests in JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KinesisSdkTests {

    private static final BigInteger HASH_KEY_SPACE = BigInteger.ONE.shiftLeft(128);

    KinesisEmulator running;
    KinesisClient kinesis;

    @BeforeAll
    void start() {
        running = new KinesisEmulator();
        kinesis = running.kinesis;
    }

    @AfterAll
    void stop() {
        running.close();
    }

    /** The content type the SDK sends under this test class's settings. */
    String expectedContentType() {
        return "application/x-amz-cbor-1.1";
    }

    @Test
    void sdk_talksInItsDefaultEncoding_andIsAnsweredInIt() {
        kinesis.listStreams();
        assertFalse(running.contentTypes.isEmpty());
        assertTrue(running.contentTypes.stream().allMatch(expectedContentType()::equals), running.contentTypes
                .toString());
    }

    @Test
    void createdStream_passesTheWaiter_andIsDescribedWithItsShardsAndArn() {
        kinesis.createStream(r -> r.streamName("described").shardCount(2));
        kinesis.waiter().waitUntilStreamExists(r -> r.streamName("described"));

        StreamDescription description = kinesis.describeStream(r -> r.streamName("described")).streamDescription();
        assertEquals(StreamStatus.ACTIVE, description.streamStatus());
        assertEquals("arn:aws:kinesis:us-east-1:000000000000:stream/described", description.streamARN());
        assertEquals(StreamMode.PROVISIONED, description.streamModeDetails().streamMode());
        assertEquals(24, description.retentionPeriodHours());
        assertNotNull(description.streamCreationTimestamp());
        assertEquals(List.of("shardId-000000000000", "shardId-000000000001"),
                description.shards().stream().map(Shard::shardId).toList());
        BigInteger half = HASH_KEY_SPACE.shiftRight(1);
        assertEquals("0", description.shards().get(0).hashKeyRange().startingHashKey());
        assertEquals(half.subtract(BigInteger.ONE).toString(), description.shards().get(0).hashKeyRange()
                .endingHashKey());
        assertEquals(half.toString(), description.shards().get(1).hashKeyRange().startingHashKey());
        assertEquals(HASH_KEY_SPACE.subtract(BigInteger.ONE).toString(),
                description.shards().get(1).hashKeyRange().endingHashKey());
        assertEquals(56, description.shards().get(0).sequenceNumberRange().startingSequenceNumber().length());

        assertEquals(2, kinesis.describeStreamSummary(r -> r.streamARN(description.streamARN()))
                .streamDescriptionSummary().openShardCount());
        assertTrue(kinesis.listStreams().streamNames().contains("described"));
        assertTrue(kinesis.listStreams().streamSummaries().stream()
                .anyMatch(s -> s.streamARN().equals(description.streamARN())));
    }

    @Test
    void onDemandStream_startsWithFourShards() {
        kinesis.createStream(r -> r.streamName("on-demand").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        StreamDescription description = kinesis.describeStream(r -> r.streamName("on-demand")).streamDescription();
        assertEquals(StreamMode.ON_DEMAND, description.streamModeDetails().streamMode());
        assertEquals(4, description.shards().size());
    }

    @Test
    void records_goToTheShardWhoseHashKeyRangeHoldsTheMd5OfTheirPartitionKey() throws Exception {
        kinesis.createStream(r -> r.streamName("routed").shardCount(4));
        List<Shard> shards = kinesis.listShards(r -> r.streamName("routed")).shards();
        for (int i = 0; i < 20; i++) {
            String key = "customer-" + i;
            PutRecordResponse put = kinesis.putRecord(r -> r.streamName("routed").partitionKey(key)
                    .data(SdkBytes.fromUtf8String("order")));
            BigInteger hash = new BigInteger(1, MessageDigest.getInstance("MD5")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
            assertEquals(shardHolding(shards, hash), put.shardId(), key);
        }
        String last = HASH_KEY_SPACE.subtract(BigInteger.ONE).toString();
        assertEquals("shardId-000000000003", kinesis.putRecord(r -> r.streamName("routed").partitionKey("any")
                .explicitHashKey(last).data(SdkBytes.fromUtf8String("x"))).shardId());
        assertEquals("shardId-000000000000", kinesis.putRecord(r -> r.streamName("routed").partitionKey("any")
                .explicitHashKey("0").data(SdkBytes.fromUtf8String("x"))).shardId());
    }

    @Test
    void trimHorizon_readsAShardInWriteOrder_withDataKeysAndArrivalTimes() {
        kinesis.createStream(r -> r.streamName("ordered").shardCount(1));
        Instant before = running.emulator.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        List<String> sequenceNumbers = List.of("first", "second", "third").stream()
                .map(text -> put("ordered", "key", text).sequenceNumber()).toList();
        Instant after = running.emulator.clock().instant();

        assertTrue(sequenceNumbers.stream().allMatch(n -> n.length() == 56 && n.chars().allMatch(Character::isDigit)),
                sequenceNumbers.toString());
        assertEquals(sequenceNumbers.stream().sorted().toList(), sequenceNumbers, "sequence numbers increase");
        String iterator = iterator("ordered", ShardIteratorType.TRIM_HORIZON, null, null);
        GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(iterator).limit(2));
        assertEquals(List.of("first", "second"), texts(page.records()));
        Record first = page.records().get(0);
        assertEquals("key", first.partitionKey());
        assertEquals(sequenceNumbers.get(0), first.sequenceNumber());
        assertFalse(first.approximateArrivalTimestamp().isBefore(before), first.approximateArrivalTimestamp()
                + " is before " + before);
        assertFalse(first.approximateArrivalTimestamp().isAfter(after));
        assertTrue(page.millisBehindLatest() >= 0);

        GetRecordsResponse rest = kinesis.getRecords(r -> r.shardIterator(page.nextShardIterator()));
        assertEquals(List.of("third"), texts(rest.records()));
        GetRecordsResponse tip = kinesis.getRecords(r -> r.shardIterator(rest.nextShardIterator()));
        assertEquals(List.of(), tip.records());
        assertEquals(0, tip.millisBehindLatest());
        assertNotNull(tip.nextShardIterator(), "an open shard always has a next iterator");
        put("ordered", "key", "fourth");
        assertEquals(List.of("fourth"), texts(kinesis.getRecords(r -> r.shardIterator(tip.nextShardIterator()))
                .records()));
    }

    @Test
    void iterators_startAtOrAfterASequenceNumber_atATimestamp_orAtTheTip() {
        kinesis.createStream(r -> r.streamName("positions").shardCount(1));
        put("positions", "k", "r1");
        running.emulator.clock().advance(Duration.ofSeconds(2));
        String r2 = put("positions", "k", "r2").sequenceNumber();
        running.emulator.clock().advance(Duration.ofSeconds(2));
        Instant thirdWritten = running.emulator.clock().instant();
        put("positions", "k", "r3");
        String latest = iterator("positions", ShardIteratorType.LATEST, null, null);
        put("positions", "k", "r4");

        assertEquals(List.of("r2", "r3", "r4"), read(iterator("positions", ShardIteratorType.AT_SEQUENCE_NUMBER, r2,
                null)));
        assertEquals(List.of("r3", "r4"), read(iterator("positions", ShardIteratorType.AFTER_SEQUENCE_NUMBER, r2,
                null)));
        assertEquals(List.of("r3", "r4"), read(iterator("positions", ShardIteratorType.AT_TIMESTAMP, null,
                thirdWritten.minusMillis(500))));
        assertEquals(List.of("r4"), read(latest));

        InvalidArgumentException foreign = assertThrows(InvalidArgumentException.class, () -> iterator("positions",
                ShardIteratorType.AT_SEQUENCE_NUMBER, "49" + "0".repeat(54), null));
        assertTrue(foreign.getMessage().contains("did not come from this stream"), foreign.getMessage());
    }

    @Test
    void shardIterator_expiresFiveMinutesAfterItWasIssued_onTheEmulatorClock() {
        kinesis.createStream(r -> r.streamName("expiring").shardCount(1));
        String iterator = iterator("expiring", ShardIteratorType.TRIM_HORIZON, null, null);
        kinesis.getRecords(r -> r.shardIterator(iterator));

        running.emulator.clock().advance(Duration.ofMinutes(5).plusSeconds(1));
        ExpiredIteratorException expired = assertThrows(ExpiredIteratorException.class,
                () -> kinesis.getRecords(r -> r.shardIterator(iterator)));
        assertTrue(expired.getMessage().contains("Iterator expired"), expired.getMessage());
    }

    @Test
    void putRecords_answersEachRecordInTheOrderSent() {
        kinesis.createStream(r -> r.streamName("batched").shardCount(2));
        List<PutRecordsResultEntry> results = kinesis.putRecords(r -> r.streamName("batched").records(
                entry("a", "1"), entry("b", "2"), entry("a", "3"))).records();
        assertEquals(3, results.size());
        assertTrue(results.stream().allMatch(result -> result.errorCode() == null && result.sequenceNumber() != null));
        assertEquals(results.get(0).shardId(), results.get(2).shardId(), "one partition key, one shard");
        List<String> fromShard = read(iteratorOf("batched", results.get(0).shardId()));
        assertEquals(List.of("1", "3"), fromShard.stream().filter(text -> !text.equals("2")).toList());
    }

    @Test
    void retentionPeriod_isRaisedLoweredAndChecked_andOlderRecordsAreTrimmed() {
        kinesis.createStream(r -> r.streamName("retained").shardCount(1));
        kinesis.increaseStreamRetentionPeriod(r -> r.streamName("retained").retentionPeriodHours(48));
        assertEquals(48, kinesis.describeStreamSummary(r -> r.streamName("retained")).streamDescriptionSummary()
                .retentionPeriodHours());
        assertThrows(InvalidArgumentException.class, () -> kinesis.decreaseStreamRetentionPeriod(r -> r
                .streamName("retained").retentionPeriodHours(72)));
        assertThrows(InvalidArgumentException.class, () -> kinesis.decreaseStreamRetentionPeriod(r -> r
                .streamName("retained").retentionPeriodHours(12)));
        kinesis.decreaseStreamRetentionPeriod(r -> r.streamName("retained").retentionPeriodHours(24));

        put("retained", "k", "old");
        running.emulator.clock().advance(Duration.ofHours(25));
        put("retained", "k", "new");
        assertEquals(List.of("new"), read(iterator("retained", ShardIteratorType.TRIM_HORIZON, null, null)));
    }

    @Test
    void tags_areAddedListedAndRemoved_byStreamNameAndByArn() {
        kinesis.createStream(r -> r.streamName("tagged").shardCount(1).tags(Map.of("team", "orders")));
        kinesis.addTagsToStream(r -> r.streamName("tagged").tags(Map.of("env", "dev")));
        assertEquals(List.of("env=dev", "team=orders"), tags(kinesis.listTagsForStream(r -> r.streamName("tagged"))
                .tags()));
        String arn = kinesis.describeStreamSummary(r -> r.streamName("tagged")).streamDescriptionSummary()
                .streamARN();
        kinesis.untagResource(r -> r.resourceARN(arn).tagKeys("team"));
        kinesis.tagResource(r -> r.resourceARN(arn).tags(Map.of("owner", "me")));
        kinesis.removeTagsFromStream(r -> r.streamName("tagged").tagKeys("env"));
        assertEquals(List.of("owner=me"), tags(kinesis.listTagsForResource(r -> r.resourceARN(arn)).tags()));
    }

    @Test
    void listShards_pagesWithNextToken_andFiltersAfterAShard() {
        kinesis.createStream(r -> r.streamName("paged").shardCount(3));
        ListShardsResponse first = kinesis.listShards(r -> r.streamName("paged").maxResults(2));
        assertEquals(2, first.shards().size());
        assertNotNull(first.nextToken());
        ListShardsResponse second = kinesis.listShards(r -> r.nextToken(first.nextToken()));
        assertEquals(List.of("shardId-000000000002"), second.shards().stream().map(Shard::shardId).toList());
        assertNull(second.nextToken());
        assertEquals(List.of("shardId-000000000001", "shardId-000000000002"), kinesis.listShards(r -> r
                .streamName("paged").shardFilter(f -> f.type(ShardFilterType.AFTER_SHARD_ID)
                        .shardId("shardId-000000000000"))).shards().stream().map(Shard::shardId).toList());
    }

    @Test
    void mistakes_areAnsweredWithTheErrorsTheSdkTypes() {
        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                () -> kinesis.describeStream(r -> r.streamName("no-such-stream")));
        assertTrue(missing.getMessage().contains("Stream no-such-stream under account 000000000000 not found"),
                missing.getMessage());
        kinesis.createStream(r -> r.streamName("twice").shardCount(1));
        assertThrows(ResourceInUseException.class, () -> kinesis.createStream(r -> r.streamName("twice")
                .shardCount(1)));
        kinesis.deleteStream(r -> r.streamName("twice"));
        assertThrows(ResourceNotFoundException.class, () -> kinesis.describeStreamSummary(r -> r.streamName("twice")));

        kinesis.createStream(r -> r.streamName("fixed").shardCount(1));
        KinesisException split = assertThrows(KinesisException.class, () -> kinesis.splitShard(r -> r
                .streamName("fixed").shardToSplit("shardId-000000000000").newStartingHashKey("5")));
        assertTrue(split.getMessage().contains("SplitShard") && split.getMessage().contains("resharding"),
                split.getMessage());
        KinesisException consumer = assertThrows(KinesisException.class, () -> kinesis.registerStreamConsumer(r -> r
                .streamARN("arn:aws:kinesis:us-east-1:000000000000:stream/fixed").consumerName("c")));
        assertTrue(consumer.getMessage().contains("enhanced fan-out"), consumer.getMessage());
        KinesisException maxRecordSize = assertThrows(KinesisException.class, () -> kinesis.createStream(r -> r
                .streamName("big-records").shardCount(1).maxRecordSizeInKiB(2048)));
        assertTrue(maxRecordSize.getMessage().contains("MaxRecordSizeInKiB"), maxRecordSize.getMessage());
    }

    private PutRecordResponse put(String stream, String key, String text) {
        return kinesis.putRecord(r -> r.streamName(stream).partitionKey(key).data(SdkBytes.fromUtf8String(text)));
    }

    private String iterator(String stream, ShardIteratorType type, String sequenceNumber, Instant timestamp) {
        return kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(type).startingSequenceNumber(sequenceNumber).timestamp(timestamp)).shardIterator();
    }

    private String iteratorOf(String stream, String shardId) {
        return kinesis.getShardIterator(r -> r.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    private List<String> read(String iterator) {
        return texts(kinesis.getRecords(r -> r.shardIterator(iterator)).records());
    }

    private static List<String> texts(List<Record> records) {
        return records.stream().map(record -> record.data().asUtf8String()).toList();
    }

    private static List<String> tags(List<Tag> tags) {
        return tags.stream().map(tag -> tag.key() + "=" + tag.value()).sorted().toList();
    }

    private static PutRecordsRequestEntry entry(String key, String text) {
        return PutRecordsRequestEntry.builder().partitionKey(key).data(SdkBytes.fromUtf8String(text)).build();
    }

    private static String shardHolding(List<Shard> shards, BigInteger hash) {
        return shards.stream().filter(shard -> hash.compareTo(new BigInteger(shard.hashKeyRange().startingHashKey()))
                >= 0 && hash.compareTo(new BigInteger(shard.hashKeyRange().endingHashKey())) <= 0)
                .map(Shard::shardId).findFirst().orElseThrow();
    }
}

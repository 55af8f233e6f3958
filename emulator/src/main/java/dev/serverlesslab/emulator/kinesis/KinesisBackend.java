package dev.serverlesslab.emulator.kinesis;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.kinesis.KinesisStream.StreamMode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kinesis Data Streams' state and rules, per account and region: streams with fixed shards, records routed by the MD5
 * of their partition key, shard iterators that expire after five minutes and a retention period, all on the
 * emulator's clock so a grader can advance time. Records live in memory, as long as their stream and retention last.
 */
public final class KinesisBackend {

    /** AWS's default shard quota per account and region. */
    static final int SHARD_LIMIT = 500;
    static final int ON_DEMAND_STREAM_LIMIT = 50;
    static final int ON_DEMAND_SHARDS = 4;
    static final int MAX_TAGS = 50;
    static final int MAX_DATA_BYTES = 1024 * 1024;
    static final long MAX_GET_RECORDS_BYTES = 10L * MAX_DATA_BYTES;
    static final Duration ITERATOR_LIFETIME = Duration.ofMinutes(5);
    private static final int MIN_RETENTION_HOURS = 24;
    private static final int MAX_RETENTION_HOURS = 8760;

    private final EmulatorClock clock;
    private final AtomicLong epochs = new AtomicLong();
    private final ConcurrentMap<AccountRegion, ConcurrentSkipListMap<String, KinesisStream>> streams =
            new ConcurrentHashMap<>();

    public KinesisBackend(EmulatorClock clock) {
        this.clock = clock;
    }

    /** Where a record went: the shard and the sequence number it was given. */
    record PutResult(String shardId, String sequenceNumber) {
    }

    /** One record of a PutRecords call. */
    record PutEntry(String partitionKey, String explicitHashKey, byte[] data) {
    }

    /** What GetRecords answers: the records, where to read next, and how far behind the tip that is. */
    record RecordsPage(List<StreamRecord> records, String nextShardIterator, long millisBehindLatest) {
    }

    /** DescribeLimits' numbers for one account and region. */
    record Limits(int shardLimit, int openShardCount, int onDemandStreamCount, int onDemandStreamCountLimit) {
    }

    public synchronized void createStream(AccountRegion scope, String name, Integer shardCount, String mode,
            Map<String, String> tags) {
        checkName(name);
        StreamMode streamMode = mode(mode, shardCount);
        if (streamMode == StreamMode.PROVISIONED && shardCount == null) {
            throw KinesisErrors.invalidArgument("ShardCount is required for a PROVISIONED stream; set it, or create "
                    + "an ON_DEMAND stream (StreamModeDetails StreamMode ON_DEMAND)");
        }
        if (streamMode == StreamMode.ON_DEMAND && shardCount != null) {
            throw KinesisErrors.invalidArgument("ShardCount cannot be set for an ON_DEMAND stream; leave it out or "
                    + "create a PROVISIONED stream");
        }
        int shards = streamMode == StreamMode.ON_DEMAND ? ON_DEMAND_SHARDS : shardCount;
        if (shards < 1) {
            throw KinesisErrors.validation("shardCount", shards, "Member must have value greater than or equal to 1");
        }
        if (tags.size() > MAX_TAGS) {
            throw KinesisErrors.invalidArgument("A stream can have at most " + MAX_TAGS + " tags; got " + tags.size());
        }
        Limits limits = limits(scope);
        if (limits.openShardCount() + shards > limits.shardLimit()) {
            throw KinesisErrors.limitExceeded("This request would exceed the shard limit for the account "
                    + scope.accountId() + " in " + scope.region() + ". Current shard count for the account: "
                    + limits.openShardCount() + ". Limit: " + limits.shardLimit() + ". Number of additional shards "
                    + "that would have resulted from this request: " + shards + ".");
        }
        if (streamMode == StreamMode.ON_DEMAND && limits.onDemandStreamCount() >= ON_DEMAND_STREAM_LIMIT) {
            throw KinesisErrors.limitExceeded("This account already has " + ON_DEMAND_STREAM_LIMIT
                    + " ON_DEMAND streams in " + scope.region() + ", the limit");
        }
        ConcurrentSkipListMap<String, KinesisStream> region = region(scope);
        if (region.containsKey(name)) {
            throw KinesisErrors.streamExists(scope, name);
        }
        Instant now = clock.instant();
        long epoch = epochs.updateAndGet(last -> Math.max(last + 1, now.toEpochMilli()));
        KinesisStream stream = new KinesisStream(name, arn(scope, name), now, epoch, streamMode, shards);
        stream.tag(tags, MAX_TAGS);
        region.put(name, stream);
    }

    public void deleteStream(AccountRegion scope, String name) {
        if (region(scope).remove(stream(scope, name).name()) == null) {
            throw KinesisErrors.streamNotFound(scope, name);
        }
    }

    /** The stream by name; ResourceNotFoundException when the account has none of that name in the region. */
    KinesisStream stream(AccountRegion scope, String name) {
        if (name == null) {
            throw KinesisErrors.invalidArgument("StreamName or StreamARN is required");
        }
        KinesisStream stream = region(scope).get(name);
        if (stream == null) {
            throw KinesisErrors.streamNotFound(scope, name);
        }
        return stream;
    }

    /** The region's streams in name order. */
    List<KinesisStream> streams(AccountRegion scope) {
        return List.copyOf(region(scope).values());
    }

    public PutResult putRecord(AccountRegion scope, String name, String partitionKey, String explicitHashKey,
            byte[] data) {
        KinesisStream stream = stream(scope, name);
        StreamRecord record = put(stream, new PutEntry(partitionKey, explicitHashKey, data));
        return new PutResult(shardOf(stream, record), record.sequenceNumber());
    }

    /** Every entry is checked before any is written, as AWS fails the whole call for a malformed entry. */
    List<PutResult> putRecords(AccountRegion scope, String name, List<PutEntry> entries) {
        KinesisStream stream = stream(scope, name);
        if (entries.isEmpty() || entries.size() > 500) {
            throw KinesisErrors.validation("records", entries.size() + " records",
                    "Member must have length between 1 and 500");
        }
        long total = 0;
        for (PutEntry entry : entries) {
            check(entry);
            total += entry.data().length + entry.partitionKey().getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > 5L * MAX_DATA_BYTES) {
            throw KinesisErrors.invalidArgument("Records size exceeds 5 MB limit");
        }
        List<PutResult> results = new ArrayList<>();
        for (PutEntry entry : entries) {
            StreamRecord record = put(stream, entry);
            results.add(new PutResult(shardOf(stream, record), record.sequenceNumber()));
        }
        return results;
    }

    String getShardIterator(AccountRegion scope, String name, String shardId, String type, String sequenceNumber,
            Instant timestamp) {
        KinesisStream stream = stream(scope, name);
        KinesisShard shard = shard(scope, stream, shardId);
        Instant now = clock.instant();
        if (type == null) {
            throw KinesisErrors.invalidArgument("ShardIteratorType is required: AT_SEQUENCE_NUMBER, "
                    + "AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST or AT_TIMESTAMP");
        }
        long after = switch (type) {
            case "TRIM_HORIZON" -> -1;
            case "LATEST" -> stream.latest();
            case "AT_SEQUENCE_NUMBER" -> position(scope, stream, shard, sequenceNumber) - 1;
            case "AFTER_SEQUENCE_NUMBER" -> position(scope, stream, shard, sequenceNumber);
            case "AT_TIMESTAMP" -> {
                if (timestamp == null) {
                    throw KinesisErrors.invalidArgument("Must specify timestampInMillis parameter for iterator of "
                            + "type AT_TIMESTAMP. Current request has no timestamp parameter.");
                }
                yield stream.positionBefore(shard, timestamp, now);
            }
            default -> throw KinesisErrors.validation("shardIteratorType", type, "Member must satisfy enum value "
                    + "set: [AFTER_SEQUENCE_NUMBER, AT_SEQUENCE_NUMBER, AT_TIMESTAMP, TRIM_HORIZON, LATEST]");
        };
        if (!type.endsWith("SEQUENCE_NUMBER") && sequenceNumber != null) {
            throw KinesisErrors.invalidArgument("Request specified StartingSequenceNumber for iterator type " + type
                    + "; it is only read for AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER");
        }
        return new ShardIterator(scope, stream.name(), stream.epoch(), shard.shardId(), after, now)
                .encode();
    }

    RecordsPage getRecords(AccountRegion scope, String iteratorText, int limit) {
        ShardIterator iterator = ShardIterator.decode(iteratorText);
        Instant now = clock.instant();
        if (!iterator.scope().equals(scope)) {
            throw KinesisErrors.invalidArgument("The ShardIterator was issued for account "
                    + iterator.scope().accountId() + " in " + iterator.scope().region() + ", not this one");
        }
        if (now.isAfter(iterator.issued().plus(ITERATOR_LIFETIME))) {
            throw KinesisErrors.expiredIterator("Iterator expired. The iterator was created at time "
                    + iterator.issued() + " while right now it is " + now + " which is further in the future than "
                    + "the tolerated delay of " + ITERATOR_LIFETIME.toMillis() + " milliseconds.");
        }
        KinesisStream stream = stream(scope, iterator.streamName());
        if (stream.epoch() != iterator.streamEpoch()) {
            throw KinesisErrors.streamNotFound(scope, iterator.streamName());
        }
        KinesisShard shard = shard(scope, stream, iterator.shardId());
        List<StreamRecord> records = withinResponseSize(stream.read(shard, iterator.after(), limit, now));
        long position = records.isEmpty() ? iterator.after() : records.get(records.size() - 1).position();
        StreamRecord next = stream.next(shard, position, now);
        long behind = next == null ? 0
                : Math.max(0, Duration.between(next.approximateArrivalTimestamp(), now).toMillis());
        return new RecordsPage(records, iterator.at(position, now).encode(), behind);
    }

    /** GetRecords answers at most 10 MiB of data; the rest waits for the next call, as on AWS. */
    private static List<StreamRecord> withinResponseSize(List<StreamRecord> records) {
        long total = 0;
        for (int i = 0; i < records.size(); i++) {
            total += records.get(i).data().length;
            if (total > MAX_GET_RECORDS_BYTES && i > 0) {
                return records.subList(0, i);
            }
        }
        return records;
    }

    void increaseRetention(AccountRegion scope, String name, int hours) {
        KinesisStream stream = stream(scope, name);
        checkRetention(hours);
        synchronized (stream) {
            if (hours < stream.retentionPeriodHours()) {
                throw KinesisErrors.invalidArgument("Requested retention period (" + hours + " hours) for stream "
                        + name + " can not be shorter than existing retention period (" + stream.retentionPeriodHours()
                        + " hours). Use DecreaseRetentionPeriod API.");
            }
            stream.retentionPeriodHours(hours);
        }
    }

    void decreaseRetention(AccountRegion scope, String name, int hours) {
        KinesisStream stream = stream(scope, name);
        checkRetention(hours);
        synchronized (stream) {
            if (hours > stream.retentionPeriodHours()) {
                throw KinesisErrors.invalidArgument("Requested retention period (" + hours + " hours) for stream "
                        + name + " can not be longer than existing retention period (" + stream.retentionPeriodHours()
                        + " hours). Use IncreaseRetentionPeriod API.");
            }
            stream.retentionPeriodHours(hours);
        }
    }

    void addTags(AccountRegion scope, String name, Map<String, String> tags) {
        if (tags.isEmpty()) {
            throw KinesisErrors.invalidArgument("Tags must name at least one tag");
        }
        stream(scope, name).tag(tags, MAX_TAGS);
    }

    void removeTags(AccountRegion scope, String name, List<String> keys) {
        stream(scope, name).untag(keys);
    }

    /** Switching mode keeps the shards, as AWS does; the emulator never scales an ON_DEMAND stream's shards. */
    void updateStreamMode(AccountRegion scope, String name, String mode) {
        KinesisStream stream = stream(scope, name);
        StreamMode target = mode(mode, null);
        if (target == StreamMode.ON_DEMAND && stream.mode() != StreamMode.ON_DEMAND
                && limits(scope).onDemandStreamCount() >= ON_DEMAND_STREAM_LIMIT) {
            throw KinesisErrors.limitExceeded("This account already has " + ON_DEMAND_STREAM_LIMIT
                    + " ON_DEMAND streams in " + scope.region() + ", the limit");
        }
        stream.mode(target);
    }

    Limits limits(AccountRegion scope) {
        int shards = 0;
        int onDemand = 0;
        for (KinesisStream stream : region(scope).values()) {
            shards += stream.shards().size();
            onDemand += stream.mode() == StreamMode.ON_DEMAND ? 1 : 0;
        }
        return new Limits(SHARD_LIMIT, shards, onDemand, ON_DEMAND_STREAM_LIMIT);
    }

    /** The clock records are stamped with, for readers in this package. */
    Instant now() {
        return clock.instant();
    }

    static String arn(AccountRegion scope, String name) {
        return "arn:aws:kinesis:" + scope.region() + ":" + scope.accountId() + ":stream/" + name;
    }

    private StreamRecord put(KinesisStream stream, PutEntry entry) {
        check(entry);
        BigInteger hashKey = entry.explicitHashKey() != null ? explicitHashKey(entry.explicitHashKey())
                : md5(entry.partitionKey());
        return stream.put(hashKey, entry.partitionKey(), entry.data(), clock.instant());
    }

    private static void check(PutEntry entry) {
        String key = entry.partitionKey();
        if (key == null) {
            throw KinesisErrors.validation("partitionKey", null, "Member must not be null");
        }
        if (key.isEmpty() || key.codePointCount(0, key.length()) > 256) {
            throw KinesisErrors.validation("partitionKey", key, "Member must have length between 1 and 256");
        }
        if (entry.data() == null) {
            throw KinesisErrors.validation("data", null, "Member must not be null");
        }
        if (entry.data().length > MAX_DATA_BYTES) {
            throw KinesisErrors.validation("data", "java.nio.HeapByteBuffer[pos=0 lim=" + entry.data().length + "]",
                    "Member must have length less than or equal to " + MAX_DATA_BYTES);
        }
        if (entry.explicitHashKey() != null) {
            explicitHashKey(entry.explicitHashKey());
        }
    }

    /** Kinesis maps a partition key to the unsigned 128-bit integer of its UTF-8 bytes' MD5. */
    static BigInteger md5(String partitionKey) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has MD5", e);
        }
    }

    private static BigInteger explicitHashKey(String text) {
        if (!text.matches("0|([1-9]\\d{0,38})")) {
            throw KinesisErrors.validation("explicitHashKey", text, "Member must satisfy regular expression pattern: "
                    + "0|([1-9]\\d{0,38})");
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(KinesisStream.HASH_KEY_SPACE) >= 0) {
            throw KinesisErrors.invalidArgument("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: "
                    + "[0, 2^128-1]. Specified value was " + text);
        }
        return value;
    }

    private static String shardOf(KinesisStream stream, StreamRecord record) {
        return stream.shards().get(Integer.parseInt(record.sequenceNumber().substring(SequenceNumbers.LENGTH - 3)))
                .shardId();
    }

    private static KinesisShard shard(AccountRegion scope, KinesisStream stream, String shardId) {
        if (shardId == null) {
            throw KinesisErrors.invalidArgument("ShardId is required");
        }
        KinesisShard shard = stream.shard(shardId);
        if (shard == null) {
            throw new AwsException("ResourceNotFoundException", "Shard " + shardId
                    + " in stream " + stream.name() + " under account " + scope.accountId() + " does not exist", 400);
        }
        return shard;
    }

    private static long position(AccountRegion scope, KinesisStream stream, KinesisShard shard, String number) {
        if (number == null) {
            throw KinesisErrors.invalidArgument("StartingSequenceNumber is required for AT_SEQUENCE_NUMBER and "
                    + "AFTER_SEQUENCE_NUMBER iterators");
        }
        return stream.sequenceNumbers().position(number, shard.index()).orElseThrow(() ->
                KinesisErrors.invalidArgument("StartingSequenceNumber " + number + " used in GetShardIterator on shard "
                        + shard.shardId() + " in stream " + stream.name() + " under account " + scope.accountId()
                        + " is invalid because it did not come from this stream."));
    }

    private static StreamMode mode(String mode, Integer shardCount) {
        if (mode == null) {
            return shardCount == null ? StreamMode.ON_DEMAND : StreamMode.PROVISIONED;
        }
        try {
            return StreamMode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw KinesisErrors.validation("streamModeDetails.streamMode", mode,
                    "Member must satisfy enum value set: [ON_DEMAND, PROVISIONED]");
        }
    }

    private static void checkName(String name) {
        if (name == null) {
            throw KinesisErrors.validation("streamName", null, "Member must not be null");
        }
        if (name.isEmpty() || name.length() > 128 || !name.matches("[a-zA-Z0-9_.-]+")) {
            throw KinesisErrors.validation("streamName", name, "Member must have length between 1 and 128 and "
                    + "satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
    }

    private static void checkRetention(int hours) {
        if (hours < MIN_RETENTION_HOURS) {
            throw KinesisErrors.invalidArgument("Minimum allowed retention period is " + MIN_RETENTION_HOURS
                    + " hours. Requested retention period (" + hours + " hours) is too short.");
        }
        if (hours > MAX_RETENTION_HOURS) {
            throw KinesisErrors.invalidArgument("Maximum allowed retention period is " + MAX_RETENTION_HOURS
                    + " hours. Requested retention period (" + hours + " hours) is too long.");
        }
    }

    private ConcurrentSkipListMap<String, KinesisStream> region(AccountRegion scope) {
        return streams.computeIfAbsent(scope, key -> new ConcurrentSkipListMap<>());
    }
}

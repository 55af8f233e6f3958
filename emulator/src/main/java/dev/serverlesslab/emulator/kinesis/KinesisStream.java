package dev.serverlesslab.emulator.kinesis;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One data stream: its shards, records, retention and tags. Every method holds the stream's lock, so a put and a read
 * of the same stream never interleave and positions stay in write order.
 */
final class KinesisStream {

    /** The 128-bit hash key space that partition keys are hashed into (MD5). */
    static final BigInteger HASH_KEY_SPACE = BigInteger.ONE.shiftLeft(128);

    private final String name;
    private final String arn;
    private final Instant created;
    private final long epoch;
    private final SequenceNumbers sequenceNumbers;
    private final List<KinesisShard> shards = new ArrayList<>();
    private final Map<String, String> tags = new TreeMap<>();
    private StreamMode mode;
    private int retentionPeriodHours = 24;
    private long position;

    /** PROVISIONED streams keep the shards asked for; ON_DEMAND ones start with four, as AWS's do. */
    enum StreamMode {
        PROVISIONED,
        ON_DEMAND
    }

    /**
     * @param epoch unique to this stream among all streams of the emulator, increasing: a stream deleted and created
     *     again under its name refuses the old one's iterators and sequence numbers
     */
    KinesisStream(String name, String arn, Instant created, long epoch, StreamMode mode, int shardCount) {
        this.name = name;
        this.arn = arn;
        this.created = created;
        this.epoch = epoch;
        this.mode = mode;
        this.sequenceNumbers = new SequenceNumbers(epoch);
        // AWS splits the hash key space evenly, the last shard taking what the division leaves over.
        BigInteger width = HASH_KEY_SPACE.divide(BigInteger.valueOf(shardCount));
        for (int i = 0; i < shardCount; i++) {
            BigInteger start = width.multiply(BigInteger.valueOf(i));
            BigInteger end = i == shardCount - 1 ? HASH_KEY_SPACE.subtract(BigInteger.ONE)
                    : start.add(width).subtract(BigInteger.ONE);
            shards.add(new KinesisShard(i, start, end, sequenceNumbers.of(0, i)));
        }
    }

    String name() {
        return name;
    }

    String arn() {
        return arn;
    }

    Instant created() {
        return created;
    }

    long epoch() {
        return epoch;
    }

    SequenceNumbers sequenceNumbers() {
        return sequenceNumbers;
    }

    synchronized StreamMode mode() {
        return mode;
    }

    synchronized void mode(StreamMode newMode) {
        mode = newMode;
    }

    synchronized int retentionPeriodHours() {
        return retentionPeriodHours;
    }

    synchronized void retentionPeriodHours(int hours) {
        retentionPeriodHours = hours;
    }

    /** The shards, in shard id order; a stream's shard list never changes (resharding is not emulated). */
    List<KinesisShard> shards() {
        return List.copyOf(shards);
    }

    KinesisShard shard(String shardId) {
        return shards.stream().filter(shard -> shard.shardId().equals(shardId)).findFirst().orElse(null);
    }

    synchronized Map<String, String> tags() {
        return new LinkedHashMap<>(tags);
    }

    synchronized void tag(Map<String, String> added, int limit) {
        Map<String, String> merged = new TreeMap<>(tags);
        merged.putAll(added);
        if (merged.size() > limit) {
            throw KinesisErrors.limitExceeded("Stream " + name + " would have " + merged.size()
                    + " tags; a stream can have at most " + limit);
        }
        tags.putAll(added);
    }

    synchronized void untag(List<String> keys) {
        keys.forEach(tags::remove);
    }

    /** Appends a record to the shard whose range holds the hash key; now is its arrival time. */
    synchronized StreamRecord put(BigInteger hashKey, String partitionKey, byte[] data, Instant now) {
        KinesisShard shard = shards.stream().filter(s -> s.covers(hashKey)).findFirst().orElseThrow();
        trim(shard, now);
        position++;
        StreamRecord record = new StreamRecord(position, sequenceNumbers.of(position, shard.index()), partitionKey,
                data.clone(), now);
        shard.add(record);
        return record;
    }

    /** Up to {@code max} records of the shard written after {@code after}, within the retention period. */
    synchronized List<StreamRecord> read(KinesisShard shard, long after, int max, Instant now) {
        trim(shard, now);
        return shard.after(after, max);
    }

    /** The first record after {@code after} still kept, or null: how far a reader is behind the tip. */
    synchronized StreamRecord next(KinesisShard shard, long after, Instant now) {
        trim(shard, now);
        return shard.next(after);
    }

    /** The position of the latest record written to the stream: reading after it gets only later records. */
    synchronized long latest() {
        return position;
    }

    synchronized long positionBefore(KinesisShard shard, Instant time, Instant now) {
        trim(shard, now);
        return shard.positionBefore(time, position);
    }

    private void trim(KinesisShard shard, Instant now) {
        shard.trim(now.minus(Duration.ofHours(retentionPeriodHours)));
    }
}

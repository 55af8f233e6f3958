package dev.serverlesslab.emulator.kinesis;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One open shard: its slice of the 128-bit hash key space and its records in the order they were written. Guarded
 * by its stream's lock.
 */
final class KinesisShard {

    private final int index;
    private final String shardId;
    private final BigInteger startingHashKey;
    private final BigInteger endingHashKey;
    private final String startingSequenceNumber;
    private final List<StreamRecord> records = new ArrayList<>();

    KinesisShard(int index, BigInteger startingHashKey, BigInteger endingHashKey, String startingSequenceNumber) {
        this.index = index;
        this.shardId = String.format("shardId-%012d", index);
        this.startingHashKey = startingHashKey;
        this.endingHashKey = endingHashKey;
        this.startingSequenceNumber = startingSequenceNumber;
    }

    int index() {
        return index;
    }

    String shardId() {
        return shardId;
    }

    BigInteger startingHashKey() {
        return startingHashKey;
    }

    BigInteger endingHashKey() {
        return endingHashKey;
    }

    String startingSequenceNumber() {
        return startingSequenceNumber;
    }

    boolean covers(BigInteger hashKey) {
        return hashKey.compareTo(startingHashKey) >= 0 && hashKey.compareTo(endingHashKey) <= 0;
    }

    void add(StreamRecord record) {
        records.add(record);
    }

    /** Forgets records that arrived before {@code oldest}: the retention period is over for them. */
    void trim(Instant oldest) {
        int expired = 0;
        while (expired < records.size() && records.get(expired).approximateArrivalTimestamp().isBefore(oldest)) {
            expired++;
        }
        records.subList(0, expired).clear();
    }

    /** Up to {@code max} records written after position {@code after}, oldest first. */
    List<StreamRecord> after(long after, int max) {
        int from = firstAfter(after);
        return List.copyOf(records.subList(from, Math.min(records.size(), from + max)));
    }

    /** The first record written after position {@code after}, or null when there is none yet. */
    StreamRecord next(long after) {
        int from = firstAfter(after);
        return from < records.size() ? records.get(from) : null;
    }

    /** The position just before the first record that arrived at or after {@code time}. */
    long positionBefore(Instant time, long latest) {
        for (StreamRecord record : records) {
            if (!record.approximateArrivalTimestamp().isBefore(time)) {
                return record.position() - 1;
            }
        }
        return latest;
    }

    private int firstAfter(long after) {
        int low = 0;
        int high = records.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (records.get(middle).position() <= after) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}

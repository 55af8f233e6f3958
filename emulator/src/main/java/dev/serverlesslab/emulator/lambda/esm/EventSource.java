package dev.serverlesslab.emulator.lambda.esm;

import java.util.List;

/**
 * Where an event source mapping reads records from. A stream (DynamoDB Streams, Kinesis) has shards; a
 * queue (SQS) has one partition whose reader receives messages and deletes them at checkpoint. The
 * poller only sees partitions, readers and records, so a new source is one more implementation of this interface.
 */
public interface EventSource {

    /** The source's partitions as they are now: open and closed shards of a stream. */
    List<String> partitions();

    /**
     * A reader of one partition, positioned as the mapping's starting position says for a partition the mapping has
     * not read before.
     */
    PartitionReader open(String partition, StartingPosition start);

    /** The event the function receives for one batch of records, as Lambda builds it for this kind of source. */
    byte[] event(List<SourceRecord> batch);

    /** True for streams (a mapping must say where to start); false for queues, which take no StartingPosition. */
    default boolean requiresStartingPosition() {
        return true;
    }

    /**
     * True for queues (SQS): a batch's records stay in flight while the function runs, each record the function
     * finished is deleted ({@link PartitionReader#checkpoint} of that record alone), and failed ones are not retried
     * by the poller but come back when the queue makes them visible again. False for streams, read in order with
     * retries.
     */
    default boolean isQueue() {
        return false;
    }

    /** Added to the error when the first read fails, e.g. what to check about the source; empty by default. */
    default String hint() {
        return "";
    }

    /** Reads one partition in order and remembers how far the mapping got. */
    interface PartitionReader {

        /** Up to {@code max} records after those read before; empty when none are there yet. */
        List<SourceRecord> read(int max);

        /** True once the partition is closed and everything in it was read (a stream shard that split). */
        boolean ended();

        /** Everything up to and including {@code done} is processed (or skipped): a queue deletes it. */
        void checkpoint(SourceRecord done);
    }

    /** Where a mapping starts reading a partition it has not read before. */
    enum StartingPosition {
        TRIM_HORIZON,
        LATEST
    }
}

package dev.serverlesslab.emulator.kinesis;

import java.time.Instant;

/**
 * One data record as a shard keeps it.
 *
 * @param position the stream-wide counter the record's sequence number encodes; later puts have larger ones
 * @param sequenceNumber the record's 56-digit sequence number
 * @param approximateArrivalTimestamp when the stream accepted it, on the emulator's clock
 */
record StreamRecord(long position, String sequenceNumber, String partitionKey, byte[] data,
        Instant approximateArrivalTimestamp) {
}

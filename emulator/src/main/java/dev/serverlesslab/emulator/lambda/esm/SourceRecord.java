package dev.serverlesslab.emulator.lambda.esm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One record read from an event source.
 *
 * @param id what {@code batchItemFailures[].itemIdentifier} names: a stream record's sequence number
 * @param created when the record was written, for {@code MaximumRecordAgeInSeconds}
 * @param eventRecord the record as the function's event carries it
 */
public record SourceRecord(String id, Instant created, ObjectNode eventRecord) {
}

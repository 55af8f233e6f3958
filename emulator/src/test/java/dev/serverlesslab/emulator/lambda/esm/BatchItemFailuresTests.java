package dev.serverlesslab.emulator.lambda.esm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a handler's {@code batchItemFailures} answer decides where a stream batch is retried from, as on AWS. */
class BatchItemFailuresTests {

    private final List<SourceRecord> batch = List.of(record("100"), record("200"), record("300"));

    @Test
    void noFailures_anEmptyList_orAnAnswerThatIsNotJson_meanSuccess() {
        assertEquals(-1, firstFailed("{\"batchItemFailures\":[]}"));
        assertEquals(-1, firstFailed("{\"batchItemFailures\":null}"));
        assertEquals(-1, firstFailed("\"done\""));
        assertEquals(-1, firstFailed("not json"));
    }

    @Test
    void severalFailures_retryFromTheLowestSequenceNumber() {
        assertEquals(1, firstFailed("{\"batchItemFailures\":[{\"itemIdentifier\":\"300\"},"
                + "{\"itemIdentifier\":\"200\"}]}"));
    }

    @Test
    void anIdentifierNotInTheBatch_orEmpty_failsTheWholeBatch() {
        assertEquals(0, firstFailed("{\"batchItemFailures\":[{\"itemIdentifier\":\"999\"}]}"));
        assertEquals(0, firstFailed("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}"));
        assertEquals(0, firstFailed("{\"batchItemFailures\":[{}]}"));
    }

    private int firstFailed(String answer) {
        return MappingPoller.itemFailures(batch, answer.getBytes(StandardCharsets.UTF_8)).firstFailed();
    }

    private static SourceRecord record(String sequenceNumber) {
        return new SourceRecord(sequenceNumber, Instant.now(), JsonNodeFactory.instance.objectNode());
    }
}

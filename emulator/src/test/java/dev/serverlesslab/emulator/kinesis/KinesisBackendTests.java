package dev.serverlesslab.emulator.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.core.Targets;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kinesis's rules without HTTP: deliveries from other services, limits, and iterators that are not ours. */
class KinesisBackendTests {

    private static final AccountRegion SCOPE = new AccountRegion("000000000000", "eu-west-1");

    private final KinesisBackend backend = new KinesisBackend(new EmulatorClock());

    @Test
    void delivery_becomesARecord_underTheGroupIdAsPartitionKey() {
        backend.createStream(SCOPE, "events", 1, null, Map.of());
        KinesisTarget target = new KinesisTarget(backend);
        String arn = "arn:aws:kinesis:eu-west-1:000000000000:stream/events";

        target.deliver(Targets.Delivery.of(arn, "{\"detail\":1}", "events.amazonaws.com", null, null)
                .withGroup("order-7", null));
        target.deliver(Targets.Delivery.of(arn, "second", "events.amazonaws.com", null, null));

        String iterator = backend.getShardIterator(SCOPE, "events", "shardId-000000000000", "TRIM_HORIZON", null,
                null);
        List<StreamRecord> records = backend.getRecords(SCOPE, iterator, 10).records();
        assertEquals("order-7", records.get(0).partitionKey());
        assertEquals("{\"detail\":1}", new String(records.get(0).data(), StandardCharsets.UTF_8));
        assertEquals(36, records.get(1).partitionKey().length(), "a random partition key without a group id");
        AwsException missing = assertThrows(AwsException.class, () -> target.deliver(Targets.Delivery.of(
                "arn:aws:kinesis:eu-west-1:000000000000:stream/nope", "x", null, null, null)));
        assertEquals("ResourceNotFoundException", missing.code());
    }

    @Test
    void shardLimit_ofTheAccountAndRegion_isEnforced() {
        backend.createStream(SCOPE, "big", 400, "PROVISIONED", Map.of());
        AwsException over = assertThrows(AwsException.class,
                () -> backend.createStream(SCOPE, "bigger", 101, null, Map.of()));
        assertEquals("LimitExceededException", over.code());
        assertEquals(400, backend.limits(SCOPE).openShardCount());
    }

    @Test
    void iteratorsFromElsewhere_areRefusedAsInvalid() {
        backend.createStream(SCOPE, "mine", 1, null, Map.of());
        AwsException garbage = assertThrows(AwsException.class, () -> backend.getRecords(SCOPE, "not-an-iterator",
                10));
        assertEquals("InvalidArgumentException", garbage.code());
        String iterator = backend.getShardIterator(SCOPE, "mine", "shardId-000000000000", "LATEST", null, null);
        AwsException otherRegion = assertThrows(AwsException.class, () -> backend.getRecords(
                new AccountRegion("000000000000", "us-east-1"), iterator, 10));
        assertEquals("InvalidArgumentException", otherRegion.code());
        backend.deleteStream(SCOPE, "mine");
        backend.createStream(SCOPE, "mine", 1, null, Map.of());
        AwsException recreated = assertThrows(AwsException.class, () -> backend.getRecords(SCOPE, iterator, 10));
        assertTrue(recreated.getMessage().contains("mine"), recreated.getMessage());
    }
}

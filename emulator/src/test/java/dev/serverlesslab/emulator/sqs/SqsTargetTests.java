package dev.serverlesslab.emulator.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.core.Targets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deliveries other services make to queues through {@link Targets}, read back as a consumer would. */
class SqsTargetTests {

    private static final AccountRegion SCOPE = new AccountRegion("000000000000", "us-east-1");

    private final SqsBackend backend = new SqsBackend(new EmulatorClock());
    private final Targets targets = new Targets();

    SqsTargetTests() {
        targets.register("sqs", new SqsTarget(backend));
    }

    @Test
    void delivery_becomesAMessageWithItsAttributes_andFifoGroupAndDeduplication() {
        SqsQueue fifo = backend.createQueue(SCOPE, "events.fifo", Map.of("FifoQueue", "true"), Map.of());
        Targets.Delivery delivery = Targets.Delivery.of(fifo.arn, "{\"hello\":1}", "sns.amazonaws.com",
                "arn:aws:sns:us-east-1:000000000000:topic", "000000000000")
                .withAttributes(Map.of("kind", Targets.MessageAttribute.string("greeting")))
                .withGroup("g-1", "d-1");

        targets.deliver(delivery);
        targets.deliver(delivery);

        List<ReceivedMessage> received = backend.receive(fifo, 10, null, 0);
        assertEquals(1, received.size(), "the second delivery is a duplicate within five minutes");
        assertEquals("{\"hello\":1}", received.get(0).body());
        assertEquals("greeting", received.get(0).messageAttributes().get("kind").stringValue());
        assertEquals("g-1", received.get(0).attributes().get("MessageGroupId"));
        assertEquals("sns.amazonaws.com", received.get(0).attributes().get("SenderId"));
    }

    @Test
    void deliveryToAMissingQueue_failsWithQueueDoesNotExist() {
        AwsException error = assertThrows(AwsException.class, () -> targets.deliver(Targets.Delivery.of(
                "arn:aws:sqs:us-east-1:000000000000:gone", "x", "s3.amazonaws.com", null, null)));
        assertEquals("QueueDoesNotExist", error.code());
    }
}

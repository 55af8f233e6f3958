package dev.serverlesslab.emulator.lambda.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.Targets;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DestinationsTests {

    private static final AccountRegion SCOPE = new AccountRegion("111122223333", "eu-west-1");
    private static final String FUNCTION = "arn:aws:lambda:eu-west-1:111122223333:function:orders:1";

    private final List<Targets.Delivery> delivered = new ArrayList<>();

    @Test
    void aQueueDestinationOfAServedServiceGetsTheRecordAsItsMessage() {
        Targets targets = new Targets();
        targets.register("sqs", delivered::add);
        Destinations destinations = new Destinations((scope, arn, record) -> { }, targets);
        String queue = "arn:aws:sqs:eu-west-1:111122223333:failed";

        destinations.check("DestinationConfig.OnFailure.Destination", queue);
        destinations.send(SCOPE, queue, record("RetriesExhausted"));

        assertEquals(1, delivered.size());
        assertEquals(queue, delivered.get(0).targetArn());
        assertTrue(delivered.get(0).body().contains("\"condition\":\"RetriesExhausted\""), delivered.get(0).body());
    }

    @Test
    void aBusDestinationGetsAnEventWhoseDetailIsTheRecord() throws Exception {
        Targets targets = new Targets();
        targets.register("events", delivered::add);
        Destinations destinations = new Destinations((scope, arn, record) -> { }, targets);
        String bus = "arn:aws:events:eu-west-1:111122223333:event-bus/default";

        destinations.send(SCOPE, bus, record("Success"));

        JsonNode entry = new ObjectMapper().readTree(delivered.get(0).body());
        assertEquals("lambda", entry.path("Source").asText());
        assertEquals("Lambda Function Invocation Result - Success", entry.path("DetailType").asText());
        assertEquals(bus, entry.path("Resources").path(0).asText(), "the bus, then the function, as AWS lists them");
        assertEquals(FUNCTION, entry.path("Resources").path(1).asText());
        assertEquals("Success", new ObjectMapper().readTree(entry.path("Detail").asText())
                .path("requestContext").path("condition").asText());
        AwsException rule = assertThrows(AwsException.class, () -> destinations.check("OnSuccess",
                "arn:aws:events:eu-west-1:111122223333:rule/nightly"));
        assertTrue(rule.getMessage().contains("event bus"), rule.getMessage());
    }

    @Test
    void aDestinationOfAServiceNotServedIsRefusedNamingIt() {
        Destinations destinations = new Destinations((scope, arn, record) -> { }, new Targets());
        AwsException sns = assertThrows(AwsException.class, () -> destinations.check(
                "DestinationConfig.OnSuccess.Destination", "arn:aws:sns:eu-west-1:111122223333:done"));
        assertTrue(sns.getMessage().contains("does not serve SNS"), sns.getMessage());
        assertTrue(sns.getMessage().contains("DestinationConfig.OnSuccess.Destination"), sns.getMessage());
    }

    @Test
    void aDeadLetterTopicGetsTheEventWithAwsAttributes_andAMissingTopicIsRefused() {
        String topic = "arn:aws:sns:eu-west-1:111122223333:failed";
        Targets targets = new Targets();
        targets.register("sns", new Targets.Target() {
            @Override
            public void deliver(Targets.Delivery delivery) {
                delivered.add(delivery);
            }

            @Override
            public boolean exists(String arn) {
                return topic.equals(arn);
            }
        });
        Destinations destinations = new Destinations((scope, arn, record) -> { }, targets);

        destinations.checkDeadLetterTarget(topic);
        destinations.sendDeadLetter(SCOPE, topic, "{\"id\":1}".getBytes(StandardCharsets.UTF_8), "req-1", 200,
                "x".repeat(2000));

        Targets.Delivery delivery = delivered.get(0);
        assertEquals("{\"id\":1}", delivery.body());
        assertEquals("req-1", delivery.attributes().get("RequestID").stringValue());
        assertEquals("Number", delivery.attributes().get("ErrorCode").dataType());
        assertEquals("200", delivery.attributes().get("ErrorCode").stringValue());
        assertEquals(1024, delivery.attributes().get("ErrorMessage").stringValue().length(), "truncated to 1 KB");
        AwsException missing = assertThrows(AwsException.class, () -> destinations.checkDeadLetterTarget(
                "arn:aws:sns:eu-west-1:111122223333:other"));
        assertTrue(missing.getMessage().contains("no such SNS topic"), missing.getMessage());
        AwsException queue = assertThrows(AwsException.class, () -> destinations.checkDeadLetterTarget(
                "arn:aws:sqs:eu-west-1:111122223333:q"));
        assertTrue(queue.getMessage().contains("no such SQS queue"), queue.getMessage());
    }

    private static byte[] record(String condition) {
        return DestinationRecord.of("req-1", FUNCTION, condition, 1, "{\"id\":1}".getBytes(StandardCharsets.UTF_8),
                null, "1", null, java.time.Instant.parse("2026-12-06T20:00:00Z"));
    }
}

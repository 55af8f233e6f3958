package checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.EmulatorTime;
import dev.serverlesslab.graders.check.Eventually;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Points;
import dev.serverlesslab.graders.check.Resources;
import java.io.IOException;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The checks of the fan-out exercise: orders of random ids and totals are put on the shop bus, whose rule invokes
 * the learner's function; what it publishes to the topic is read back from the three queues subscribed to it (all
 * messages, big orders by a numeric filter policy, heartbeats). The hourly rule fires on the emulator's clock.
 */
class FanOutChecks {

    /** Time for the function to run, cold start and an asynchronous retry included. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Time for messages once the function ran: SNS has delivered them by the time Publish answers. */
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    @Points(2)
    @DisplayName("An OrderPlaced event is published to the topic: its detail as the message, with kind = order")
    @Hint("Publish Json.write(event.getDetail()) to TOPIC_ARN with a String message attribute kind whose value is "
            + "order; every message reaches the audit queue.")
    void publishesOrders(DeployedFunction function, EventBridgeClient events, SqsClient sqs, Resources resources) {
        ObjectNode order = order(new BigDecimal(10 + RANDOM.nextInt(5000)));
        put(function, events, resources, List.of(order));

        Message message = awaitOrders(sqs, resources, "audit", List.of(order)).get(orderId(order));
        JsonNode body = parse(message.body());
        for (String field : List.of("orderId", "customer", "country")) {
            assertEquals(order.get(field).asText(), body.path(field).asText(), field + " of the published message "
                    + message.body() + " (the event's detail was " + order + ")");
        }
        assertEquals(0, order.get("total").decimalValue().compareTo(body.path("total").decimalValue()),
                "total of the published message " + message.body() + " (the event's detail was " + order + ")");
        assertAttribute(message, "kind", "String", "order");
        // An order of 1000 or more reached the big queue too: leave it empty for the checks that count what it holds,
        // whichever order JUnit runs them in (SNS has delivered to every subscription by the time Publish answers).
        drain(sqs, resources, "big");
    }

    @Test
    @Points(2)
    @DisplayName("Orders of 1000 or more reach the big queue, smaller ones do not")
    @Hint("The big queue's filter policy is {\"kind\": [\"order\"], \"total\": [{\"numeric\": [\">=\", 1000]}]}: "
            + "publish total as a message attribute of data type Number, or no numeric rule can match it.")
    void filtersBigOrders(DeployedFunction function, EventBridgeClient events, SqsClient sqs, Resources resources) {
        List<ObjectNode> big = new ArrayList<>();
        List<ObjectNode> small = new ArrayList<>();
        for (int i = 1 + RANDOM.nextInt(3); i > 0; i--) {
            big.add(order(cents(1000_00 + RANDOM.nextInt(9_000_000))));
            small.add(order(cents(100 + RANDOM.nextInt(99_800))));
        }
        List<ObjectNode> all = new ArrayList<>(big);
        all.addAll(small);
        put(function, events, resources, all);

        awaitOrders(sqs, resources, "audit", all);
        // SNS delivers to every subscription of a message at once: by now the big queue has all it will get.
        Set<String> reached = new TreeSet<>(drain(sqs, resources, "big").keySet());
        Set<String> expected = new TreeSet<>(big.stream().map(FanOutChecks::orderId).toList());
        assertEquals(expected, reached, "orders in the big queue, of " + all.stream().map(o -> orderId(o) + " (total "
                + o.get("total") + ")").toList());
    }

    @Test
    @Points(2)
    @DisplayName("The hourly rule, fired by the grader's clock, publishes a heartbeat with kind = heartbeat")
    @Hint("A scheduled rule sends a Scheduled Event: source aws.events, detail-type \"Scheduled Event\", detail {}. "
            + "Publish {\"type\":\"heartbeat\",\"time\": event.getTime().toString()} with kind = heartbeat.")
    void publishesHeartbeats(DeployedFunction function, SqsClient sqs, Resources resources, EmulatorTime time) {
        // The rule fires an hour after it was made, on the emulator's clock, which starts at the real time and only
        // moves forward: the occurrence lies at least ~an hour after the real time now, which a handler stamping
        // the heartbeat with its own clock (Instant.now()) cannot reach. Other gradings may move the shared clock
        // too, so any heartbeat of this grading's rule will do.
        Instant earliest = Instant.now().plus(Duration.ofMinutes(50));
        int runs = function.invocationCount();
        time.advance(Duration.ofHours(1));
        function.awaitInvocations(runs + 1, WAIT);

        Message heartbeat = Eventually.get("a message in the heartbeats queue after the clock moved one hour and "
                + "the hourly rule invoked the function", GRACE,
                () -> receive(sqs, resources, "heartbeats").stream().findFirst());
        assertAttribute(heartbeat, "kind", "String", "heartbeat");
        JsonNode body = parse(heartbeat.body());
        assertEquals("heartbeat", body.path("type").asText(), "type in the heartbeat " + heartbeat.body());
        Instant at;
        try {
            at = OffsetDateTime.parse(body.path("time").asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new AssertionError("time in the heartbeat " + heartbeat.body() + " should be the scheduled event's "
                    + "time, an ISO-8601 timestamp such as 2026-12-01T10:00:00.000Z");
        }
        Instant latest = time.now().plusSeconds(1);
        assertTrue(at.isAfter(earliest) && at.isBefore(latest), () -> "time in the heartbeat " + heartbeat.body()
                + " should be the scheduled event's time (event.getTime()), when the rule fired: about an hour "
                + "after the rule was made, by the grader's clock, which was " + latest.minusSeconds(1) + " after it "
                + "moved; the clock of your function's machine does not move with it");
    }

    @Test
    @Hidden
    @DisplayName("An order of exactly 1000.00 is big and one of 999.99 is not; total is the order's total")
    void bigStartsAtAThousand(DeployedFunction function, EventBridgeClient events, SqsClient sqs,
            Resources resources) {
        ObjectNode thousand = order(new BigDecimal("1000.00"));
        ObjectNode justBelow = order(new BigDecimal("999.99"));
        put(function, events, resources, List.of(thousand, justBelow));

        Message message = awaitOrders(sqs, resources, "audit", List.of(thousand, justBelow)).get(orderId(justBelow));
        MessageAttributeValue total = message.messageAttributes().get("total");
        assertNotNull(total, "a total message attribute on " + message.body());
        assertEquals(0, new BigDecimal("999.99").compareTo(new BigDecimal(total.stringValue())), "the total "
                + "attribute of the order of 999.99");
        assertEquals(Set.of(orderId(thousand)), drain(sqs, resources, "big").keySet(), "orders in the big queue");
    }

    /**
     * Puts the orders on the shop bus one at a time, each once the function has run for the one before: Lambda then
     * reuses one warm environment instead of starting a cold one per event, which on a loaded grader could outlast
     * the function's timeout.
     */
    private static void put(DeployedFunction function, EventBridgeClient events, Resources resources,
            List<ObjectNode> orders) {
        for (ObjectNode order : orders) {
            int runs = function.invocationCount();
            var answer = events.putEvents(b -> b.entries(PutEventsRequestEntry.builder()
                    .eventBusName(resources.bus("shop")).source("shop.checkout").detailType("OrderPlaced")
                    .detail(order.toString()).build()));
            assertEquals(0, answer.failedEntryCount(), () -> "PutEvents on the shop bus: " + answer.entries());
            function.awaitInvocations(runs + 1, WAIT);
        }
    }

    /** Waits until every order is in the queue and returns the queue's messages by orderId (deleting them). */
    private static Map<String, Message> awaitOrders(SqsClient sqs, Resources resources, String queue,
            List<ObjectNode> orders) {
        Map<String, Message> seen = new LinkedHashMap<>();
        List<String> ids = orders.stream().map(FanOutChecks::orderId).toList();
        return Eventually.get("the order(s) " + ids + " in the " + queue + " queue (every message published to the "
                + "topic reaches it)", GRACE, () -> {
                    seen.putAll(drain(sqs, resources, queue));
                    return seen.keySet().containsAll(ids) ? Optional.of(seen) : Optional.empty();
                }, () -> "it received " + (seen.isEmpty() ? "nothing" : seen.values().stream().map(Message::body)
                        .toList()));
    }

    /** Every message the queue holds now, by the orderId of its body (deleted once read). */
    private static Map<String, Message> drain(SqsClient sqs, Resources resources, String queue) {
        Map<String, Message> byOrder = new LinkedHashMap<>();
        while (true) {
            List<Message> batch = receive(sqs, resources, queue);
            if (batch.isEmpty()) {
                return byOrder;
            }
            for (Message message : batch) {
                byOrder.put(parse(message.body()).path("orderId").asText(message.messageId()), message);
            }
        }
    }

    private static List<Message> receive(SqsClient sqs, Resources resources, String queue) {
        String url = resources.queueUrl(queue);
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                .messageAttributeNames("All")).messages();
        messages.forEach(message -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle())));
        return messages;
    }

    private static void assertAttribute(Message message, String name, String type, String value) {
        MessageAttributeValue attribute = message.messageAttributes().get(name);
        assertNotNull(attribute, () -> "a message attribute " + name + " on " + message.body() + " (it has "
                + message.messageAttributes().keySet() + ")");
        assertEquals(type + "=" + value, attribute.dataType() + "=" + attribute.stringValue(), "the data type and "
                + "value of the message attribute " + name + " on " + message.body());
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static ObjectNode order(BigDecimal total) {
        return JSON.createObjectNode()
                .put("orderId", "o-" + HexFormat.of().formatHex(bytes(4)))
                .put("customer", "c-" + (1000 + RANDOM.nextInt(9000)))
                .put("country", List.of("DE", "FR", "IE", "NL", "PT").get(RANDOM.nextInt(5)))
                .put("total", total);
    }

    private static BigDecimal cents(int cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private static String orderId(ObjectNode order) {
        return order.get("orderId").asText();
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}

package checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.EmulatorTime;
import dev.serverlesslab.graders.check.Eventually;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.Points;
import dev.serverlesslab.graders.check.Queues;
import dev.serverlesslab.graders.check.Resources;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The checks of the sqs-batch exercise: payments go through the queue the function is mapped to, or straight to the
 * function as an SQS event, with ids, amounts and the position of bad messages made up per grading. A bad message
 * must come back as a batch item failure naming its messageId, so it alone is retried and dead-lettered.
 */
class SqsBatchChecks {

    /** Time for the mapping to invoke the function, cold start included. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Time for the rest of a batch once the function ran (the poller may split what was sent at once). */
    private static final Duration GRACE = Duration.ofSeconds(5);
    /** Longer than the queue's visibility timeout (60 s): one step makes a failed message visible again. */
    private static final Duration PAST_VISIBILITY = Duration.ofSeconds(61);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    @Points(2)
    @DisplayName("Payments sent to the queue are stored with their paymentId, orderId and amount (N)")
    @Hint("Parse each body with Json.parseObject and put one item per payment: paymentId and orderId as strings, "
            + "amount as a number (AttributeValue.fromN).")
    void storesPayments(DeployedFunction function, Queues queues, DynamoDbClient dynamo, Resources resources) {
        List<ObjectNode> payments = new ArrayList<>();
        for (int i = 2 + RANDOM.nextInt(4); i > 0; i--) {
            payments.add(goodPayment());
        }
        send(function, queues, payments.stream().map(ObjectNode::toString).toList());

        for (ObjectNode payment : payments) {
            Map<String, AttributeValue> item = awaitItem(dynamo, resources, payment.get("paymentId").asText(), GRACE);
            assertEquals(payment.get("orderId").asText(), text(item, "orderId"), "orderId of " + payment);
            assertEquals(payment.get("amount").asText(), number(item, "amount"), "amount of " + payment);
        }
    }

    @Test
    @Points(2)
    @DisplayName("A batch holding bad messages answers batchItemFailures naming exactly their messageIds")
    @Hint("Do not throw: catch what goes wrong with one message, add new BatchItemFailure(message.getMessageId()) "
            + "to a list and return new SQSBatchResponse(list). An exception fails the whole batch.")
    void reportsBadMessagesById(DeployedFunction function, DynamoDbClient dynamo, Resources resources) {
        List<String> bodies = new ArrayList<>();
        List<ObjectNode> good = new ArrayList<>();
        for (int i = 2 + RANDOM.nextInt(3); i > 0; i--) {
            ObjectNode payment = goodPayment();
            good.add(payment);
            bodies.add(payment.toString());
        }
        List<String> bad = List.of("not json " + token(), goodPayment().put("amount", -1 - RANDOM.nextInt(500))
                .toString(), goodPayment().without("paymentId").toString());
        List<String> chosenBad = bad.subList(0, 1 + RANDOM.nextInt(bad.size()));
        bodies.addAll(chosenBad);
        Collections.shuffle(bodies, RANDOM);

        Map<String, String> ids = new LinkedHashMap<>();
        Invocation result = function.invoke(sqsEvent(bodies, resources, ids));

        assertTrue(result.succeeded(), () -> "the function failed the whole batch instead of reporting the bad "
                + "messages: " + result.failure());
        Set<String> expected = new TreeSet<>();
        chosenBad.forEach(body -> expected.add(ids.get(body)));
        assertEquals(expected, failedIds(result), "the itemIdentifiers of batchItemFailures for a batch whose bad "
                + "messages are " + chosenBad + " (response: " + result.payload() + ")");
        for (ObjectNode payment : good) {
            awaitItem(dynamo, resources, payment.get("paymentId").asText(), Duration.ZERO);
        }
    }

    @Test
    @Points(2)
    @DisplayName("A poison message reaches the dead-letter queue after 2 receives; its batch's good messages are "
            + "stored and deleted")
    @Hint("Report only the bad messages: Lambda deletes the others, and the queue moves a message that failed "
            + "maxReceiveCount (2) times to the dead-letter queue.")
    void deadLettersPoisonOnly(DeployedFunction function, Queues queues, DynamoDbClient dynamo, Resources resources,
            EmulatorTime time) {
        List<String> good = new ArrayList<>();
        List<ObjectNode> goodPayments = new ArrayList<>();
        for (int i = 3 + RANDOM.nextInt(4); i > 0; i--) {
            ObjectNode payment = goodPayment();
            goodPayments.add(payment);
            good.add(payment.toString());
        }
        List<String> poison = new ArrayList<>(List.of("{\"paymentId\":\"p-" + token() + "\",\"amount\":"
                + (100 + RANDOM.nextInt(900)) + "}"));
        if (RANDOM.nextBoolean()) {
            poison.add("oops " + token());
        }
        List<String> bodies = new ArrayList<>(good);
        bodies.addAll(poison);
        Collections.shuffle(bodies, RANDOM);
        send(function, queues, bodies);

        for (ObjectNode payment : goodPayments) {
            awaitItem(dynamo, resources, payment.get("paymentId").asText(), GRACE);
        }
        int left = Eventually.get("the " + good.size() + " good messages to be deleted from the queue once the "
                + "function returned", GRACE, () -> {
                    int now = queues.depth("payments").total();
                    return now <= poison.size() ? Optional.of(now) : Optional.empty();
                }, () -> queues.depth("payments").total() + " of the " + bodies.size()
                        + " messages are still on the queue: a function that throws (or fails) returns its whole "
                        + "batch to the queue");
        assertEquals(poison.size(), left, "messages left on the queue after the batch: only the " + poison.size()
                + " bad one(s) " + poison + " should be, waiting to be received again; 0 means the function "
                + "reported no failure, so Lambda deleted the bad messages too");

        Set<String> deadLettered = new HashSet<>();
        Eventually.check("the bad message(s) " + poison + " in the dead-letter queue", WAIT, () -> {
            time.advance(PAST_VISIBILITY);
            queues.receiveAll("rejected").forEach(message -> deadLettered.add(message.body()));
            return deadLettered.containsAll(poison);
        });
        // Every message has left the payments queue: the good ones deleted, the bad ones moved.
        queues.awaitDrained("payments", GRACE);
        Set<String> wronglyDeadLettered = new HashSet<>(deadLettered);
        wronglyDeadLettered.retainAll(good);
        assertEquals(Set.of(), wronglyDeadLettered, "good payments that ended in the dead-letter queue");
    }

    @Test
    @Hidden
    @DisplayName("Amounts of 0, below 0, with a fraction of a cent or written as text are rejected too")
    void rejectsBadAmounts(DeployedFunction function, Resources resources) {
        List<String> bad = List.of(goodPayment().put("amount", 0).toString(),
                goodPayment().put("amount", -1 - RANDOM.nextInt(1000)).toString(),
                goodPayment().put("amount", 10 + RANDOM.nextInt(1000) + 0.5).toString(),
                goodPayment().put("amount", String.valueOf(10 + RANDOM.nextInt(1000))).toString(),
                goodPayment().put("orderId", "").toString());
        List<String> bodies = new ArrayList<>(bad);
        bodies.add(goodPayment().toString());
        Collections.shuffle(bodies, RANDOM);

        Map<String, String> ids = new LinkedHashMap<>();
        Invocation result = function.invoke(sqsEvent(bodies, resources, ids));

        assertTrue(result.succeeded(), () -> "the function failed the whole batch: " + result.failure());
        Set<String> expected = new TreeSet<>();
        bad.forEach(body -> expected.add(ids.get(body)));
        assertEquals(expected, failedIds(result), "batchItemFailures for the bad payments " + bad);
    }

    /** Sends the bodies to the payments queue and waits until the function has run on (a part of) them. */
    private static void send(DeployedFunction function, Queues queues, List<String> bodies) {
        int runs = function.invocationCount();
        queues.send("payments", bodies);
        function.awaitInvocations(runs + 1, WAIT);
    }

    /** An SQS event as Lambda's poller sends it, one record per body; {@code ids} gets each body's messageId. */
    private static String sqsEvent(List<String> bodies, Resources resources, Map<String, String> ids) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        long now = System.currentTimeMillis();
        for (String body : bodies) {
            String id = UUID.randomUUID().toString();
            ids.put(body, id);
            ObjectNode record = records.addObject()
                    .put("messageId", id)
                    .put("receiptHandle", "AQEB" + HexFormat.of().formatHex(bytes(24)))
                    .put("body", body);
            record.putObject("attributes")
                    .put("ApproximateReceiveCount", "1")
                    .put("SentTimestamp", Long.toString(now))
                    .put("SenderId", "AIDAEXAMPLE")
                    .put("ApproximateFirstReceiveTimestamp", Long.toString(now));
            record.putObject("messageAttributes");
            record.put("md5OfBody", "0123456789abcdef0123456789abcdef")
                    .put("eventSource", "aws:sqs")
                    .put("eventSourceARN", resources.queueArn("payments"))
                    .put("awsRegion", resources.region());
        }
        return event.toString();
    }

    private static Set<String> failedIds(Invocation result) {
        JsonNode failures = result.json().path("batchItemFailures");
        assertTrue(failures.isArray(), () -> "the response should hold a batchItemFailures list (return an "
                + "SQSBatchResponse), but it is " + result.payload());
        Set<String> ids = new TreeSet<>();
        failures.forEach(failure -> ids.add(failure.path("itemIdentifier").asText()));
        return ids;
    }

    private static Map<String, AttributeValue> awaitItem(DynamoDbClient dynamo, Resources resources, String id,
            Duration within) {
        Supplier<Optional<Map<String, AttributeValue>>> probe = () -> {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(resources.table("payments"))
                    .key(Map.of("paymentId", AttributeValue.fromS(id))).consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
        };
        Supplier<String> table = () -> "the table holds " + dynamo.scan(b -> b.tableName(resources
                .table("payments"))).items();
        if (within.isZero()) {
            return probe.get().orElseThrow(() -> new AssertionError("payment " + id + " is not in the table after "
                    + "the function returned; " + table.get()));
        }
        return Eventually.get("payment " + id + " in the table", within, probe, table);
    }

    private static String number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw new AssertionError("expected a number attribute " + name + " (AttributeValue.fromN) in " + item);
        }
        return value.n();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new AssertionError("expected a string attribute " + name + " in " + item);
        }
        return value.s();
    }

    private static ObjectNode goodPayment() {
        return JSON.createObjectNode()
                .put("paymentId", "p-" + token())
                .put("orderId", "o-" + token())
                .put("amount", 100 + RANDOM.nextInt(99_900));
    }

    private static String token() {
        return HexFormat.of().formatHex(bytes(4));
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}

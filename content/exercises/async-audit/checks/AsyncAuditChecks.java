package checks;

import static org.junit.jupiter.api.Assertions.fail;

import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.EmulatorTime;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.Points;
import dev.serverlesslab.graders.check.Resources;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The checks of the async-audit exercise: events invoked asynchronously (InvocationType Event), delivered more than
 * once, must be recorded and counted once. The checks wait for the background invocations with a deadline of their
 * own; actors and event ids are made up for every grading.
 */
class AsyncAuditChecks {

    private static final String WARM_UP_EVENT = "{\"action\":\"warm-up\"}";

    private static final String[] ACTIONS = {"login", "logout", "password-change", "export", "delete-file",
        "invite-user", "grant-role"};
    private static final long WAIT_MILLIS = 25_000;
    /** Time for a delivery still on its way to land before the tables are read. */
    private static final long SETTLE_MILLIS = 4_000;
    /**
     * Lambda retries a failed asynchronous event a minute later, on the backend's clock: moving the clock past that
     * brings the retry (if there is one) at once.
     */
    private static final Duration FIRST_RETRY = Duration.ofSeconds(61);

    @Test
    @Order(1)
    @Points(2)
    @DisplayName("An event invoked asynchronously is accepted with 202 and recorded in EVENTS_TABLE with its actor, "
            + "action and occurredAt")
    @Hint("PutItem into the table named by EVENTS_TABLE with eventId, actor, action and occurredAt from the event.")
    void recordsAnAsyncEvent(DeployedFunction function, LambdaClient lambda, DynamoDbClient dynamo,
            Resources resources) {
        warmUp(function);
        Map<String, String> event = event(randomActor());
        int before = function.invocationCount();
        sendAsync(lambda, function, event);
        awaitRuns(function, before + 1);
        Map<String, AttributeValue> record = awaitRecord(dynamo, resources, event.get("eventId"));
        for (String field : new String[] {"actor", "action", "occurredAt"}) {
            AttributeValue value = record.get(field);
            if (value == null || !event.get(field).equals(value.s())) {
                fail("Expected the record of event " + event.get("eventId") + " to hold " + field + " = \""
                        + event.get(field) + "\" as a string, but the item is " + record);
            }
        }
    }

    @Test
    @Order(2)
    @Points(2)
    @DisplayName("The same event delivered three times is recorded once and counted once for its actor")
    @Hint("Make the write conditional on the event id (attribute_not_exists(eventId)) and add to the actor's "
            + "eventCount only when that write succeeds, in one transaction.")
    void countsADuplicatedEventOnce(DeployedFunction function, LambdaClient lambda, DynamoDbClient dynamo,
            Resources resources) {
        warmUp(function);
        String actor = randomActor();
        Map<String, String> event = event(actor);
        for (int delivery = 1; delivery <= 3; delivery++) {
            int before = function.invocationCount();
            sendAsync(lambda, function, event);
            awaitRuns(function, before + 1);
        }
        settle();
        awaitRecord(dynamo, resources, event.get("eventId"));
        expectCount(dynamo, resources, actor, 1, "after the same event (" + event.get("eventId")
                + ") was delivered three times");
    }

    @Test
    @Order(3)
    @DisplayName("Four different events of one actor, two of them delivered twice, count 4")
    void countsDistinctEvents(DeployedFunction function, LambdaClient lambda, DynamoDbClient dynamo,
            Resources resources) {
        warmUp(function);
        String actor = randomActor();
        Map<String, String>[] events = new Map[4];
        for (int i = 0; i < events.length; i++) {
            events[i] = event(actor);
        }
        int before = function.invocationCount();
        for (Map<String, String> event : new Map[] {events[0], events[1], events[0], events[2], events[3],
                events[2]}) {
            sendAsync(lambda, function, event);
            awaitRuns(function, ++before);
        }
        settle();
        for (Map<String, String> event : events) {
            awaitRecord(dynamo, resources, event.get("eventId"));
        }
        expectCount(dynamo, resources, actor, 4, "after 4 different events, two of them delivered twice");
    }

    @Test
    @Order(4)
    @Points(2)
    @DisplayName("A duplicate is a success, not an error: invoked again with the same event the function returns "
            + "normally, so Lambda has nothing to retry")
    @Hint("Catch the exception DynamoDB throws when the condition fails (TransactionCanceledException or "
            + "ConditionalCheckFailedException) and return normally: an asynchronous invocation that throws is "
            + "retried twice, and each retry is another duplicate.")
    void aDuplicateIsNotAnError(DeployedFunction function, LambdaClient lambda, EmulatorTime time) {
        warmUp(function);
        Map<String, String> event = event(randomActor());
        Invocation first = function.invoke(event);
        if (!first.succeeded()) {
            fail("Expected the first delivery of event " + event.get("eventId") + " to succeed, but it failed with "
                    + first.failure());
        }
        Invocation second = function.invoke(event);
        if (!second.succeeded()) {
            fail("Expected the second delivery of the same event to succeed (it is already recorded, so there is "
                    + "nothing left to do), but it failed with " + second.failure() + ". Asynchronously invoked, "
                    + "Lambda would retry it twice.");
        }
        int before = function.invocationCount();
        sendAsync(lambda, function, event);
        awaitRuns(function, before + 1);
        // A failed attempt schedules its retry as it ends, a moment after the run counted above: move the clock past
        // the retry's time once a second for a few seconds, so a retry scheduled late on a busy machine still comes.
        for (int advance = 0; advance < 4; advance++) {
            sleep(1_000);
            time.advance(FIRST_RETRY);
        }
        settle();
        int runs = function.invocationCount() - before;
        if (runs != 1) {
            fail("One asynchronous delivery of an already recorded event made the function run " + runs + " times: "
                    + "it failed and Lambda retried it. Return normally for a duplicate.");
        }
    }

    @Test
    @Order(5)
    @DisplayName("An event without an eventId fails with an IllegalArgumentException and records nothing")
    void requiresAnEventId(DeployedFunction function, DynamoDbClient dynamo, Resources resources) {
        warmUp(function);
        String actor = randomActor();
        Map<String, String> event = event(actor);
        event.remove("eventId");
        Invocation invocation = function.invoke(event);
        if (invocation.succeeded() || !"java.lang.IllegalArgumentException".equals(invocation.errorType())
                || invocation.errorMessage() == null || !invocation.errorMessage().contains("eventId")) {
            fail("Expected an event without eventId to fail with java.lang.IllegalArgumentException mentioning "
                    + "eventId, but the function " + (invocation.succeeded() ? "returned " + invocation.payload()
                    : "failed with " + invocation.failure()));
        }
        Map<String, AttributeValue> counter = actorItem(dynamo, resources, actor);
        if (counter != null && !counter.isEmpty()) {
            fail("An event without an eventId must not be counted, but the actors table holds " + counter);
        }
    }

    @Test
    @Order(6)
    @Hidden
    @Points(2)
    @DisplayName("The first delivery wins: a later duplicate carrying other details does not overwrite the record")
    void firstDeliveryWins(DeployedFunction function, LambdaClient lambda, DynamoDbClient dynamo,
            Resources resources) {
        warmUp(function);
        String actor = randomActor();
        Map<String, String> event = event(actor);
        int before = function.invocationCount();
        sendAsync(lambda, function, event);
        awaitRuns(function, before + 1);
        awaitRecord(dynamo, resources, event.get("eventId"));
        Map<String, String> replay = new LinkedHashMap<>(event);
        replay.put("action", event.get("action") + "-replayed");
        replay.put("occurredAt", "2030-01-01T00:00:00Z");
        sendAsync(lambda, function, replay);
        awaitRuns(function, before + 2);
        settle();
        Map<String, AttributeValue> record = awaitRecord(dynamo, resources, event.get("eventId"));
        if (!event.get("action").equals(record.get("action").s())
                || !event.get("occurredAt").equals(record.get("occurredAt").s())) {
            fail("A duplicate delivery overwrote the recorded event: the item is now " + record);
        }
        expectCount(dynamo, resources, actor, 1, "after an event and a changed duplicate of it");
    }

    private static void sendAsync(LambdaClient lambda, DeployedFunction function, Map<String, String> event) {
        StringBuilder json = new StringBuilder("{");
        event.forEach((name, value) -> json.append(json.length() > 1 ? "," : "")
                .append('"').append(name).append("\":\"").append(value).append('"'));
        json.append('}');
        InvokeResponse response = lambda.invoke(b -> b.functionName(function.name())
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(json.toString())));
        if (response.statusCode() != 202) {
            fail("Expected Lambda to accept the asynchronous invocation with 202, but it answered "
                    + response.statusCode());
        }
    }

    private static void awaitRuns(DeployedFunction function, int runs) {
        waitFor(() -> function.invocationCount() >= runs, () -> "the function to have run " + runs
                + " time(s) in all; it ran " + function.invocationCount() + " time(s)");
    }

    private static Map<String, AttributeValue> awaitRecord(DynamoDbClient dynamo, Resources resources,
            String eventId) {
        @SuppressWarnings("unchecked")
        Map<String, AttributeValue>[] found = new Map[1];
        waitFor(() -> {
            found[0] = dynamo.getItem(b -> b.tableName(resources.table("events"))
                    .key(Map.of("eventId", AttributeValue.fromS(eventId)))
                    .consistentRead(true)).item();
            return found[0] != null && !found[0].isEmpty();
        }, () -> "a record of event " + eventId + " in the table named by EVENTS_TABLE (there is none)");
        return found[0];
    }

    private static void expectCount(DynamoDbClient dynamo, Resources resources, String actor, int expected,
            String when) {
        Map<String, AttributeValue> counter = actorItem(dynamo, resources, actor);
        AttributeValue count = counter == null ? null : counter.get("eventCount");
        if (count == null || count.n() == null || Integer.parseInt(count.n()) != expected) {
            fail("Expected actor " + actor + " to have eventCount " + expected + " (a number) in the table named by "
                    + "ACTORS_TABLE " + when + ", but the item is " + (counter == null || counter.isEmpty()
                    ? "missing" : counter) + ".");
        }
    }

    private static Map<String, AttributeValue> actorItem(DynamoDbClient dynamo, Resources resources, String actor) {
        return dynamo.getItem(b -> b.tableName(resources.table("actors"))
                .key(Map.of("actor", AttributeValue.fromS(actor)))
                .consistentRead(true)).item();
    }

    /** Polls a condition every 200 ms until it holds, failing with what was awaited after the deadline. */
    private static void waitFor(BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("Waited " + WAIT_MILLIS / 1000 + " s for " + what.get());
            }
            sleep(200);
        }
    }

    /** Gives a failed asynchronous invocation the time Lambda takes to retry it, so the retries are seen too. */
    private static void settle() {
        sleep(SETTLE_MILLIS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> event(String actor) {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("eventId", "evt-" + UUID.randomUUID());
        event.put("actor", actor);
        event.put("action", ACTIONS[ThreadLocalRandom.current().nextInt(ACTIONS.length)]);
        event.put("occurredAt", "2026-12-0" + ThreadLocalRandom.current().nextInt(1, 6) + "T"
                + String.format("%02d:%02d:00Z", ThreadLocalRandom.current().nextInt(24),
                ThreadLocalRandom.current().nextInt(60)));
        return event;
    }

    private static String randomActor() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static boolean warm;

    /**
     * The first invocation starts the function's execution environment (a cold start). On a busy grading machine the
     * init phase may overrun Lambda's 10 s limit; one more try then gives a fair start. Runs once per grading.
     */
    private static void warmUp(DeployedFunction function) {
        for (int attempt = 0; !warm && attempt < 3; attempt++) {
            Invocation invocation = function.invoke(WARM_UP_EVENT);
            warm = invocation.succeeded() || !String.valueOf(invocation.errorType()).startsWith("Sandbox");
        }
        warm = true;
    }
}

package dev.serverlesslab.emulator.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.core.Targets;
import dev.serverlesslab.emulator.events.schedule.Timetable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deliveries to SQS, SNS, Step Functions and other buses, seen through a recording {@link Targets} (the real services
 * are separate): what each target gets, with which principal, source ARN and FIFO group.
 */
class EventsDeliveryTests {

    private static final AccountRegion SCOPE = new AccountRegion("111122223333", "eu-west-1");
    private static final String QUEUE = "arn:aws:sqs:eu-west-1:111122223333:orders";
    private static final String TOPIC = "arn:aws:sns:eu-west-1:111122223333:alerts";
    private static final String MACHINE = "arn:aws:states:eu-west-1:111122223333:stateMachine:flow";
    private static final String ROLE = "arn:aws:iam::111122223333:role/events-invoke";

    private final List<Targets.Delivery> delivered = new CopyOnWriteArrayList<>();
    private final EmulatorClock clock = new EmulatorClock();
    private final Timetable timetable = new Timetable(clock);
    private final EventsBackend backend = backend();

    private EventsBackend backend() {
        Targets targets = new Targets();
        targets.register("sqs", delivered::add);
        targets.register("sns", delivered::add);
        targets.register("states", delivered::add);
        EventsBackend events = new EventsBackend(targets, clock, timetable);
        targets.register("events", new EventsTarget(events));
        return events;
    }

    @AfterEach
    void stop() {
        timetable.close();
    }

    @Test
    void matchingEvent_reachesQueueTopicAndStateMachine_asTheWholeEvent_fromTheRule() throws IOException {
        String rule = rule("fan-out", "default", "{\"detail-type\":[\"Order Placed\"]}");
        targets("fan-out", "default", target("q", QUEUE), target("t", TOPIC),
                new RuleTarget("s", MACHINE, ROLE, null, null, null, null, null));

        put("default", "shop", "Order Placed", "{\"id\":\"o-1\"}");
        put("default", "shop", "Order Shipped", "{\"id\":\"o-2\"}");

        assertEquals(List.of(QUEUE, TOPIC, MACHINE), delivered.stream().map(Targets.Delivery::targetArn).toList());
        for (Targets.Delivery delivery : delivered) {
            JsonNode event = new ObjectMapper().readTree(delivery.body());
            assertEquals("o-1", event.path("detail").path("id").asText());
            assertEquals("111122223333", event.path("account").asText());
            assertEquals("eu-west-1", event.path("region").asText());
            assertEquals("events.amazonaws.com", delivery.principal());
            assertEquals(rule, delivery.sourceArn());
            assertEquals("111122223333", delivery.sourceAccount());
        }
    }

    @Test
    void inputAndInputPath_replaceTheEvent() {
        rule("shaped", "default", "{\"source\":[\"shop\"]}");
        targets("shaped", "default",
                new RuleTarget("const", QUEUE, null, "{\"fixed\":true}", null, null, null, null),
                new RuleTarget("path", TOPIC, null, null, "$.detail.items[1]", null, null, null),
                new RuleTarget("text", MACHINE, ROLE, null, null, Map.of("id", "$.detail.id"),
                        "\"order <id> is \\\"new\\\"\"", null));

        put("default", "shop", "t", "{\"id\":\"o-9\",\"items\":[{\"sku\":\"a\"},{\"sku\":\"b\"}]}");

        assertEquals(List.of("{\"fixed\":true}", "{\"sku\":\"b\"}", "\"order o-9 is \\\"new\\\"\""),
                delivered.stream().map(Targets.Delivery::body).toList());
    }

    @Test
    void fifoQueueTarget_getsTheMessageGroup_andTheEventIdForDeduplication() {
        rule("fifo", "default", "{\"source\":[\"shop\"]}");
        targets("fifo", "default", new RuleTarget("q", QUEUE + ".fifo", null, null, null, null, null, "orders"));

        String eventId = put("default", "shop", "t", "{}");

        assertEquals("orders", delivered.get(0).groupId());
        assertEquals(eventId, delivered.get(0).deduplicationId());
    }

    @Test
    void ruleTargetingAnotherBus_forwardsTheEvent_toThatBussRules() throws IOException {
        backend.createEventBus(SCOPE, "audit", null);
        rule("forward", "default", "{\"source\":[\"shop\"]}");
        targets("forward", "default", target("bus", EventsBackend.busArn(SCOPE, "audit")));
        rule("audit-all", "audit", "{\"source\":[\"shop\"],\"detail\":{\"id\":[\"o-3\"]}}");
        targets("audit-all", "audit", target("q", QUEUE));

        put("default", "shop", "Order Placed", "{\"id\":\"o-3\"}");

        assertEquals(1, delivered.size());
        assertEquals("Order Placed", new ObjectMapper().readTree(delivered.get(0).body()).path("detail-type").asText());
    }

    @Test
    void stateMachineTarget_withoutARole_isRefused_asAwsRefusesIt() {
        rule("no-role", "default", "{\"source\":[\"shop\"]}");
        List<TargetFailure> failures = backend.putTargets(SCOPE, "no-role", null, List.of(target("s", MACHINE)));
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).errorMessage().contains("RoleArn is required"), failures.get(0).errorMessage());
    }

    @Test
    void disabledRule_deliversNothing() {
        rule("off", "default", "{\"source\":[\"shop\"]}");
        targets("off", "default", target("q", QUEUE));
        backend.setRuleState(SCOPE, "off", null, false);

        put("default", "shop", "t", "{}");

        assertTrue(delivered.isEmpty());
    }

    @Test
    void cronRule_firesEachDueOccurrence_whenTheClockJumps() {
        backend.putRule(SCOPE, new Rule("hourly", null, null, null, "cron(0 * * * ? *)", null, null, null, null),
                Map.of());
        targets("hourly", "default", target("q", QUEUE));

        clock.advance(Duration.ofHours(3));

        await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() >= 3);
        assertEquals(3, delivered.size());
    }

    private String rule(String name, String bus, String pattern) {
        return backend.putRule(SCOPE, new Rule(name, null, bus, pattern, null, null, null, null, null), Map.of());
    }

    private void targets(String rule, String bus, RuleTarget... targets) {
        assertEquals(List.of(), backend.putTargets(SCOPE, rule, bus, List.of(targets)));
    }

    private static RuleTarget target(String id, String arn) {
        return new RuleTarget(id, arn, null, null, null, null, null, null);
    }

    private String put(String bus, String source, String detailType, String detail) {
        EntryResult result = backend.putEvents(SCOPE, List.of(new EventEntry(null, source, List.of(), detailType,
                detail, bus)), false).get(0);
        assertEquals(null, result.errorCode(), result.errorMessage());
        return result.eventId();
    }
}

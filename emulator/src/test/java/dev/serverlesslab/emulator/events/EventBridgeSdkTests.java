package dev.serverlesslab.emulator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.EventBus;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** EventBridge's control plane and PutEvents through the AWS SDK v2, as a learner's code or a grader calls them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventBridgeSdkTests {

    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:nowhere";

    @TempDir
    Path workDir;
    private EventsEmulator running;
    private EventBridgeClient events;

    @BeforeAll
    void start() {
        running = new EventsEmulator(workDir);
        events = running.events;
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @Test
    void buses_areCreatedDescribedListedAndDeleted_besideTheDefaultBus() {
        String arn = events.createEventBus(r -> r.name("orders").tags(Tag.builder().key("team").value("a").build()))
                .eventBusArn();

        assertEquals("arn:aws:events:us-east-1:000000000000:event-bus/orders", arn);
        assertEquals("orders", events.describeEventBus(r -> r.name(arn)).name());
        assertEquals("arn:aws:events:us-east-1:000000000000:event-bus/default",
                events.describeEventBus(r -> r.name("default")).arn());
        assertTrue(events.listEventBuses(r -> r.namePrefix("ord")).eventBuses().stream().map(EventBus::name).toList()
                .contains("orders"));
        assertEquals("a", events.listTagsForResource(r -> r.resourceARN(arn)).tags().get(0).value());
        assertThrows(ResourceAlreadyExistsException.class, () -> events.createEventBus(r -> r.name("orders")));

        events.deleteEventBus(r -> r.name("orders"));
        assertThrows(ResourceNotFoundException.class, () -> events.describeEventBus(r -> r.name("orders")));
        EventBridgeException defaultBus = assertThrows(EventBridgeException.class,
                () -> events.deleteEventBus(r -> r.name("default")));
        assertEquals("ValidationException", defaultBus.awsErrorDetails().errorCode());
    }

    @Test
    void rules_arePutDescribedListedDisabledAndDeleted_onTheirBus() {
        events.createEventBus(r -> r.name("shop"));
        String pattern = "{\"source\":[\"shop.orders\"]}";
        String arn = events.putRule(r -> r.name("placed").eventBusName("shop").eventPattern(pattern)
                .description("orders placed")).ruleArn();

        assertEquals("arn:aws:events:us-east-1:000000000000:rule/shop/placed", arn);
        DescribeRuleResponse rule = events.describeRule(r -> r.name("placed").eventBusName("shop"));
        assertEquals(pattern, rule.eventPattern());
        assertEquals(RuleState.ENABLED, rule.state());
        assertEquals("shop", rule.eventBusName());
        assertEquals("orders placed", rule.description());
        assertEquals(List.of("placed"), events.listRules(r -> r.eventBusName("shop")).rules().stream()
                .map(Rule::name).toList());
        assertTrue(events.listRules(r -> r.namePrefix("placed")).rules().isEmpty(), "the default bus has none");

        events.disableRule(r -> r.name("placed").eventBusName("shop"));
        assertEquals(RuleState.DISABLED, events.describeRule(r -> r.name("placed").eventBusName("shop")).state());
        events.enableRule(r -> r.name("placed").eventBusName("shop"));
        assertEquals(RuleState.ENABLED, events.describeRule(r -> r.name("placed").eventBusName("shop")).state());

        events.deleteRule(r -> r.name("placed").eventBusName("shop"));
        assertThrows(ResourceNotFoundException.class,
                () -> events.describeRule(r -> r.name("placed").eventBusName("shop")));
    }

    @Test
    void schedules_areOnlyOnTheDefaultBus_andMustBeValid() {
        assertEquals("rate(5 minutes)", describe(events.putRule(r -> r.name("every-five")
                .scheduleExpression("rate(5 minutes)")).ruleArn()).scheduleExpression());
        EventBridgeException plural = assertThrows(EventBridgeException.class,
                () -> events.putRule(r -> r.name("bad").scheduleExpression("rate(1 minutes)")));
        assertEquals("ValidationException", plural.awsErrorDetails().errorCode());
        events.createEventBus(r -> r.name("not-default"));
        EventBridgeException custom = assertThrows(EventBridgeException.class, () -> events.putRule(r -> r
                .name("s").eventBusName("not-default").scheduleExpression("cron(0 12 * * ? *)")));
        assertTrue(custom.getMessage().contains("only on the default event bus"), custom.getMessage());
    }

    @Test
    void invalidPattern_answersInvalidEventPatternException_withTheReason() {
        InvalidEventPatternException error = assertThrows(InvalidEventPatternException.class,
                () -> events.putRule(r -> r.name("broken").eventPattern("{\"source\":\"not-an-array\"}")));
        assertTrue(error.getMessage().contains("must be an object or an array"), error.getMessage());
    }

    @Test
    void targets_arePutListedAndRemoved_andARuleWithTargetsIsNotDeleted() {
        events.putRule(r -> r.name("with-targets").eventPattern("{\"source\":[\"a\"]}"));
        PutTargetsResponse put = events.putTargets(r -> r.rule("with-targets").targets(
                Target.builder().id("fn").arn(FUNCTION).build(),
                Target.builder().id("shaped").arn(FUNCTION).inputTransformer(t -> t
                        .inputPathsMap(Map.of("kind", "$.detail.kind")).inputTemplate("{\"k\": <kind>}")).build(),
                Target.builder().id("nowhere").arn("arn:aws:ecs:us-east-1:000000000000:cluster/c").build()));

        assertEquals(1, put.failedEntryCount());
        assertEquals("nowhere", put.failedEntries().get(0).targetId());
        assertTrue(put.failedEntries().get(0).errorMessage().contains("cannot deliver to ecs"),
                put.failedEntries().get(0).errorMessage());
        List<Target> listed = events.listTargetsByRule(r -> r.rule("with-targets")).targets();
        assertEquals(List.of("fn", "shaped"), listed.stream().map(Target::id).toList());
        assertEquals("{\"k\": <kind>}", listed.get(1).inputTransformer().inputTemplate());
        assertEquals(List.of("with-targets"), events.listRuleNamesByTarget(r -> r.targetArn(FUNCTION)).ruleNames());

        EventBridgeException busy = assertThrows(EventBridgeException.class,
                () -> events.deleteRule(r -> r.name("with-targets")));
        assertTrue(busy.getMessage().contains("has targets"), busy.getMessage());
        events.removeTargets(r -> r.rule("with-targets").ids("fn", "shaped"));
        events.deleteRule(r -> r.name("with-targets"));
    }

    @Test
    void targetSettingsNotEmulated_areRefusedByName() {
        events.putRule(r -> r.name("retrying").eventPattern("{\"source\":[\"a\"]}"));
        EventBridgeException error = assertThrows(EventBridgeException.class, () -> events.putTargets(r -> r
                .rule("retrying").targets(Target.builder().id("t").arn(FUNCTION)
                        .retryPolicy(p -> p.maximumRetryAttempts(3)).build())));
        assertTrue(error.getMessage().contains("Targets[].RetryPolicy"), error.getMessage());
    }

    @Test
    void putEvents_answersPerEntry() {
        PutEventsResponse response = events.putEvents(r -> r.entries(
                e -> e.source("my.app").detailType("Order Placed").detail("{\"id\":1}"),
                e -> e.source("my.app").detailType("Order Placed").detail("not json"),
                e -> e.detailType("No source").detail("{}"),
                e -> e.source("aws.s3").detailType("Forged").detail("{}"),
                e -> e.source("my.app").detailType("Nowhere").detail("{}").eventBusName("no-such-bus")));

        assertEquals(4, response.failedEntryCount());
        List<PutEventsResultEntry> entries = response.entries();
        assertNotNull(entries.get(0).eventId());
        assertNull(entries.get(0).errorCode());
        assertEquals("MalformedDetail", entries.get(1).errorCode());
        assertEquals("InvalidArgument", entries.get(2).errorCode());
        assertEquals("NotAuthorizedForSourceException", entries.get(3).errorCode());
        assertEquals("ResourceNotFoundException", entries.get(4).errorCode());
    }

    @Test
    void putEvents_over256KiB_isRefused() {
        String detail = "{\"blob\":\"" + "x".repeat(200 * 1024) + "\"}";
        EventBridgeException error = assertThrows(EventBridgeException.class, () -> events.putEvents(r -> r.entries(
                e -> e.source("a").detailType("big").detail(detail),
                e -> e.source("a").detailType("big").detail(detail))));
        assertEquals("ValidationException", error.awsErrorDetails().errorCode());
    }

    @Test
    void testEventPattern_matchesAsRulesDo() {
        String event = "{\"id\":\"1\",\"account\":\"000000000000\",\"source\":\"my.app\",\"time\":"
                + "\"2026-01-01T00:00:00Z\",\"region\":\"us-east-1\",\"detail-type\":\"t\",\"resources\":[],"
                + "\"detail\":{\"amount\":150}}";
        assertTrue(events.testEventPattern(r -> r.event(event)
                .eventPattern("{\"detail\":{\"amount\":[{\"numeric\":[\">\",100]}]}}")).result());
        assertFalse(events.testEventPattern(r -> r.event(event)
                .eventPattern("{\"detail\":{\"amount\":[{\"numeric\":[\">\",200]}]}}")).result());
    }

    @Test
    void operationsNotEmulated_answerUnknownOperation_namingThem() {
        EventBridgeException error = assertThrows(EventBridgeException.class,
                () -> events.createArchive(r -> r.archiveName("a").eventSourceArn("arn:aws:events:us-east-1:"
                        + "000000000000:event-bus/default")));
        assertEquals("UnknownOperationException", error.awsErrorDetails().errorCode());
        assertTrue(error.getMessage().contains("AWSEvents.CreateArchive"), error.getMessage());
    }

    private DescribeRuleResponse describe(String ruleArn) {
        return events.describeRule(r -> r.name(ruleArn.substring(ruleArn.lastIndexOf('/') + 1)));
    }
}

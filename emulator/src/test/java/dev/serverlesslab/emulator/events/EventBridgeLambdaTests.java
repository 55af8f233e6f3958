package dev.serverlesslab.emulator.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * End to end with real Lambda functions: an EventBridge rule delivers matching events to a function allowed by its
 * resource policy, an input transformer shapes what it gets, and a schedule rule fires when the emulator's clock is
 * advanced, in process and over {@code POST /_serverlesslab/clock}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventBridgeLambdaTests {

    private static final Duration DELIVERY = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;
    private EventsEmulator running;

    @BeforeAll
    void start() {
        running = new EventsEmulator(workDir);
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @Test
    void rule_deliversMatchingEvents_toAPermittedFunction_inTheEventBridgeEnvelope() throws IOException {
        String function = running.recorder("eb-orders");
        String rule = running.events.putRule(r -> r.name("orders-to-lambda")
                .eventPattern("{\"source\":[\"shop.orders\"],\"detail\":{\"total\":[{\"numeric\":[\">\",100]}]}}"))
                .ruleArn();
        running.lambda.addPermission(r -> r.functionName("eb-orders").statementId("events")
                .action("lambda:InvokeFunction").principal("events.amazonaws.com").sourceArn(rule));
        running.events.putTargets(r -> r.rule("orders-to-lambda").targets(Target.builder().id("fn").arn(function)
                .build()));

        running.events.putEvents(r -> r.entries(
                e -> e.source("shop.orders").detailType("Order Placed").detail("{\"id\":\"small\",\"total\":5}"),
                e -> e.source("shop.orders").detailType("Order Placed").detail("{\"id\":\"big\",\"total\":500}")
                        .resources("arn:aws:shop:order/big")));

        await().atMost(DELIVERY).until(() -> !running.received("eb-orders").isEmpty());
        List<String> received = running.received("eb-orders");
        assertEquals(1, received.size(), received.toString());
        JsonNode event = JSON.readTree(received.get(0));
        assertEquals("0", event.get("version").asText());
        assertEquals("Order Placed", event.get("detail-type").asText());
        assertEquals("shop.orders", event.get("source").asText());
        assertEquals("000000000000", event.get("account").asText());
        assertEquals("us-east-1", event.get("region").asText());
        assertEquals("big", event.get("detail").get("id").asText());
        assertEquals("arn:aws:shop:order/big", event.get("resources").get(0).asText());
        assertTrue(event.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
                event.get("time").asText());
        assertTrue(event.get("id").asText().length() > 10);
    }

    @Test
    void inputTransformer_fillsTheTemplate_asAwsQuotesStringsAndObjects() throws IOException {
        String function = running.recorder("eb-shaped");
        String rule = running.events.putRule(r -> r.name("shaped").eventPattern("{\"source\":[\"shop.shaped\"]}"))
                .ruleArn();
        running.lambda.addPermission(r -> r.functionName("eb-shaped").statementId("events")
                .action("lambda:InvokeFunction").principal("events.amazonaws.com").sourceArn(rule));
        running.events.putTargets(r -> r.rule("shaped").targets(Target.builder().id("fn").arn(function)
                .inputTransformer(t -> t.inputPathsMap(Map.of("id", "$.detail.id", "customer", "$.detail.customer"))
                        .inputTemplate("{\"message\": \"order <id> placed\", \"who\": <customer>, "
                                + "\"rule\": \"<aws.events.rule-name>\"}")).build()));

        running.events.putEvents(r -> r.entries(e -> e.source("shop.shaped").detailType("Order Placed")
                .detail("{\"id\":\"o-7\",\"customer\":{\"name\":\"Ada\"}}")));

        await().atMost(DELIVERY).until(() -> !running.received("eb-shaped").isEmpty());
        JsonNode input = JSON.readTree(running.received("eb-shaped").get(0));
        assertEquals("order o-7 placed", input.get("message").asText());
        assertEquals("Ada", input.get("who").get("name").asText());
        assertEquals("shaped", input.get("rule").asText());
    }

    @Test
    void functionWithoutPermission_getsNothing_whileAPermittedOneDoes() {
        String denied = running.recorder("eb-denied");
        String allowed = running.recorder("eb-allowed");
        String rule = running.events.putRule(r -> r.name("two-targets").eventPattern("{\"source\":[\"perm\"]}"))
                .ruleArn();
        running.lambda.addPermission(r -> r.functionName("eb-allowed").statementId("events")
                .action("lambda:InvokeFunction").principal("events.amazonaws.com").sourceArn(rule));
        running.events.putTargets(r -> r.rule("two-targets").targets(Target.builder().id("denied").arn(denied)
                .build(), Target.builder().id("allowed").arn(allowed).build()));

        running.events.putEvents(r -> r.entries(e -> e.source("perm").detailType("t").detail("{}")));

        await().atMost(DELIVERY).until(() -> !running.received("eb-allowed").isEmpty());
        assertTrue(running.received("eb-denied").isEmpty(), "the policy does not allow EventBridge to invoke it");
    }

    @Test
    void scheduleRule_firesOncePerMinute_asTheClockIsAdvanced() throws Exception {
        String function = running.recorder("eb-scheduled");
        String rule = running.events.putRule(r -> r.name("every-minute").scheduleExpression("rate(1 minute)"))
                .ruleArn();
        running.lambda.addPermission(r -> r.functionName("eb-scheduled").statementId("events")
                .action("lambda:InvokeFunction").principal("events.amazonaws.com").sourceArn(rule));
        running.events.putTargets(r -> r.rule("every-minute").targets(Target.builder().id("fn").arn(function)
                .build()));
        Instant before = running.emulator.clock().instant();

        running.emulator.clock().advance(Duration.ofMinutes(2));
        await().atMost(DELIVERY).until(() -> running.received("eb-scheduled").size() >= 2);
        advanceOverHttp(60);
        await().atMost(DELIVERY).until(() -> running.received("eb-scheduled").size() >= 3);

        List<String> received = running.received("eb-scheduled");
        assertEquals(3, received.size(), received.toString());
        // Asynchronous invocations may reach the function in either order, as on AWS: order them by event time.
        List<JsonNode> events = new java.util.ArrayList<>();
        for (String event : received) {
            events.add(JSON.readTree(event));
        }
        events.sort(java.util.Comparator.comparing(event -> Instant.parse(event.get("time").asText())));
        JsonNode first = events.get(0);
        assertEquals("Scheduled Event", first.get("detail-type").asText());
        assertEquals("aws.events", first.get("source").asText());
        assertEquals(rule, first.get("resources").get(0).asText());
        assertEquals(0, first.get("detail").size());
        Instant firstTime = Instant.parse(first.get("time").asText());
        Instant secondTime = Instant.parse(events.get(1).get("time").asText());
        assertTrue(firstTime.isAfter(before.minusSeconds(1)), firstTime + " after " + before);
        assertEquals(Duration.ofMinutes(1), Duration.between(firstTime, secondTime));
    }

    private void advanceOverHttp(int seconds) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(running.emulator.endpoint() + "/_serverlesslab/clock"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"advanceSeconds\": " + seconds + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}

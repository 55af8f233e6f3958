package dev.serverlesslab.emulator.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.Subscription;

/**
 * An HTTP endpoint (the JDK's HttpServer) subscribed to a topic: it first gets a SubscriptionConfirmation, the
 * subscription stays PendingConfirmation until confirmed with the token, then every publish is POSTed as a
 * Notification with SNS's headers; raw delivery POSTs the bare message; a failing endpoint is retried on the clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnsHttpSubscriptionTests {

    private static final Duration DELIVERY = Duration.ofSeconds(30);

    /** One POST the endpoint received. */
    record Received(String path, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private SnsFixture fixture;
    private HttpServer endpoint;
    private String base;

    @BeforeAll
    void start() throws Exception {
        fixture = new SnsFixture();
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean fail = exchange.getRequestURI().getPath().startsWith("/flaky") && failuresLeft
                    .getAndDecrement() > 0;
            received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                    body));
            exchange.sendResponseHeaders(fail ? 500 : 200, -1);
            exchange.close();
        });
        endpoint.start();
        base = "http://127.0.0.1:" + endpoint.getAddress().getPort();
    }

    @AfterAll
    void stop() {
        endpoint.stop(0);
        fixture.close();
    }

    @Test
    void httpSubscription_isConfirmedWithTheToken_thenReceivesNotificationsWithSnsHeaders() throws Exception {
        String topic = fixture.sns.createTopic(r -> r.name("web-hooks")).topicArn();
        String answer = fixture.sns.subscribe(r -> r.topicArn(topic).protocol("http").endpoint(base + "/hook"))
                .subscriptionArn();
        assertEquals("pending confirmation", answer);

        Received confirmation = await("/hook", 1).get(0);
        assertEquals("SubscriptionConfirmation", confirmation.header("x-amz-sns-message-type"));
        assertEquals(topic, confirmation.header("x-amz-sns-topic-arn"));
        JsonNode message = json.readTree(confirmation.body());
        assertEquals("SubscriptionConfirmation", message.path("Type").asText());
        String token = message.path("Token").asText();
        assertFalse(token.isEmpty());
        Subscription pending = fixture.sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions().get(0);
        assertEquals("PendingConfirmation", pending.subscriptionArn());
        fixture.sns.publish(r -> r.topicArn(topic).message("before confirmation"));

        String arn = fixture.sns.confirmSubscription(r -> r.topicArn(topic).token(token)).subscriptionArn();
        assertTrue(arn.startsWith(topic + ":"), arn);
        fixture.sns.publish(r -> r.topicArn(topic).message("hello hook").subject("Greeting")
                .messageAttributes(Map.of("k", MessageAttributeValue.builder().dataType("String").stringValue("v")
                        .build())));

        Received notification = await("/hook", 2).get(1);
        assertEquals("Notification", notification.header("x-amz-sns-message-type"));
        assertEquals(arn, notification.header("x-amz-sns-subscription-arn"));
        assertTrue(notification.header("Content-Type").startsWith("text/plain"));
        JsonNode body = json.readTree(notification.body());
        assertEquals("hello hook", body.path("Message").asText(), "the message before confirmation was not sent");
        assertEquals("Greeting", body.path("Subject").asText());
        assertEquals(notification.header("x-amz-sns-message-id"), body.path("MessageId").asText());
        assertEquals("v", body.path("MessageAttributes").path("k").path("Value").asText());

        assertEquals(200, visit(body.path("UnsubscribeURL").asText()).statusCode());
        assertTrue(fixture.sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions().isEmpty(),
                "visiting the UnsubscribeURL ends the subscription");
    }

    @Test
    void authenticateOnUnsubscribe_makesTheUnsubscribeUrlRefuse_whileASignedUnsubscribeWorks() throws Exception {
        String topic = fixture.sns.createTopic(r -> r.name("guarded-hooks")).topicArn();
        fixture.sns.subscribe(r -> r.topicArn(topic).protocol("http").endpoint(base + "/guarded"));
        String token = json.readTree(await("/guarded", 1).get(0).body()).path("Token").asText();
        String arn = fixture.sns.confirmSubscription(r -> r.topicArn(topic).token(token)
                .authenticateOnUnsubscribe("true")).subscriptionArn();
        fixture.sns.publish(r -> r.topicArn(topic).message("m"));
        String unsubscribeUrl = json.readTree(await("/guarded", 2).get(1).body()).path("UnsubscribeURL").asText();

        HttpResponse<String> refused = visit(unsubscribeUrl);
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("AuthorizationError"), refused.body());
        fixture.sns.unsubscribe(r -> r.subscriptionArn(arn));
        assertTrue(fixture.sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions().isEmpty());
    }

    @Test
    void subscribeUrl_confirmsWhenTheEndpointVisitsIt_andRawDeliveryPostsTheBareMessage() throws Exception {
        String topic = fixture.sns.createTopic(r -> r.name("raw-hooks")).topicArn();
        fixture.sns.subscribe(r -> r.topicArn(topic).protocol("http").endpoint(base + "/raw")
                .attributes(Map.of("RawMessageDelivery", "true")));
        String subscribeUrl = json.readTree(await("/raw", 1).get(0).body()).path("SubscribeURL").asText();

        HttpResponse<String> visit = visit(subscribeUrl);
        assertEquals(200, visit.statusCode(), visit.body());
        assertTrue(visit.body().contains("<SubscriptionArn>" + topic + ":"), visit.body());

        fixture.sns.publish(r -> r.topicArn(topic).message("just this"));
        Received raw = await("/raw", 2).get(1);
        assertEquals("just this", raw.body());
        assertEquals("true", raw.header("x-amz-sns-rawdelivery"));
    }

    @Test
    void failingEndpoint_isRetriedWhenTheClockMovesOn() throws Exception {
        String topic = fixture.sns.createTopic(r -> r.name("flaky-hooks")).topicArn();
        fixture.sns.subscribe(r -> r.topicArn(topic).protocol("http").endpoint(base + "/flaky"));
        String token = json.readTree(await("/flaky", 1).get(0).body()).path("Token").asText();
        fixture.sns.confirmSubscription(r -> r.topicArn(topic).token(token));
        failuresLeft.set(1);

        fixture.sns.publish(r -> r.topicArn(topic).message("eventually"));
        await("/flaky", 2);
        // SNS waits 20 seconds before a retry; the clock moves on until the retry has come.
        org.awaitility.Awaitility.await().atMost(DELIVERY).until(() -> {
            if (at("/flaky").size() < 3) {
                fixture.clock.advance(Duration.ofSeconds(20));
            }
            return at("/flaky").size() >= 3;
        });

        Received retried = at("/flaky").get(2);
        assertEquals("eventually", json.readTree(retried.body()).path("Message").asText());
    }

    /** A GET as an endpoint's owner makes when following a link in a message. */
    private static HttpResponse<String> visit(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<Received> await(String path, int count) {
        org.awaitility.Awaitility.await().atMost(DELIVERY).until(() -> at(path).size() >= count);
        return at(path);
    }

    private List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }
}

package dev.serverlesslab.emulator.lambda;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.EchoString;
import fixtures.Failing;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Event invocations whose outcome reaches the emulator's real queues, topics and buses, as a learner wires them with
 * the SDK: OnSuccess to an SQS queue, OnFailure to an SNS topic a queue subscribes to and to an EventBridge bus whose
 * rule forwards to a queue, and a dead-letter topic. Lambda's retry delays (one minute, then two) run on the
 * emulator's clock: the tests move it forward instead of waiting those minutes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsyncDestinationsSdkTests {

    private static final Duration DELIVERY = Duration.ofSeconds(60);
    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path workDir;
    private RunningEmulator running;
    private SqsClient sqs;
    private SnsClient sns;
    private EventBridgeClient events;

    @BeforeAll
    void start() {
        running = new RunningEmulator(workDir);
        sqs = client(SqsClient.builder());
        sns = client(SnsClient.builder());
        events = client(EventBridgeClient.builder());
    }

    @AfterAll
    void stop() {
        sqs.close();
        sns.close();
        events.close();
        running.close();
    }

    @Test
    void successfulEventInvocation_putsAwsShapedRecordOnTheOnSuccessQueue() throws Exception {
        String queue = sqs.createQueue(r -> r.queueName("succeeded")).queueUrl();
        String functionArn = running.create("dest-echo", EchoString.class.getName() + "::shout",
                FunctionZips.of(EchoString.class)).functionArn();
        running.lambda.putFunctionEventInvokeConfig(r -> r.functionName("dest-echo")
                .destinationConfig(d -> d.onSuccess(s -> s.destination(arn(queue)))));

        String requestId = invokeAsync("dest-echo", "\"hello\"");

        JsonNode record = json.readTree(receiveOne(queue).body());
        assertEquals("1.0", record.path("version").asText());
        assertTrue(record.path("timestamp").asText().matches(TIMESTAMP), record.toString());
        JsonNode context = record.path("requestContext");
        assertEquals(requestId, context.path("requestId").asText());
        assertEquals(functionArn + ":$LATEST", context.path("functionArn").asText());
        assertEquals("Success", context.path("condition").asText());
        assertEquals(1, context.path("approximateInvokeCount").asInt());
        assertEquals("hello", record.path("requestPayload").asText());
        assertEquals(200, record.path("responseContext").path("statusCode").asInt());
        assertEquals("$LATEST", record.path("responseContext").path("executedVersion").asText());
        assertTrue(record.path("responseContext").path("functionError").isMissingNode(), record.toString());
        assertEquals("HELLO!", record.path("responsePayload").asText());
    }

    @Test
    void failedEventInvocation_afterItsRetry_reachesTheOnFailureTopic_andTheQueueSubscribedToIt() throws Exception {
        String queue = sqs.createQueue(r -> r.queueName("failures-by-topic")).queueUrl();
        String topic = sns.createTopic(r -> r.name("failed-invocations")).topicArn();
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(arn(queue)));
        running.create("dest-topic", Failing.class.getName() + "::handleRequest", FunctionZips.of(Failing.class));
        running.lambda.putFunctionEventInvokeConfig(r -> r.functionName("dest-topic").maximumRetryAttempts(1)
                .destinationConfig(d -> d.onFailure(f -> f.destination(topic))));

        String requestId = invokeAsync("dest-topic", "{\"order\":\"o-3\"}");

        // Each poll moves the clock a minute on, so the one retry comes due whenever the first attempt has failed.
        await().atMost(DELIVERY).until(() -> {
            running.emulator.clock().advance(Duration.ofMinutes(1));
            return reports("dest-topic") >= 2;
        });
        JsonNode envelope = json.readTree(receiveOne(queue).body());
        assertEquals("Notification", envelope.path("Type").asText());
        assertEquals(topic, envelope.path("TopicArn").asText());
        JsonNode record = json.readTree(envelope.path("Message").asText());
        assertEquals(requestId, record.path("requestContext").path("requestId").asText());
        assertEquals("RetriesExhausted", record.path("requestContext").path("condition").asText());
        assertEquals(2, record.path("requestContext").path("approximateInvokeCount").asInt(),
                "MaximumRetryAttempts 1: the first attempt and one retry");
        assertEquals("o-3", record.path("requestPayload").path("order").asText());
        assertEquals(200, record.path("responseContext").path("statusCode").asInt());
        assertEquals("Unhandled", record.path("responseContext").path("functionError").asText());
        assertEquals("order o-3 not found", record.path("responsePayload").path("errorMessage").asText());
        assertEquals("java.lang.IllegalStateException", record.path("responsePayload").path("errorType").asText());
    }

    @Test
    void failedEventInvocation_isRetriedOnlyWhenTheClockReachesLambdasDelays_thenReachesOnFailureAndDeadLetterQueue()
            throws Exception {
        String failures = sqs.createQueue(r -> r.queueName("retried-failures")).queueUrl();
        String deadLetters = sqs.createQueue(r -> r.queueName("retried-dlq")).queueUrl();
        running.create("retried", Failing.class.getName() + "::handleRequest", FunctionZips.of(Failing.class));
        running.lambda.updateFunctionConfiguration(r -> r.functionName("retried")
                .deadLetterConfig(d -> d.targetArn(arn(deadLetters))));
        running.lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("retried"));
        // Lambda's defaults: two retries, one minute and then two minutes after a failure.
        running.lambda.putFunctionEventInvokeConfig(r -> r.functionName("retried")
                .destinationConfig(d -> d.onFailure(f -> f.destination(arn(failures)))));

        Instant invoked = running.emulator.clock().instant();
        String requestId = invokeAsync("retried", "{\"order\":\"o-5\"}");

        await().atMost(DELIVERY).until(() -> reports("retried") == 1);
        stillAttempted("retried", 1, "in real time, without the clock moving");
        running.emulator.clock().advance(Duration.ofSeconds(50));
        stillAttempted("retried", 1, "50 s after the failure by the emulator's clock: Lambda waits a minute");
        advanceUntilAttempted("retried", 2, Duration.ofSeconds(5));

        await().atMost(DELIVERY).until(() -> reports("retried") == 2);
        running.emulator.clock().advance(Duration.ofSeconds(61));
        stillAttempted("retried", 2, "61 s after the second failure: Lambda waits two minutes before the third");
        advanceUntilAttempted("retried", 3, Duration.ofSeconds(10));

        JsonNode record = json.readTree(receiveOne(failures).body());
        assertEquals(requestId, record.path("requestContext").path("requestId").asText());
        assertEquals("RetriesExhausted", record.path("requestContext").path("condition").asText());
        assertEquals(3, record.path("requestContext").path("approximateInvokeCount").asInt(),
                "the first attempt and Lambda's two default retries");
        Instant stamped = Instant.parse(record.path("timestamp").asText());
        assertFalse(stamped.isBefore(invoked.plus(Duration.ofMinutes(3))), "the record is stamped by the emulator's "
                + "clock, which moved past both retries, not before: " + stamped + " for an invoke at " + invoked);
        Message dead = receiveOne(deadLetters);
        assertEquals("{\"order\":\"o-5\"}", dead.body());
        assertEquals(3, running.emulator.platformLines(functionArn("retried")).stream()
                .filter(line -> line.startsWith("START RequestId: " + requestId)).count());
    }

    @Test
    void failedEventInvocation_olderThanItsMaximumAgeByTheClock_isNotRetried_andReportsEventAgeExceeded()
            throws Exception {
        String failures = sqs.createQueue(r -> r.queueName("aged-failures")).queueUrl();
        running.create("aged", Failing.class.getName() + "::handleRequest", FunctionZips.of(Failing.class));
        running.lambda.putFunctionEventInvokeConfig(r -> r.functionName("aged").maximumEventAgeInSeconds(60)
                .destinationConfig(d -> d.onFailure(f -> f.destination(arn(failures)))));

        String requestId = invokeAsync("aged", "{\"order\":\"o-6\"}");
        await().atMost(DELIVERY).until(() -> reports("aged") == 1);
        stillAttempted("aged", 1, "before the clock moved");
        // The retry comes due a minute after the failure, when the event is already older than its 60 s; each poll
        // moves the clock on, in case a step landed before the failed attempt scheduled its retry.
        List<Message> received = new ArrayList<>();
        await().atMost(DELIVERY).until(() -> {
            running.emulator.clock().advance(Duration.ofSeconds(61));
            received.addAll(sqs.receiveMessage(r -> r.queueUrl(failures).waitTimeSeconds(1)).messages());
            return !received.isEmpty();
        });

        JsonNode record = json.readTree(received.get(0).body());
        assertEquals(requestId, record.path("requestContext").path("requestId").asText());
        assertEquals("EventAgeExceeded", record.path("requestContext").path("condition").asText());
        assertEquals(1, record.path("requestContext").path("approximateInvokeCount").asInt());
        assertEquals(1, starts("aged"), "an event past its maximum age is not tried again");
    }

    /** For a fraction of a second (the retry, if due, would start at once), no further attempt starts. */
    private void stillAttempted(String function, int attempts, String when) {
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .failFast(when + " the function was already tried again", () -> starts(function) > attempts)
                .until(() -> starts(function) == attempts);
    }

    /**
     * Moves the clock on by {@code step} each poll until the next attempt starts: never far past its due time, and
     * never stuck should a step land just before the failed attempt scheduled its retry.
     */
    private void advanceUntilAttempted(String function, int attempts, Duration step) {
        await().atMost(DELIVERY).until(() -> {
            if (starts(function) < attempts) {
                running.emulator.clock().advance(step);
            }
            return starts(function) >= attempts;
        });
    }

    private long starts(String function) {
        return running.emulator.platformLines(functionArn(function)).stream()
                .filter(line -> line.startsWith("START ")).count();
    }

    private long reports(String function) {
        return running.emulator.platformLines(functionArn(function)).stream()
                .filter(line -> line.startsWith("REPORT ")).count();
    }

    private static String functionArn(String function) {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + function;
    }

    @Test
    void failedEventInvocation_reachesTheOnFailureBus_whoseRuleForwardsTheEventToAQueue() throws Exception {
        String queue = sqs.createQueue(r -> r.queueName("failures-by-bus")).queueUrl();
        String bus = events.createEventBus(r -> r.name("invocations")).eventBusArn();
        events.putRule(r -> r.name("lambda-failures").eventBusName("invocations").eventPattern(
                "{\"source\":[\"lambda\"],\"detail-type\":[\"Lambda Function Invocation Result - Failure\"]}"));
        events.putTargets(r -> r.rule("lambda-failures").eventBusName("invocations")
                .targets(t -> t.id("queue").arn(arn(queue))));
        String functionArn = running.create("dest-bus", Failing.class.getName() + "::handleRequest",
                FunctionZips.of(Failing.class)).functionArn();
        running.lambda.putFunctionEventInvokeConfig(r -> r.functionName("dest-bus").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(bus))));

        String requestId = invokeAsync("dest-bus", "{\"order\":\"o-4\"}");

        JsonNode event = json.readTree(receiveOne(queue).body());
        assertEquals("lambda", event.path("source").asText(), event.toString());
        assertEquals("Lambda Function Invocation Result - Failure", event.path("detail-type").asText());
        assertEquals("us-east-1", event.path("region").asText());
        List<String> resources = new ArrayList<>();
        event.path("resources").forEach(resource -> resources.add(resource.asText()));
        assertTrue(resources.contains(bus) && resources.contains(functionArn + ":$LATEST"), resources.toString());
        JsonNode record = event.path("detail");
        assertTrue(record.isObject(), "the record is the event's detail as JSON: " + event);
        assertEquals(requestId, record.path("requestContext").path("requestId").asText());
        assertEquals("RetriesExhausted", record.path("requestContext").path("condition").asText());
        assertEquals(1, record.path("requestContext").path("approximateInvokeCount").asInt());
        assertEquals("o-4", record.path("requestPayload").path("order").asText());
        assertEquals("order o-4 not found", record.path("responsePayload").path("errorMessage").asText());
    }

    @Test
    void failedEventInvocation_withADeadLetterTopic_publishesTheEventWithAwsAttributes() throws Exception {
        String queue = sqs.createQueue(r -> r.queueName("dead-letters-by-topic")).queueUrl();
        String topic = sns.createTopic(r -> r.name("dead-letters")).topicArn();
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(arn(queue)));
        running.create("dlq-topic", Failing.class.getName() + "::handleRequest", FunctionZips.of(Failing.class));
        running.lambda.updateFunctionConfiguration(r -> r.functionName("dlq-topic")
                .deadLetterConfig(d -> d.targetArn(topic)));
        running.lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("dlq-topic"));
        running.lambda.putFunctionEventInvokeConfig(r -> r.functionName("dlq-topic").maximumRetryAttempts(0));

        String requestId = invokeAsync("dlq-topic", "{\"order\":\"o-5\"}");

        JsonNode envelope = json.readTree(receiveOne(queue).body());
        assertEquals("{\"order\":\"o-5\"}", envelope.path("Message").asText(), "the event, unchanged");
        JsonNode attributes = envelope.path("MessageAttributes");
        assertEquals(requestId, attributes.path("RequestID").path("Value").asText(), envelope.toString());
        assertEquals("String", attributes.path("RequestID").path("Type").asText());
        assertEquals("200", attributes.path("ErrorCode").path("Value").asText());
        assertEquals("Number", attributes.path("ErrorCode").path("Type").asText());
        assertEquals("order o-5 not found", attributes.path("ErrorMessage").path("Value").asText());
    }

    private String invokeAsync(String function, String payload) {
        var response = running.lambda.invoke(r -> r.functionName(function).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload)));
        assertEquals(202, response.statusCode());
        String requestId = response.responseMetadata().requestId();
        assertFalse(requestId == null || requestId.isEmpty(), "Invoke answers the request id");
        return requestId;
    }

    private Message receiveOne(String queue) {
        List<Message> received = new ArrayList<>();
        await().atMost(DELIVERY).until(() -> {
            received.addAll(sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages());
            return !received.isEmpty();
        });
        assertEquals(1, received.size(), received.toString());
        return received.get(0);
    }

    private String arn(String queueUrl) {
        return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(running.emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}

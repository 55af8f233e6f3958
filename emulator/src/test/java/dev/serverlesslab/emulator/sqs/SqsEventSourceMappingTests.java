package dev.serverlesslab.emulator.sqs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.emulator.lambda.ExecutionRole;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import fixtures.SqsBatches;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.joda.time.DateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * SQS → Lambda end to end with a real Java function: a batch reaches an {@code SQSEvent} handler, the messages it
 * reports in {@code batchItemFailures} come back after the visibility timeout (advanced on the emulator clock) and,
 * past the queue's maxReceiveCount, land in its dead-letter queue, while the successes are deleted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqsEventSourceMappingTests {

    private static final Duration DELIVERY = Duration.ofSeconds(90);
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    @TempDir
    Path workDir;
    private Emulator emulator;
    private SqsClient sqs;
    private LambdaClient lambda;
    private CloudWatchLogsClient logs;

    @BeforeAll
    void start() {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
        sqs = SqsClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        lambda = LambdaClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        logs = CloudWatchLogsClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        String role = ExecutionRole.create(emulator.endpoint(), CREDENTIALS, "sqs-consumer-role");
        // The runtime's event serializers need Joda-Time, as a student's build of aws-lambda-java-events has it.
        for (String name : List.of("sqs-consumer", "sqs-settings", "sqs-window")) {
            lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA17).role(role)
                    .handler(SqsBatches.class.getName()).memorySize(256).timeout(30)
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionZips.withLibraries(
                            List.of(SqsBatches.class), List.of(SQSEvent.class, DateTime.class))))));
        }
    }

    @AfterAll
    void stop() {
        sqs.close();
        lambda.close();
        logs.close();
        emulator.close();
    }

    @Test
    void partialBatchFailure_isRetriedAfterTheVisibilityTimeout_andLandsInTheDeadLetterQueue() {
        String dlq = sqs.createQueue(r -> r.queueName("jobs-dlq")).queueUrl();
        String dlqArn = arn(dlq);
        String jobs = sqs.createQueue(r -> r.queueName("jobs").attributesWithStrings(Map.of(
                "VisibilityTimeout", "60",
                "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":2}"))).queueUrl();
        String uuid = lambda.createEventSourceMapping(r -> r.functionName("sqs-consumer").eventSourceArn(arn(jobs))
                .batchSize(10).maximumBatchingWindowInSeconds(2)
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)).uuid();

        sqs.sendMessageBatch(r -> r.queueUrl(jobs).entries(
                e -> e.id("a").messageBody("ok-1").messageAttributes(Map.of("color", MessageAttributeValue.builder()
                        .dataType("String").stringValue("blue").build())),
                e -> e.id("b").messageBody("fail-2"),
                e -> e.id("c").messageBody("ok-3")));

        await().atMost(DELIVERY).until(() -> batches("sqs-consumer").size() == 1);
        assertEquals("BATCH ok-1,fail-2,ok-3 from " + arn(jobs) + " in us-east-1 color=blue",
                batches("sqs-consumer").get(0));
        // The successes are deleted; the reported failure stays in flight until its visibility timeout ends.
        await().atMost(DELIVERY).until(() -> "1".equals(attribute(jobs, "ApproximateNumberOfMessagesNotVisible")));
        assertEquals("0", attribute(jobs, "ApproximateNumberOfMessages"));

        emulator.clock().advance(Duration.ofSeconds(61));
        await().atMost(DELIVERY).until(() -> batches("sqs-consumer").size() == 2);
        assertTrue(batches("sqs-consumer").get(1).startsWith("BATCH fail-2 from "), batches("sqs-consumer").get(1));

        emulator.clock().advance(Duration.ofSeconds(61));
        await().atMost(DELIVERY).until(() -> "1".equals(attribute(dlq, "ApproximateNumberOfMessages")));
        Message dead = sqs.receiveMessage(r -> r.queueUrl(dlq).messageSystemAttributeNames(
                MessageSystemAttributeName.ALL)).messages().get(0);
        assertEquals("fail-2", dead.body());
        assertEquals(arn(jobs), dead.attributesAsStrings().get("DeadLetterQueueSourceArn"));
        assertEquals("0", attribute(jobs, "ApproximateNumberOfMessages"));
        assertEquals("0", attribute(jobs, "ApproximateNumberOfMessagesNotVisible"));
        assertEquals(2, batches("sqs-consumer").size(), "the function never saw the message a third time");
        lambda.deleteEventSourceMapping(r -> r.uuid(uuid));
    }

    @Test
    void batchingWindow_runsOnTheEmulatorClock_soAdvancingItSendsTheFillingBatchAtOnce() {
        String orders = sqs.createQueue(r -> r.queueName("window-orders").attributesWithStrings(Map.of(
                "VisibilityTimeout", "600"))).queueUrl();
        String uuid = lambda.createEventSourceMapping(r -> r.functionName("sqs-window").eventSourceArn(arn(orders))
                .batchSize(10).maximumBatchingWindowInSeconds(120)).uuid();
        await().atMost(DELIVERY).until(() -> "Enabled".equals(lambda.getEventSourceMapping(r -> r.uuid(uuid))
                .state()));

        sqs.sendMessage(r -> r.queueUrl(orders).messageBody("ok-window"));
        // Received and held in flight while the two-minute window waits for nine more messages.
        await().atMost(DELIVERY).until(() -> "1".equals(attribute(orders, "ApproximateNumberOfMessagesNotVisible")));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> batches("sqs-window").isEmpty());
        emulator.clock().advance(Duration.ofSeconds(121));

        await().atMost(DELIVERY).until(() -> batches("sqs-window").size() == 1);
        assertTrue(batches("sqs-window").get(0).startsWith("BATCH ok-window from "), batches("sqs-window").get(0));
        lambda.deleteEventSourceMapping(r -> r.uuid(uuid));
    }

    @Test
    void queueMappings_takeSqsSettings_andRefuseStreamSettingsByName() {
        String queue = sqs.createQueue(r -> r.queueName("settings")).queueUrl();
        GetEventSourceMappingResponse mapping = lambda.getEventSourceMapping(r -> r.uuid(lambda
                .createEventSourceMapping(c -> c.functionName("sqs-settings").eventSourceArn(arn(queue))
                        .enabled(false).scalingConfig(s -> s.maximumConcurrency(5))).uuid()));

        assertEquals(10, mapping.batchSize());
        assertNull(mapping.startingPosition());
        assertNull(mapping.parallelizationFactor());
        assertEquals(5, mapping.scalingConfig().maximumConcurrency());
        for (String field : List.of("StartingPosition", "BisectBatchOnFunctionError", "ParallelizationFactor")) {
            InvalidParameterValueException refused = assertThrows(InvalidParameterValueException.class, () ->
                    lambda.createEventSourceMapping(c -> {
                        c.functionName("sqs-settings").eventSourceArn(arn(queue));
                        switch (field) {
                            case "StartingPosition" -> c.startingPosition(EventSourcePosition.LATEST);
                            case "BisectBatchOnFunctionError" -> c.bisectBatchOnFunctionError(true);
                            default -> c.parallelizationFactor(2);
                        }
                    }));
            assertTrue(refused.getMessage().contains(field), refused.getMessage());
        }
        InvalidParameterValueException big = assertThrows(InvalidParameterValueException.class, () ->
                lambda.updateEventSourceMapping(r -> r.uuid(mapping.uuid()).batchSize(100)));
        assertTrue(big.getMessage().contains("batch window"), big.getMessage());
        assertThrows(InvalidParameterValueException.class, () -> lambda.createEventSourceMapping(c -> c
                .functionName("sqs-settings").eventSourceArn("arn:aws:sqs:us-east-1:000000000000:no-such-queue")));
    }

    private String arn(String url) {
        return attribute(url, "QueueArn");
    }

    private String attribute(String url, String name) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings(name)).attributesAsStrings()
                .get(name);
    }

    /** The function's BATCH lines, oldest first. */
    private List<String> batches(String function) {
        if (logs.describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/" + function)).logGroups().isEmpty()) {
            return List.of();
        }
        return logs.filterLogEvents(r -> r.logGroupName("/aws/lambda/" + function)).events().stream()
                .map(FilteredLogEvent::message).map(String::strip).filter(m -> m.startsWith("BATCH ")).toList();
    }
}

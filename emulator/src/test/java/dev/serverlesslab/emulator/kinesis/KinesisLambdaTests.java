package dev.serverlesslab.emulator.kinesis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.serverlesslab.emulator.lambda.ExecutionRole;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import fixtures.KinesisBatches;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.joda.time.DateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Kinesis → Lambda end to end, with a real Java function typed with {@code KinesisEvent}: the records of one
 * partition key reach it in the order they were written, in Lambda's Kinesis event shape; a failing batch is split
 * and its failing record given up on after the retries; a reported item failure is retried from that record on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KinesisLambdaTests {

    private static final Duration DELIVERY = Duration.ofSeconds(90);

    private KinesisEmulator running;
    private LambdaClient lambda;
    private CloudWatchLogsClient logs;
    private String role;

    @BeforeAll
    void start() {
        running = new KinesisEmulator();
        lambda = LambdaClient.builder().endpointOverride(running.emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(KinesisEmulator.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        logs = CloudWatchLogsClient.builder().endpointOverride(running.emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(KinesisEmulator.CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .build();
        role = ExecutionRole.create(running.emulator.endpoint(), KinesisEmulator.CREDENTIALS, "kinesis-reader");
    }

    @AfterAll
    void stop() {
        lambda.close();
        logs.close();
        running.close();
    }

    @Test
    void recordsOfOnePartitionKey_reachTheFunctionInWriteOrder_inLambdasKinesisEventShape() {
        String stream = stream("clicks", 2);
        function("clicks-fn");
        Instant before = running.emulator.clock().instant().minusSeconds(1);
        lambda.createEventSourceMapping(r -> r.functionName("clicks-fn").eventSourceArn(stream)
                .startingPosition(EventSourcePosition.TRIM_HORIZON).batchSize(3));

        List<String> written = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            for (String user : List.of("ann", "bob")) {
                String record = user + ":" + i;
                written.add(record);
                running.kinesis.putRecord(r -> r.streamName("clicks").partitionKey(user)
                        .data(SdkBytes.fromUtf8String(String.valueOf(record.charAt(record.length() - 1)))));
            }
        }

        await().atMost(DELIVERY).until(() -> delivered("clicks-fn").size() >= written.size());
        List<String> delivered = delivered("clicks-fn");
        assertEquals(written.size(), delivered.size(), "each record once: " + delivered);
        for (String user : List.of("ann", "bob")) {
            assertEquals(written.stream().filter(r -> r.startsWith(user)).toList(),
                    delivered.stream().filter(r -> r.startsWith(user)).toList(), user + "'s records in order");
        }
        String line = batchLines("clicks-fn").get(0);
        assertTrue(line.contains(" from " + stream + " in us-east-1 as " + role + " source aws:kinesis name "
                + "aws:kinesis:record schema 1.0 arrived "), line);
        assertTrue(line.matches(".* shard shardId-00000000000[01] .*"), line);
        long arrived = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
        assertTrue(arrived >= before.toEpochMilli(), "arrival time " + arrived + " read as epoch seconds");
    }

    @Test
    void failingBatch_isBisected_andItsFailingRecordDiscardedAfterTheRetries() {
        String stream = stream("bisected", 1);
        function("bisected-fn");
        lambda.createEventSourceMapping(r -> r.functionName("bisected-fn").eventSourceArn(stream)
                .startingPosition(EventSourcePosition.TRIM_HORIZON).batchSize(10).maximumBatchingWindowInSeconds(3)
                .bisectBatchOnFunctionError(true).maximumRetryAttempts(1));

        // One PutRecords call, so the batching window sees all four records at once.
        running.kinesis.putRecords(r -> r.streamName("bisected").records(entries("b-1", "fail-always", "b-3",
                "b-4")));

        await().atMost(DELIVERY).until(() -> batchLines("bisected-fn").stream()
                .anyMatch(line -> line.startsWith("BATCH k:b-3,k:b-4 ")));
        assertEquals(List.of("k:b-1,k:fail-always,k:b-3,k:b-4", "k:b-1,k:fail-always", "k:b-1", "k:fail-always",
                "k:fail-always", "k:b-3,k:b-4"), batches("bisected-fn"));
    }

    @Test
    void reportedItemFailure_isRetriedFromThatRecordOn() {
        String stream = stream("partial", 1);
        function("partial-fn");
        lambda.createEventSourceMapping(r -> r.functionName("partial-fn").eventSourceArn(stream)
                .startingPosition(EventSourcePosition.TRIM_HORIZON).batchSize(10).maximumBatchingWindowInSeconds(3)
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES));

        running.kinesis.putRecords(r -> r.streamName("partial").records(entries("p-1", "p-2", "fail-once", "p-4")));

        await().atMost(DELIVERY).until(() -> batchLines("partial-fn").size() >= 2);
        assertEquals(List.of("k:p-1,k:p-2,k:fail-once,k:p-4", "k:fail-once,k:p-4"), batches("partial-fn"));
    }

    @Test
    void latestMapping_skipsEarlierRecords_andAStreamThatDoesNotExistIsRefused() {
        String stream = stream("late", 1);
        function("late-fn");
        running.kinesis.putRecord(r -> r.streamName("late").partitionKey("k").data(SdkBytes.fromUtf8String("before")));
        String uuid = lambda.createEventSourceMapping(r -> r.functionName("late-fn").eventSourceArn(stream)
                .startingPosition(EventSourcePosition.LATEST)).uuid();
        running.kinesis.putRecord(r -> r.streamName("late").partitionKey("k").data(SdkBytes.fromUtf8String("after")));

        await().atMost(DELIVERY).until(() -> !delivered("late-fn").isEmpty());
        assertEquals(List.of("k:after"), delivered("late-fn"), "LATEST starts when the mapping is made");
        await().atMost(Duration.ofSeconds(10)).until(() -> "OK".equals(lambda.getEventSourceMapping(r -> r.uuid(uuid))
                .lastProcessingResult()));

        InvalidParameterValueException missing = assertThrows(InvalidParameterValueException.class, () -> lambda
                .createEventSourceMapping(r -> r.functionName("late-fn").startingPosition(EventSourcePosition.LATEST)
                        .eventSourceArn("arn:aws:kinesis:us-east-1:000000000000:stream/never-made")));
        assertTrue(missing.getMessage().contains("never-made"), missing.getMessage());
    }

    @Test
    void duplicateAndAtTimestampMappings_areRefusedNamingKinesis_notDynamoDb() {
        String stream = stream("named", 1);
        function("named-fn");
        lambda.createEventSourceMapping(r -> r.functionName("named-fn").eventSourceArn(stream)
                .startingPosition(EventSourcePosition.LATEST));

        ResourceConflictException duplicate = assertThrows(ResourceConflictException.class, () -> lambda
                .createEventSourceMapping(r -> r.functionName("named-fn").eventSourceArn(stream)
                        .startingPosition(EventSourcePosition.LATEST)));
        InvalidParameterValueException atTimestamp = assertThrows(InvalidParameterValueException.class, () -> lambda
                .createEventSourceMapping(r -> r.functionName("named-fn").eventSourceArn(stream)
                        .startingPosition(EventSourcePosition.AT_TIMESTAMP)
                        .startingPositionTimestamp(java.time.Instant.parse("2026-01-01T00:00:00Z"))));

        InvalidParameterValueException tags = assertThrows(InvalidParameterValueException.class, () -> lambda
                .createEventSourceMapping(r -> r.functionName("named-fn").eventSourceArn(stream("named-2", 1))
                        .startingPosition(EventSourcePosition.LATEST).tags(Map.of("team", "a"))));

        assertTrue(tags.getMessage().contains("Kinesis"), tags.getMessage());
        assertTrue(duplicate.getMessage().contains("Kinesis stream arn"), duplicate.getMessage());
        assertTrue(atTimestamp.getMessage().contains("for Kinesis streams"), atTimestamp.getMessage());
        for (String message : List.of(duplicate.getMessage(), atTimestamp.getMessage())) {
            // Tags' message names both stream kinds it applies to; these two are about this Kinesis stream only.
            assertTrue(!message.contains("DynamoDB"), message);
        }
    }

    private String stream(String name, int shards) {
        running.kinesis.createStream(r -> r.streamName(name).shardCount(shards));
        return running.kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamARN();
    }

    private void function(String name) {
        byte[] zip = FunctionZips.withLibraries(List.of(KinesisBatches.class), List.of(SQSEvent.class,
                DateTime.class));
        lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA17).role(role)
                .handler(KinesisBatches.class.getName()).memorySize(256).timeout(30)
                .environment(e -> e.variables(Map.of()))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
    }

    private static List<PutRecordsRequestEntry> entries(String... data) {
        return Stream.of(data).map(text -> PutRecordsRequestEntry.builder().partitionKey("k")
                .data(SdkBytes.fromUtf8String(text)).build()).toList();
    }

    /** The function's BATCH lines, oldest first. */
    private List<String> batchLines(String function) {
        if (logs.describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/" + function)).logGroups().isEmpty()) {
            return List.of();
        }
        return logs.filterLogEvents(r -> r.logGroupName("/aws/lambda/" + function)).events().stream()
                .map(FilteredLogEvent::message).map(String::strip).filter(m -> m.startsWith("BATCH ")).toList();
    }

    /** Each batch's records, {@code key:data,...}, oldest batch first. */
    private List<String> batches(String function) {
        return batchLines(function).stream().map(line -> line.split(" ")[1]).toList();
    }

    /** Every record delivered, {@code key:data}, in delivery order. */
    private List<String> delivered(String function) {
        return batches(function).stream().flatMap(batch -> Stream.of(batch.split(","))).toList();
    }
}

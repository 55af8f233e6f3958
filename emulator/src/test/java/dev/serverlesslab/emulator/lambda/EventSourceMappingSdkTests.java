package dev.serverlesslab.emulator.lambda;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import fixtures.StreamBatches;
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
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Event source mappings on DynamoDB streams through the SDK: a Java handler typed with {@code DynamodbEvent} gets
 * INSERT/MODIFY/REMOVE batches in order, partial batch failures are retried from the first failed record, failing
 * batches are split and given up on after their retries, and mappings are created, listed, disabled and deleted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventSourceMappingSdkTests {

    private static final Duration DELIVERY = Duration.ofSeconds(90);

    @TempDir
    Path workDir;
    private RunningEmulator running;
    private DynamoDbClient dynamo;
    private CloudWatchLogsClient logs;

    @BeforeAll
    void start() {
        running = new RunningEmulator(workDir);
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        dynamo = DynamoDbClient.builder().endpointOverride(running.emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        logs = CloudWatchLogsClient.builder().endpointOverride(running.emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    void stop() {
        dynamo.close();
        logs.close();
        running.close();
    }

    @Test
    void streamWrites_reachADynamodbEventHandler_asInsertModifyRemoveInOrder() {
        String stream = tableWithStream("esm-orders");
        function("esm-orders-fn");
        CreateEventSourceMappingResponse created = running.lambda.createEventSourceMapping(r -> r
                .functionName("esm-orders-fn").eventSourceArn(stream).startingPosition(EventSourcePosition.TRIM_HORIZON)
                .batchSize(10));

        assertEquals("Creating", created.state());
        assertEquals(stream, created.eventSourceArn());
        assertTrue(created.functionArn().endsWith(":function:esm-orders-fn"), created.functionArn());
        await().atMost(Duration.ofSeconds(10)).until(() -> "Enabled".equals(mapping(created.uuid()).state()));

        dynamo.putItem(r -> r.tableName("esm-orders").item(item("o-1", "qty", "1")));
        dynamo.updateItem(r -> r.tableName("esm-orders").key(Map.of("id", s("o-1")))
                .updateExpression("SET qty = :q").expressionAttributeValues(Map.of(":q", s("2"))));
        dynamo.deleteItem(r -> r.tableName("esm-orders").key(Map.of("id", s("o-1"))));

        await().atMost(DELIVERY).until(() -> delivered("esm-orders-fn").contains("REMOVE:o-1"));
        List<String> batches = batchLines("esm-orders-fn");
        assertEquals(List.of("INSERT:o-1", "MODIFY:o-1", "REMOVE:o-1"), delivered("esm-orders-fn"));
        assertTrue(batches.get(0).endsWith(" from " + stream + " in us-east-1"), batches.get(0));
        await().atMost(Duration.ofSeconds(10)).until(() -> "OK".equals(mapping(created.uuid()).lastProcessingResult()));
    }

    @Test
    void reportedBatchItemFailure_isRetriedFromTheFailedRecordOn() {
        String stream = tableWithStream("esm-partial");
        function("esm-partial-fn");
        running.lambda.createEventSourceMapping(r -> r.functionName("esm-partial-fn").eventSourceArn(stream)
                .startingPosition(EventSourcePosition.TRIM_HORIZON).batchSize(10)
                .maximumBatchingWindowInSeconds(3).functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES));

        dynamo.putItem(r -> r.tableName("esm-partial").item(item("p-1", "note", "")));
        dynamo.putItem(r -> r.tableName("esm-partial").item(item("p-2", "note", "")));
        dynamo.putItem(r -> r.tableName("esm-partial").item(item("p-3", "fail", "once")));
        dynamo.putItem(r -> r.tableName("esm-partial").item(item("p-4", "note", "")));

        await().atMost(DELIVERY).until(() -> batchLines("esm-partial-fn").size() >= 2);
        List<String> batches = batchLines("esm-partial-fn").stream().map(line -> line.split(" ")[1]).toList();
        // p-1 and p-2 succeeded and are not sent again; the retry starts at p-3, the reported failure.
        assertEquals(List.of("INSERT:p-1,INSERT:p-2,INSERT:p-3,INSERT:p-4", "INSERT:p-3,INSERT:p-4"), batches);
    }

    @Test
    void failingBatch_isBisected_andItsFailingRecordDiscardedAfterTheRetries() {
        String stream = tableWithStream("esm-bisect");
        function("esm-bisect-fn");
        String uuid = running.lambda.createEventSourceMapping(r -> r.functionName("esm-bisect-fn")
                .eventSourceArn(stream).startingPosition(EventSourcePosition.TRIM_HORIZON).batchSize(10)
                .maximumBatchingWindowInSeconds(3).bisectBatchOnFunctionError(true).maximumRetryAttempts(1)).uuid();

        dynamo.putItem(r -> r.tableName("esm-bisect").item(item("b-1", "note", "")));
        dynamo.putItem(r -> r.tableName("esm-bisect").item(item("b-2", "fail", "always")));
        dynamo.putItem(r -> r.tableName("esm-bisect").item(item("b-3", "note", "")));
        dynamo.putItem(r -> r.tableName("esm-bisect").item(item("b-4", "note", "")));

        await().atMost(DELIVERY).until(() -> batchLines("esm-bisect-fn").stream()
                .anyMatch(line -> line.contains(" INSERT:b-3,INSERT:b-4 ")));
        List<String> batches = batchLines("esm-bisect-fn").stream().map(line -> line.split(" ")[1]).toList();
        assertEquals(List.of("INSERT:b-1,INSERT:b-2,INSERT:b-3,INSERT:b-4", "INSERT:b-1,INSERT:b-2", "INSERT:b-1",
                "INSERT:b-2", "INSERT:b-2", "INSERT:b-3,INSERT:b-4"), batches);
        assertEquals(1, mapping(uuid).maximumRetryAttempts());
        assertTrue(mapping(uuid).bisectBatchOnFunctionError());
    }

    @Test
    void mappings_areListedUpdatedDisabledAndDeleted_andLatestSkipsOlderRecords() {
        String stream = tableWithStream("esm-admin");
        function("esm-admin-fn");
        dynamo.putItem(r -> r.tableName("esm-admin").item(item("before", "note", "")));
        String uuid = running.lambda.createEventSourceMapping(r -> r.functionName("esm-admin-fn")
                .eventSourceArn(stream).startingPosition(EventSourcePosition.LATEST).enabled(false)).uuid();

        await().atMost(Duration.ofSeconds(10)).until(() -> "Disabled".equals(mapping(uuid).state()));
        assertEquals(List.of(uuid), running.lambda.listEventSourceMappings(r -> r.functionName("esm-admin-fn"))
                .eventSourceMappings().stream().map(EventSourceMappingConfiguration::uuid).toList());
        assertEquals(100, mapping(uuid).batchSize());

        String state = running.lambda.updateEventSourceMapping(r -> r.uuid(uuid).enabled(true).batchSize(5)).state();
        assertEquals("Enabling", state);
        await().atMost(Duration.ofSeconds(10)).until(() -> "Enabled".equals(mapping(uuid).state()));
        assertEquals(5, mapping(uuid).batchSize());
        dynamo.putItem(r -> r.tableName("esm-admin").item(item("after", "note", "")));

        await().atMost(DELIVERY).until(() -> !delivered("esm-admin-fn").isEmpty());
        assertEquals(List.of("INSERT:after"), delivered("esm-admin-fn"), "LATEST starts when the mapping is made");
        assertEquals("Deleting", running.lambda.deleteEventSourceMapping(r -> r.uuid(uuid)).state());
        assertThrows(ResourceNotFoundException.class, () -> mapping(uuid));
    }

    @Test
    void sourcesNotServedYet_andSettingsNotEmulated_areRefusedNamingThem() {
        function("esm-refused-fn");
        InvalidParameterValueException mq = assertThrows(InvalidParameterValueException.class, () ->
                running.lambda.createEventSourceMapping(r -> r.functionName("esm-refused-fn")
                        .eventSourceArn("arn:aws:mq:us-east-1:000000000000:broker:orders:b-1")));
        assertTrue(mq.getMessage().contains("does not serve Amazon MQ"), mq.getMessage());

        String stream = tableWithStream("esm-refused");
        InvalidParameterValueException destination = assertThrows(InvalidParameterValueException.class, () ->
                running.lambda.createEventSourceMapping(r -> r.functionName("esm-refused-fn").eventSourceArn(stream)
                        .startingPosition(EventSourcePosition.LATEST).destinationConfig(d -> d.onFailure(
                                f -> f.destination("arn:aws:sqs:us-east-1:000000000000:dlq")))));
        assertTrue(destination.getMessage().contains("DestinationConfig.OnFailure.Destination"),
                destination.getMessage());
        InvalidParameterValueException parallel = assertThrows(InvalidParameterValueException.class, () ->
                running.lambda.createEventSourceMapping(r -> r.functionName("esm-refused-fn").eventSourceArn(stream)
                        .startingPosition(EventSourcePosition.LATEST).parallelizationFactor(2)));
        assertTrue(parallel.getMessage().contains("ParallelizationFactor"), parallel.getMessage());
        assertThrows(ResourceNotFoundException.class, () -> running.lambda.createEventSourceMapping(r -> r
                .functionName("no-such-fn").eventSourceArn(stream).startingPosition(EventSourcePosition.LATEST)));
    }

    private GetEventSourceMappingResponse mapping(String uuid) {
        return running.lambda.getEventSourceMapping(r -> r.uuid(uuid));
    }

    private String tableWithStream(String name) {
        return dynamo.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
    }

    private void function(String name) {
        running.create(name, StreamBatches.class.getName(), FunctionZips.withLibraries(List.of(StreamBatches.class),
                List.of(SQSEvent.class, DateTime.class)), 256, 30, Map.of());
    }

    /** The function's BATCH lines, oldest first. */
    private List<String> batchLines(String function) {
        if (logs.describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/" + function)).logGroups().isEmpty()) {
            return List.of();
        }
        return logs.filterLogEvents(r -> r.logGroupName("/aws/lambda/" + function)).events().stream()
                .map(FilteredLogEvent::message).map(String::strip).filter(m -> m.startsWith("BATCH ")).toList();
    }

    /** Every record delivered, in delivery order. */
    private List<String> delivered(String function) {
        return batchLines(function).stream().flatMap(line -> List.of(line.split(" ")[1].split(",")).stream())
                .toList();
    }

    private static Map<String, AttributeValue> item(String id, String attribute, String value) {
        return value.isEmpty() ? Map.of("id", s(id)) : Map.of("id", s(id), attribute, s(value));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}

package dev.serverlesslab.emulator.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The AWS SDK v2 DynamoDbClient through the emulator's endpoint, answered by DynamoDB Local behind it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbClientTests {

    private static final StaticCredentialsProvider TEST_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private Path workDir;
    private EdgeServer edge;
    private DynamoDbService service;
    private DynamoDbClient dynamo;

    @BeforeAll
    void start() throws IOException {
        // Made here: JUnit injects @TempDir instance fields only before each test, after @BeforeAll has run.
        workDir = Files.createTempDirectory("dynamodb-client-tests-");
        service = new DynamoDbService(workDir);
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        edge.start(new ServiceRouter(List.of(service)));
        dynamo = client("test", Region.US_EAST_1);
    }

    @AfterAll
    void stop() throws IOException {
        dynamo.close();
        edge.close();
        service.close();
        Files.delete(workDir);
    }

    @Test
    void createTable_withIndex_waiterSeesItActiveAndDescribeTableShowsTheIndex() {
        createOrders("orders-described");

        TableDescription table = dynamo.describeTable(r -> r.tableName("orders-described")).table();

        assertEquals(TableStatus.ACTIVE, table.tableStatus());
        assertEquals("by-customer", table.globalSecondaryIndexes().get(0).indexName());
        assertEquals(List.of("id"), table.keySchema().stream().map(k -> k.attributeName()).toList());
        assertTrue(table.tableArn().endsWith(":table/orders-described"), table.tableArn());
    }

    @Test
    void putItem_thenGetItem_returnsTheItem() {
        createOrders("orders-get");
        dynamo.putItem(r -> r.tableName("orders-get").item(order("o-1", "ana", 12)));

        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName("orders-get").key(key("o-1"))).item();

        assertEquals("ana", item.get("customer").s());
        assertEquals("12", item.get("total").n());
    }

    @Test
    void query_onTheIndex_findsTheCustomersOrders() {
        createOrders("orders-query");
        dynamo.putItem(r -> r.tableName("orders-query").item(order("o-1", "ana", 12)));
        dynamo.putItem(r -> r.tableName("orders-query").item(order("o-2", "ana", 30)));
        dynamo.putItem(r -> r.tableName("orders-query").item(order("o-3", "ben", 5)));

        List<Map<String, AttributeValue>> items = dynamo.query(r -> r.tableName("orders-query")
                .indexName("by-customer")
                .keyConditionExpression("customer = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("ana")))).items();

        assertEquals(List.of("o-1", "o-2"), items.stream().map(i -> i.get("id").s()).sorted().toList());
    }

    @Test
    void scan_withFilter_returnsMatchingItems() {
        createOrders("orders-scan");
        dynamo.putItem(r -> r.tableName("orders-scan").item(order("o-1", "ana", 12)));
        dynamo.putItem(r -> r.tableName("orders-scan").item(order("o-2", "ben", 50)));

        List<Map<String, AttributeValue>> items = dynamo.scan(r -> r.tableName("orders-scan")
                .filterExpression("#t > :min")
                .expressionAttributeNames(Map.of("#t", "total"))
                .expressionAttributeValues(Map.of(":min", AttributeValue.fromN("20")))).items();

        assertEquals(1, items.size());
        assertEquals("o-2", items.get(0).get("id").s());
    }

    @Test
    void updateItem_addsToANumberAndReturnsTheNewValue() {
        createOrders("orders-update");
        dynamo.putItem(r -> r.tableName("orders-update").item(order("o-1", "ana", 12)));

        Map<String, AttributeValue> updated = dynamo.updateItem(r -> r.tableName("orders-update").key(key("o-1"))
                .updateExpression("ADD #t :inc")
                .expressionAttributeNames(Map.of("#t", "total"))
                .expressionAttributeValues(Map.of(":inc", AttributeValue.fromN("8")))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();

        assertEquals("20", updated.get("total").n());
    }

    @Test
    void deleteItem_removesTheItem() {
        createOrders("orders-delete");
        dynamo.putItem(r -> r.tableName("orders-delete").item(order("o-1", "ana", 12)));

        dynamo.deleteItem(r -> r.tableName("orders-delete").key(key("o-1")));

        assertFalse(dynamo.getItem(r -> r.tableName("orders-delete").key(key("o-1"))).hasItem());
    }

    @Test
    void putItem_whenConditionFails_throwsConditionalCheckFailed() {
        createOrders("orders-conditional");
        dynamo.putItem(r -> r.tableName("orders-conditional").item(order("o-1", "ana", 12)));

        ConditionalCheckFailedException error = assertThrows(ConditionalCheckFailedException.class,
                () -> dynamo.putItem(r -> r.tableName("orders-conditional").item(order("o-1", "ben", 1))
                        .conditionExpression("attribute_not_exists(id)")));

        assertEquals(400, error.statusCode());
        assertEquals("ConditionalCheckFailedException", error.awsErrorDetails().errorCode());
        assertEquals("ana", dynamo.getItem(r -> r.tableName("orders-conditional").key(key("o-1")))
                .item().get("customer").s());
    }

    @Test
    void transactWriteItems_writesAllOrNothing() {
        createOrders("orders-tx");
        dynamo.putItem(r -> r.tableName("orders-tx").item(order("o-1", "ana", 12)));

        dynamo.transactWriteItems(r -> r.transactItems(
                t -> t.put(p -> p.tableName("orders-tx").item(order("o-2", "ben", 3))),
                t -> t.update(u -> u.tableName("orders-tx").key(key("o-1")).updateExpression("SET customer = :c")
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("cy"))))));
        TransactionCanceledException cancelled = assertThrows(TransactionCanceledException.class,
                () -> dynamo.transactWriteItems(r -> r.transactItems(
                        t -> t.put(p -> p.tableName("orders-tx").item(order("o-3", "dan", 1))),
                        t -> t.conditionCheck(c -> c.tableName("orders-tx").key(key("o-1"))
                                .conditionExpression("attribute_not_exists(id)")))));

        assertEquals("cy", dynamo.getItem(r -> r.tableName("orders-tx").key(key("o-1"))).item().get("customer").s());
        assertTrue(dynamo.getItem(r -> r.tableName("orders-tx").key(key("o-2"))).hasItem());
        assertFalse(dynamo.getItem(r -> r.tableName("orders-tx").key(key("o-3"))).hasItem());
        assertEquals("ConditionalCheckFailed", cancelled.cancellationReasons().get(1).code());
    }

    @Test
    void batchWriteItem_putsEveryItem() {
        createOrders("orders-batch");
        List<WriteRequest> writes = List.of(
                WriteRequest.builder().putRequest(PutRequest.builder().item(order("o-1", "ana", 1)).build()).build(),
                WriteRequest.builder().putRequest(PutRequest.builder().item(order("o-2", "ben", 2)).build()).build(),
                WriteRequest.builder().putRequest(PutRequest.builder().item(order("o-3", "cy", 3)).build()).build());

        var result = dynamo.batchWriteItem(r -> r.requestItems(Map.of("orders-batch", writes)));

        assertTrue(result.unprocessedItems().isEmpty(), result.unprocessedItems().toString());
        assertEquals(3, dynamo.scan(r -> r.tableName("orders-batch")).count());
    }

    @Test
    void deleteTable_thenDescribeTable_throwsResourceNotFound() {
        createOrders("orders-dropped");

        dynamo.deleteTable(r -> r.tableName("orders-dropped"));

        ResourceNotFoundException error = assertThrows(ResourceNotFoundException.class,
                () -> dynamo.describeTable(r -> r.tableName("orders-dropped")));
        assertEquals(400, error.statusCode());
        assertEquals("ResourceNotFoundException", error.awsErrorDetails().errorCode());
    }

    @Test
    void getItem_onAMissingTable_throwsResourceNotFound() {
        assertThrows(ResourceNotFoundException.class,
                () -> dynamo.getItem(r -> r.tableName("no-such-table").key(key("o-1"))));
    }

    @Test
    void tables_areSeparatePerAccountAndRegion() {
        createOrders("orders-scoped");
        try (DynamoDbClient otherAccount = client("111111111111", Region.US_EAST_1);
                DynamoDbClient otherRegion = client("test", Region.EU_WEST_1)) {

            assertFalse(otherAccount.listTables().tableNames().contains("orders-scoped"));
            assertFalse(otherRegion.listTables().tableNames().contains("orders-scoped"));
            assertThrows(ResourceNotFoundException.class,
                    () -> otherRegion.describeTable(r -> r.tableName("orders-scoped")));
        }
        assertTrue(dynamo.listTables().tableNames().contains("orders-scoped"));
    }

    @Test
    void everyKeyOfOneAccount_seesTheSameTables_whoseArnsNameThatAccountAndRegion() {
        createOrders("orders-shared");
        try (DynamoDbClient sameAccount = client("000000000000", Region.US_EAST_1)) {
            String arn = sameAccount.describeTable(r -> r.tableName("orders-shared")).table().tableArn();

            assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/orders-shared", arn);
        }
    }

    @Test
    void streams_ofATable_carryItsWritesToDynamoDbStreamsClients() {
        dynamo.createTable(r -> r.tableName("orders-streamed").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
        dynamo.putItem(r -> r.tableName("orders-streamed").item(order("o-1", "ana", 12)));
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(endpoint())
                .region(Region.US_EAST_1).credentialsProvider(TEST_CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            String streamArn = streams.listStreams(r -> r.tableName("orders-streamed")).streams().get(0).streamArn();
            String shardId = streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards().get(0)
                    .shardId();
            String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();

            List<Record> records = streams.getRecords(r -> r.shardIterator(iterator)).records();

            assertTrue(streamArn.startsWith("arn:aws:dynamodb:us-east-1:000000000000:table/orders-streamed/stream/"),
                    "the caller's region and account, accepted back by DescribeStream: " + streamArn);
            assertEquals(1, records.size());
            assertEquals("o-1", records.get(0).dynamodb().newImage().get("id").s());
        }
    }

    @Test
    void createTable_withAnInvalidName_throwsValidationExceptionFromDynamoDbLocal() {
        DynamoDbException error = assertThrows(DynamoDbException.class, () -> dynamo.createTable(r -> r
                .tableName("x").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))));

        assertEquals("ValidationException", error.awsErrorDetails().errorCode());
    }

    @Test
    void tags_onATable_areAddedListedAndRemovedByItsArnInTheCallersRegion() {
        createOrders("orders-tagged");
        String arn = dynamo.describeTable(r -> r.tableName("orders-tagged")).table().tableArn();

        dynamo.tagResource(r -> r.resourceArn(arn).tags(t -> t.key("team").value("lab"),
                t -> t.key("env").value("test")));
        dynamo.untagResource(r -> r.resourceArn(arn).tagKeys("env"));

        assertTrue(arn.startsWith("arn:aws:dynamodb:us-east-1:"), arn);
        assertEquals(List.of("team=lab"), dynamo.listTagsOfResource(r -> r.resourceArn(arn)).tags().stream()
                .map(t -> t.key() + "=" + t.value()).toList());
    }

    private void createOrders(String name) {
        dynamo.createTable(r -> r.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(
                        a -> a.attributeName("id").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("customer").attributeType(ScalarAttributeType.S))
                .globalSecondaryIndexes(g -> g.indexName("by-customer")
                        .keySchema(k -> k.attributeName("customer").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
        dynamo.waiter().waitUntilTableExists(r -> r.tableName(name)).matched().response().orElseThrow();
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + edge.port());
    }

    private DynamoDbClient client(String accessKey, Region region) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    private static Map<String, AttributeValue> order(String id, String customer, int total) {
        return Map.of("id", AttributeValue.fromS(id), "customer", AttributeValue.fromS(customer),
                "total", AttributeValue.fromN(Integer.toString(total)));
    }
}

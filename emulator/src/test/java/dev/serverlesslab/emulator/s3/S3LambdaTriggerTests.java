package dev.serverlesslab.emulator.s3;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.lambda.ExecutionRole;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import fixtures.S3ToDynamodb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 → Lambda → DynamoDB end to end, as the tutorials build it: a function that stores each uploaded key in a table
 * is triggered by ObjectCreated on a bucket once S3 is allowed to invoke it, only for keys its filter selects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3LambdaTriggerTests {

    private static final Duration DELIVERY = Duration.ofSeconds(90);

    private RunningS3 running;
    private LambdaClient lambda;
    private DynamoDbClient dynamo;
    private String functionArn;

    @BeforeAll
    void start(@TempDir Path workDir) {
        running = new RunningS3(workDir);
        lambda = LambdaClient.builder().endpointOverride(running.emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(RunningS3.CREDENTIALS).build();
        dynamo = DynamoDbClient.builder().endpointOverride(running.emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(RunningS3.CREDENTIALS).build();
        String role = ExecutionRole.create(running.emulator.endpoint(), RunningS3.CREDENTIALS, "s3-trigger-role");
        dynamo.createTable(r -> r.tableName("uploads").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("key").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("key").attributeType(ScalarAttributeType.S)));
        functionArn = lambda.createFunction(b -> b.functionName("record-upload").runtime(Runtime.JAVA17).role(role)
                .handler(S3ToDynamodb.class.getName() + "::handle").timeout(30)
                .environment(e -> e.variables(Map.of("TABLE", "uploads")))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionZips.of(S3ToDynamodb.class))))).functionArn();
        running.s3.createBucket(b -> b.bucket("inbox"));
    }

    @AfterAll
    void stop() {
        lambda.close();
        dynamo.close();
        running.close();
    }

    @Test
    void objectCreated_invokesTheFunction_whichWritesTheKeyToDynamodb_onlyForFilteredKeys() {
        assertNotAllowedWithoutPermission();
        lambda.addPermission(b -> b.functionName("record-upload").statementId("s3-invoke")
                .action("lambda:InvokeFunction").principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::inbox")
                .sourceAccount("000000000000"));
        running.s3.putBucketNotificationConfiguration(b -> b.bucket("inbox").notificationConfiguration(n -> n
                .lambdaFunctionConfigurations(trigger("incoming/", ".txt"))));
        assertEquals(functionArn, running.s3.getBucketNotificationConfiguration(b -> b.bucket("inbox"))
                .lambdaFunctionConfigurations().get(0).lambdaFunctionArn());

        running.s3.putObject(b -> b.bucket("inbox").key("incoming/photo.jpg"), RequestBody.fromString("skip"));
        running.s3.putObject(b -> b.bucket("inbox").key("elsewhere/notes.txt"), RequestBody.fromString("skip"));
        running.s3.putObject(b -> b.bucket("inbox").key("incoming/hello world.txt"), RequestBody.fromString("hi!"));

        await().atMost(DELIVERY).until(() -> dynamo.getItem(r -> r.tableName("uploads")
                .key(Map.of("key", s("incoming/hello world.txt")))).hasItem());
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName("uploads")
                .key(Map.of("key", s("incoming/hello world.txt")))).item();
        assertEquals("ObjectCreated:Put", item.get("event").s());
        assertEquals("inbox", item.get("bucket").s());
        assertEquals("3", item.get("size").n());
        // Deliveries are decided when the object is written: the filtered-out keys were never sent.
        assertEquals(List.of("incoming/hello world.txt"), dynamo.scan(r -> r.tableName("uploads")).items().stream()
                .map(i -> i.get("key").s()).toList());
    }

    private void assertNotAllowedWithoutPermission() {
        S3Exception refused = assertThrows(S3Exception.class, () -> running.s3.putBucketNotificationConfiguration(
                b -> b.bucket("inbox").notificationConfiguration(n -> n
                        .lambdaFunctionConfigurations(trigger("incoming/", ".txt")))));
        assertEquals("InvalidArgument", refused.awsErrorDetails().errorCode());
        assertTrue(refused.getMessage().contains("Unable to validate the following destination configurations"),
                refused.getMessage());
    }

    private LambdaFunctionConfiguration trigger(String prefix, String suffix) {
        return LambdaFunctionConfiguration.builder().id("record-uploads").lambdaFunctionArn(functionArn)
                .events(Event.S3_OBJECT_CREATED)
                .filter(f -> f.key(k -> k.filterRules(r -> r.name(FilterRuleName.PREFIX).value(prefix),
                        r -> r.name(FilterRuleName.SUFFIX).value(suffix))))
                .build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}

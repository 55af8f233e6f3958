package dev.serverlesslab.emulator.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.emulator.lambda.ExecutionRole;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** A handler deployed in the emulator reaches DynamoDB through the AWS_ENDPOINT_URL the emulator gives it. */
class DynamoDbFromLambdaTests {

    private static final StaticCredentialsProvider TEST_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    @Test
    void handler_withDefaultDynamoDbClient_writesToTheTableTheCallerSees() throws Exception {
        try (Emulator emulator = Emulator.start(EmulatorConfig.defaults().withPort(0));
                DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(emulator.endpoint())
                        .region(Region.US_EAST_1).credentialsProvider(TEST_CREDENTIALS)
                        .httpClient(UrlConnectionHttpClient.create()).build();
                LambdaClient lambda = LambdaClient.builder().endpointOverride(emulator.endpoint())
                        .region(Region.US_EAST_1).credentialsProvider(TEST_CREDENTIALS)
                        .httpClient(UrlConnectionHttpClient.create()).build()) {
            ExecutionRole.create(emulator.endpoint(), TEST_CREDENTIALS, "lambda-role");
            dynamo.createTable(r -> r.tableName("visits").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
            SdkBytes layerZip = SdkBytes.fromByteArray(sdkLayer());
            String layer = lambda.publishLayerVersion(r -> r.layerName("aws-sdk-dynamodb")
                    .compatibleRuntimes(Runtime.JAVA17).content(c -> c.zipFile(layerZip))).layerVersionArn();
            lambda.createFunction(r -> r.functionName("visit-writer").runtime(Runtime.JAVA17)
                    .role("arn:aws:iam::000000000000:role/lambda-role")
                    .handler(PutItemHandler.class.getName() + "::handleRequest")
                    .memorySize(256).timeout(60).layers(layer)
                    .environment(e -> e.variables(Map.of("TABLE_NAME", "visits")))
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionZips.of(PutItemHandler.class)))));

            InvokeResponse invoked = lambda.invoke(r -> r.functionName("visit-writer")
                    .payload(SdkBytes.fromUtf8String("{\"id\":\"v-1\"}")));

            assertNull(invoked.functionError(), invoked.payload().asUtf8String());
            assertEquals("\"stored v-1 in visits\"", invoked.payload().asUtf8String());
            Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName("visits")
                    .key(Map.of("id", AttributeValue.fromS("v-1")))).item();
            assertEquals("visit-writer", item.get("writer").s());
        }
    }

    /**
     * The SDK's DynamoDB client and what it needs, as a layer ({@code java/lib/*.jar}) taken from this test's class
     * path. Only the URLConnection HTTP client goes in: with several on the class path the SDK refuses to pick one.
     */
    private static byte[] sdkLayer() throws IOException {
        List<Path> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .filter(jar -> jar.toString().endsWith(".jar"))
                .filter(jar -> {
                    String path = jar.toString().replace(File.separatorChar, '/');
                    return path.contains("/software/amazon/") && !path.contains("/apache-client/")
                            && !path.contains("/apache5-client/") && !path.contains("/netty-nio-client/")
                            || path.contains("/org/reactivestreams/") || path.contains("/org/slf4j/slf4j-api/");
                })
                .toList();
        assertTrue(jars.stream().anyMatch(jar -> jar.getFileName().toString().startsWith("dynamodb-")), jars::toString);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path jar : jars) {
                zip.putNextEntry(new ZipEntry("java/lib/" + jar.getFileName()));
                zip.write(Files.readAllBytes(jar));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}

package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.ExternalClients;
import dev.serverlesslab.emulator.lambda.layers.LayeredHandler;
import fixtures.Counter;
import fixtures.EchoString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.PublishLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Code given as {@code S3Bucket}/{@code S3Key}, as CloudFormation, SAM and the tutorials for zips over 50 MB give it:
 * Lambda reads the object from the emulator's S3 once, and refuses a missing one in AWS's words. Through the SDK v2
 * and the aws CLI (skipped, saying why, where the CLI is not installed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaCodeFromS3Tests {

    private static final String ECHO = EchoString.class.getName() + "::shout";

    @TempDir
    Path workDir;
    private RunningEmulator running;
    private LambdaClient lambda;
    private S3Client s3;

    @BeforeAll
    void start() {
        running = new RunningEmulator(workDir);
        lambda = running.lambda;
        s3 = s3(Region.US_EAST_1);
        s3.createBucket(b -> b.bucket("code"));
    }

    @AfterAll
    void stop() {
        s3.close();
        running.close();
    }

    @Test
    void createFunction_fromS3Object_runsThatCodeAndReportsItsHash() throws Exception {
        byte[] zip = FunctionZips.of(EchoString.class);
        put("code", "echo.zip", zip);

        CreateFunctionResponse created = lambda.createFunction(b -> b.functionName("from-s3").runtime(Runtime.JAVA17)
                .role(RunningEmulator.ROLE).handler(ECHO).code(c -> c.s3Bucket("code").s3Key("echo.zip")));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("from-s3"));
        InvokeResponse response = running.invoke("from-s3", "\"hi\"");

        assertNull(response.functionError(), RunningEmulator.log(response));
        assertEquals("\"HI!\"", response.payload().asUtf8String());
        assertEquals(sha256(zip), created.codeSha256());
        assertEquals(zip.length, created.codeSize());
    }

    @Test
    void updateFunctionCode_fromS3Object_replacesTheCode_andLaterChangesToTheObjectDoNot() throws Exception {
        running.create("updated-from-s3", ECHO, FunctionZips.of(EchoString.class));
        byte[] bigger = FunctionZips.of(EchoString.class, Counter.class);
        put("code", "update.zip", bigger);

        UpdateFunctionCodeResponse updated = lambda.updateFunctionCode(b -> b.functionName("updated-from-s3")
                .s3Bucket("code").s3Key("update.zip").s3ObjectVersion("null"));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("updated-from-s3"));
        put("code", "update.zip", FunctionZips.of(Counter.class));

        assertEquals(sha256(bigger), updated.codeSha256());
        assertEquals(sha256(bigger), lambda.getFunction(b -> b.functionName("updated-from-s3")).configuration()
                .codeSha256());
        assertEquals("\"OK!\"", running.invoke("updated-from-s3", "\"ok\"").payload().asUtf8String());
    }

    @Test
    void createFunction_withMissingKeyBucketOrVersion_answersS3sErrorInLambdasWords() {
        assertEquals("Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key "
                + "does not exist.", refusal("code", "absent.zip", null));
        assertEquals("Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified "
                + "bucket does not exist", refusal("no-such-code-bucket", "echo.zip", null));
        put("code", "versioned.zip", FunctionZips.of(EchoString.class));
        assertEquals("Error occurred while GetObject. S3 Error Code: InvalidArgument. S3 Error Message: Invalid "
                + "version id specified", refusal("code", "versioned.zip", "3HL4kqtJlcpXroDTDmJ"));
    }

    @Test
    void createFunction_withBucketOfAnotherRegion_isRefusedAsS3Redirects() {
        try (S3Client west = s3(Region.US_WEST_2)) {
            west.createBucket(b -> b.bucket("code-west").createBucketConfiguration(c -> c.locationConstraint(
                    "us-west-2")));
            west.putObject(b -> b.bucket("code-west").key("echo.zip"),
                    RequestBody.fromBytes(FunctionZips.of(EchoString.class)));
        }

        String message = refusal("code-west", "echo.zip", null);

        assertTrue(message.startsWith("Error occurred while GetObject. S3 Error Code: PermanentRedirect."), message);
        assertTrue(message.contains("us-west-2"), message);
    }

    @Test
    void publishLayerVersion_fromS3Object_givesFunctionsItsJars() {
        put("code", "layer.zip", LambdaLayersSdkTests.layerZip());
        PublishLayerVersionResponse layer = lambda.publishLayerVersion(b -> b.layerName("s3-layer")
                .compatibleRuntimes(Runtime.JAVA17).content(c -> c.s3Bucket("code").s3Key("layer.zip")));
        lambda.createFunction(b -> b.functionName("layered-from-s3").runtime(Runtime.JAVA17)
                .role(RunningEmulator.ROLE).handler(LayeredHandler.class.getName() + "::greet")
                .layers(layer.layerVersionArn())
                .code(c -> c.zipFile(SdkBytes.fromByteArray(
                        FunctionZips.of(LayeredHandler.class)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("layered-from-s3"));

        assertEquals("\"Hello from the layer, Ada\"", running.invoke("layered-from-s3", "\"Ada\"").payload()
                .asUtf8String());
        assertEquals(LambdaLayersSdkTests.layerZip().length, layer.content().codeSize());
        InvalidParameterValueException missing = assertThrows(InvalidParameterValueException.class,
                () -> lambda.publishLayerVersion(b -> b.layerName("s3-layer")
                        .content(c -> c.s3Bucket("code").s3Key("no-layer.zip"))));
        assertTrue(missing.awsErrorDetails().errorMessage().contains("S3 Error Code: NoSuchKey"), missing.getMessage());
    }

    @Test
    void awsCli_createsAndUpdatesAFunctionFromS3_andReadsTheRefusal() throws Exception {
        assumeTrue(ExternalClients.installed("aws", "--version"), "the aws CLI is not installed on this machine");
        String endpoint = running.emulator.endpoint().toString();
        Path zip = workDir.resolve("cli-echo.zip");
        Files.write(zip, FunctionZips.of(EchoString.class));
        ExternalClients.awsJson(endpoint, "s3api", "create-bucket", "--bucket", "cli-code");
        ExternalClients.awsJson(endpoint, "s3api", "put-object", "--bucket", "cli-code", "--key", "echo.zip",
                "--body", zip.toString());

        JsonNode created = ExternalClients.awsJson(endpoint, "lambda", "create-function", "--function-name",
                "cli-from-s3", "--runtime", "java17", "--role", RunningEmulator.ROLE, "--handler", ECHO,
                "--code", "S3Bucket=cli-code,S3Key=echo.zip");
        JsonNode updated = ExternalClients.awsJson(endpoint, "lambda", "update-function-code", "--function-name",
                "cli-from-s3", "--s3-bucket", "cli-code", "--s3-key", "echo.zip");
        ExternalClients.Result missing = ExternalClients.run(ExternalClients.aws(endpoint, "lambda",
                "create-function", "--function-name", "cli-missing", "--runtime", "java17", "--role",
                RunningEmulator.ROLE, "--handler", ECHO, "--code", "S3Bucket=cli-code,S3Key=missing.zip"));

        assertEquals(sha256(Files.readAllBytes(zip)), created.path("CodeSha256").asText(), created.toString());
        assertEquals(created.path("CodeSha256").asText(), updated.path("CodeSha256").asText());
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.output().contains("(InvalidParameterValueException) when calling the CreateFunction "
                + "operation: Error occurred while GetObject. S3 Error Code: NoSuchKey."), missing.output());
    }

    private String refusal(String bucket, String key, String version) {
        InvalidParameterValueException error = assertThrows(InvalidParameterValueException.class,
                () -> lambda.createFunction(b -> b.functionName("refused").runtime(Runtime.JAVA17)
                        .role(RunningEmulator.ROLE).handler(ECHO)
                        .code(c -> c.s3Bucket(bucket).s3Key(key).s3ObjectVersion(version))));
        assertEquals(400, error.statusCode());
        return error.awsErrorDetails().errorMessage();
    }

    private void put(String bucket, String key, byte[] body) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
    }

    private S3Client s3(Region region) {
        return S3Client.builder().endpointOverride(running.emulator.endpoint()).region(region).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

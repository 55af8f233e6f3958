package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import fixtures.Counter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Lambda's REST-JSON wire format, checked byte for byte with a plain HTTP client (the SDK would forgive mistakes). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaWireTests {

    private static final String SIGNED_EU = "AWS4-HMAC-SHA256 Credential=test/20250101/eu-west-1/lambda/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=0000";

    @TempDir
    Path workDir;
    private Emulator emulator;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
        ExecutionRole.create(emulator.endpoint(), StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), "r");
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void getFunction_unknown_answers404WithLambdasErrorShape() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/2015-03-31/functions/nope")).GET());

        assertEquals(404, response.statusCode());
        assertEquals("ResourceNotFoundException", response.headers().firstValue("X-Amzn-ErrorType").orElse(null));
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
        assertEquals("{\"Type\":\"User\",\"message\":\"Function not found: "
                + "arn:aws:lambda:us-east-1:000000000000:function:nope\"}", response.body());
        assertNotNull(response.headers().firstValue("x-amzn-RequestId").orElse(null));
    }

    @Test
    void request_signedForAnotherRegion_actsInThatRegion() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/2015-03-31/functions/nope"))
                .header("Authorization", SIGNED_EU).GET());

        assertTrue(response.body().contains("arn:aws:lambda:eu-west-1:000000000000:function:nope"), response.body());
    }

    @Test
    void request_signedWithATwelveDigitKey_actsInThatAccount() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/2015-03-31/functions/nope"))
                .header("Authorization", SIGNED_EU.replace("Credential=test/", "Credential=111122223333/")).GET());

        assertTrue(response.body().contains("arn:aws:lambda:eu-west-1:111122223333:function:nope"), response.body());
    }

    @Test
    void unknownLambdaOperation_answers404NamingWhatIsNotSupported() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/2015-03-31/functions/f/concurrency"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));

        assertEquals(404, response.statusCode());
        assertEquals("UnknownOperationException", response.headers().firstValue("X-Amzn-ErrorType").orElse(null));
        // Lambda's model puts PutFunctionConcurrency under /2017-10-31, so this path is no operation at all.
        assertTrue(response.body().contains("Serverless Lab's emulator does not support PUT "
                + "/2015-03-31/functions/f/concurrency: no Lambda operation is there"), response.body());
    }

    @Test
    void unknownService_answers404NamingTheService_inTheClientsFormat() throws Exception {
        HttpResponse<String> json = send(HttpRequest.newBuilder(uri("/"))
                .header("Authorization", SIGNED_EU.replace("/lambda/", "/secretsmanager/"))
                .header("X-Amz-Target", "secretsmanager.ListSecrets")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertEquals(404, json.statusCode());
        assertEquals("{\"__type\":\"UnknownOperationException\",\"message\":\"Serverless Lab's emulator does not "
                + "support the secretsmanager service (POST /); it serves: lambda, kms, ssm, iam, sts, logs, dynamodb, "
                + "apigateway, sqs, sns, s3, events, scheduler, states, kinesis\"}", json.body());
    }

    @Test
    void createFunction_withMalformedJson_answers400InvalidRequestContent() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/2015-03-31/functions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"FunctionName\": ")));

        assertEquals(400, response.statusCode());
        assertEquals("InvalidRequestContentException",
                response.headers().firstValue("X-Amzn-ErrorType").orElse(null));
        assertTrue(response.body().startsWith(
                "{\"Type\":\"User\",\"message\":\"Could not parse request body into json"),
                response.body());
    }

    @Test
    void createFunction_missingRequiredMembers_listsEveryViolation() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/2015-03-31/functions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"Timeout\": 0}")));

        assertEquals(400, response.statusCode());
        assertEquals("ValidationException", response.headers().firstValue("X-Amzn-ErrorType").orElse(null));
        assertTrue(response.body().contains("3 validation errors detected: Value 'null' at 'functionName' failed to "
                + "satisfy constraint: Member must not be null; Value 'null' at 'role'"), response.body());
        assertTrue(response.body().contains("Value '0' at 'timeout' failed to satisfy constraint: Member must have "
                + "value greater than or equal to 1"), response.body());
    }

    @Test
    void createFunction_answers201WithTheFullConfigurationShape() throws Exception {
        String zip = Base64.getEncoder().encodeToString(FunctionZips.of(Counter.class));
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/2015-03-31/functions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"FunctionName\":\"wire\",\"Runtime\":\"java21\","
                        + "\"Role\":\"arn:aws:iam::000000000000:role/r\",\"Handler\":\"fixtures.Counter::handle\","
                        + "\"Code\":{\"ZipFile\":\"" + zip + "\"}}")));

        assertEquals(201, response.statusCode(), response.body());
        String body = response.body();
        for (String member : new String[] {"\"FunctionName\":\"wire\"",
                "\"FunctionArn\":\"arn:aws:lambda:us-east-1:000000000000:function:wire\"", "\"Runtime\":\"java21\"",
                "\"Timeout\":3", "\"MemorySize\":128", "\"Version\":\"$LATEST\"", "\"State\":\"Pending\"",
                "\"StateReasonCode\":\"Creating\"", "\"PackageType\":\"Zip\"", "\"Architectures\":[\"x86_64\"]",
                "\"Description\":\"\"", "\"CodeSha256\":\"", "\"EphemeralStorage\":{\"Size\":512}",
                "\"TracingConfig\":{\"Mode\":\"PassThrough\"}"}) {
            assertTrue(body.contains(member), member + " missing from " + body);
        }
    }

    @Test
    void invoke_withUnknownInvocationType_answers400Validation() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/2015-03-31/functions/any/invocations"))
                .header("X-Amz-Invocation-Type", "Later")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("Value 'Later' at 'invocationType' failed to satisfy constraint"),
                response.body());
    }

    @Test
    void addPermissionThenGetPolicy_answerTheStatementAndPolicyAsJsonStrings() throws Exception {
        String zip = Base64.getEncoder().encodeToString(FunctionZips.of(Counter.class));
        send(HttpRequest.newBuilder(uri("/2015-03-31/functions")).POST(HttpRequest.BodyPublishers.ofString(
                "{\"FunctionName\":\"wire-policy\",\"Runtime\":\"java17\",\"Role\":\"arn:aws:iam::000000000000:role/r\","
                        + "\"Handler\":\"fixtures.Counter::handle\",\"Code\":{\"ZipFile\":\"" + zip + "\"}}")));

        HttpResponse<String> added = send(HttpRequest.newBuilder(uri("/2015-03-31/functions/wire-policy/policy"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"StatementId\":\"s1\",\"Action\":\"lambda:InvokeFunction\","
                        + "\"Principal\":\"apigateway.amazonaws.com\"}")));
        HttpResponse<String> policy = send(HttpRequest.newBuilder(uri("/2015-03-31/functions/wire-policy/policy"))
                .GET());

        assertEquals(201, added.statusCode(), added.body());
        String statement = "{\\\"Sid\\\":\\\"s1\\\",\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"Service\\\":"
                + "\\\"apigateway.amazonaws.com\\\"},\\\"Action\\\":\\\"lambda:InvokeFunction\\\",\\\"Resource\\\":"
                + "\\\"arn:aws:lambda:us-east-1:000000000000:function:wire-policy\\\"}";
        assertEquals("{\"Statement\":\"" + statement + "\"}", added.body());
        assertEquals(200, policy.statusCode(), policy.body());
        assertTrue(policy.body().startsWith("{\"Policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Id\\\":"
                + "\\\"default\\\",\\\"Statement\\\":[" + statement + "]}\",\"RevisionId\":\""), policy.body());
    }

    @Test
    void listLayers_withNoLayers_answersAnEmptyListWithoutNextMarker() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/2018-10-31/layers?MaxItems=5")).GET());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"Layers\":[]}", response.body());
    }

    private URI uri(String path) {
        return emulator.endpoint().resolve(path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package dev.serverlesslab.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.Protocol;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GrantOperation;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Every service on an RPC protocol (awsJson, query) answers an operation of AWS's model that it does not serve with
 * its protocol's error naming the operation, and the list of what it serves in that error is its dispatch table:
 * each operation listed is dispatched (answers anything but the unknown-operation error), none is left out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnknownOperationsTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    @TempDir
    Path workDir;
    private Emulator emulator;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void start() {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    /** One case: a service, an operation of its model the emulator does not serve, and the SDK v2 call of it. */
    private record Unserved(String signingName, String operation, String code, Consumer<URI> call) {
        @Override
        public String toString() {
            return signingName + " " + operation;
        }
    }

    Stream<Unserved> unserved() {
        return Stream.of(
                new Unserved("kms", "CreateGrant", "UnknownOperationException", uri -> client(KmsClient.builder(), uri)
                        .createGrant(b -> b.keyId("k").granteePrincipal("p").operations(GrantOperation.DECRYPT))),
                new Unserved("ssm", "DescribeInstanceInformation", "UnknownOperationException",
                        uri -> client(SsmClient.builder(), uri).describeInstanceInformation()),
                new Unserved("logs", "DescribeMetricFilters", "UnknownOperationException",
                        uri -> client(CloudWatchLogsClient.builder(), uri).describeMetricFilters()),
                new Unserved("states", "ListActivities", "UnknownOperationException",
                        uri -> client(SfnClient.builder(), uri).listActivities()),
                new Unserved("events", "ListArchives", "UnknownOperationException",
                        uri -> client(EventBridgeClient.builder(), uri).listArchives(b -> { })),
                new Unserved("kinesis", "ListStreamConsumers", "UnknownOperationException",
                        uri -> client(KinesisClient.builder(), uri).listStreamConsumers(b -> b.streamARN(
                                "arn:aws:kinesis:us-east-1:000000000000:stream/s"))),
                // The SDK v2 speaks SQS's JSON protocol; the query protocol is checked on the wire below.
                new Unserved("sqs", "ListMessageMoveTasks", "UnknownOperationException",
                        uri -> client(SqsClient.builder(), uri).listMessageMoveTasks(b -> b.sourceArn(
                                "arn:aws:sqs:us-east-1:000000000000:q"))),
                new Unserved("sns", "ListPhoneNumbersOptedOut", "InvalidAction",
                        uri -> client(SnsClient.builder(), uri).listPhoneNumbersOptedOut()),
                new Unserved("iam", "CreateUser", "InvalidAction",
                        uri -> client(IamClient.builder(), uri)
                                .createUser(b -> b.userName("u"))),
                new Unserved("sts", "GetFederationToken", "InvalidAction",
                        uri -> client(StsClient.builder(), uri).getFederationToken(b -> b.name("n"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unserved")
    void unservedOperation_answersTheProtocolsErrorNamingIt_andListsTheDispatchTable(Unserved c) {
        AwsServiceException error = assertThrows(AwsServiceException.class, () -> c.call().accept(
                emulator.endpoint()));

        assertEquals(c.code(), error.awsErrorDetails().errorCode(), error.getMessage());
        assertEquals(400, error.statusCode());
        String message = error.awsErrorDetails().errorMessage();
        assertTrue(message.contains(c.operation()), message);
        List<String> listed = Arrays.asList(message.substring(message.indexOf("it implements: ")
                + "it implements: ".length()).split(", "));
        assertEquals(service(c.signingName()).operations(), listed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unserved")
    void everyOperationInTheTable_isDispatched(Unserved c) throws Exception {
        AwsService service = service(c.signingName());
        assertFalse(service.operations().isEmpty());
        // The probe reaches the service: the operation not served answers the error the loop looks for.
        assertTrue(send(service, c.signingName(), c.operation()).body().contains(c.code()));

        for (String operation : service.operations()) {
            HttpResponse<String> response = send(service, c.signingName(), operation);
            assertFalse(response.body().contains("UnknownOperationException")
                    || response.body().contains("InvalidAction"), operation + ": " + response.body());
        }
    }

    @Test
    void aConnectionKeptAlive_carriesTheNextRequestAfterAnUnknownOperationRefusedUnread() throws Exception {
        AwsService kms = service("kms");

        // An unknown operation is refused before its body is read; the edge reads the rest so the connection stays
        // usable (before, about one request in 400 after such a refusal found its connection cut, no answer).
        for (int i = 0; i < 1000; i++) {
            assertEquals(400, send(kms, "kms", "CreateGrant").statusCode());
            assertEquals(200, send(kms, "kms", "ListKeys").statusCode());
        }
    }

    @Test
    void sqsQueryProtocol_answersInvalidActionFromTheSameTable() throws Exception {
        HttpResponse<String> response = post("sqs", "application/x-www-form-urlencoded", null,
                "Action=AddPermission&Version=2012-11-05");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("<Code>InvalidAction</Code>"), response.body());
        assertTrue(response.body().contains("the SQS action AddPermission; it implements: "
                + String.join(", ", service("sqs").operations())), response.body());
    }

    @Test
    void scheduler_servesEveryOperationOfItsModel_andAnUnknownPathNamesWhatItServes() throws Exception {
        // botocore's scheduler model (2021-06-30) has exactly these twelve operations; the emulator serves them all.
        assertEquals(List.of("CreateSchedule", "CreateScheduleGroup", "DeleteSchedule", "DeleteScheduleGroup",
                "GetSchedule", "GetScheduleGroup", "ListScheduleGroups", "ListSchedules", "ListTagsForResource",
                "TagResource", "UntagResource", "UpdateSchedule"),
                service("scheduler").operations().stream().sorted().toList());
        HttpRequest request = HttpRequest.newBuilder(emulator.endpoint().resolve("/schedules/x/versions"))
                .header("Authorization", authorization("scheduler")).GET().build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(404, response.statusCode());
        assertEquals("UnknownOperationException", response.headers().firstValue("x-amzn-ErrorType").orElse(""));
        assertTrue(response.body().contains("GET /schedules/x/versions"), response.body());
    }

    private AwsService service(String signingName) {
        return emulator.handlers().stream().filter(s -> s.signingName().equals(signingName)).findFirst()
                .orElseThrow();
    }

    private HttpResponse<String> send(AwsService service, String signingName, String operation) throws Exception {
        if (service.protocol() == Protocol.QUERY) {
            return post(signingName, "application/x-www-form-urlencoded", null,
                    "Action=" + URLEncoder.encode(operation, StandardCharsets.UTF_8) + "&Version=2010-05-08");
        }
        String target = service.targetPrefixes().get(0) + "." + operation;
        return post(signingName, service.protocol().contentType(), target, JSON.writeValueAsString(Map.of()));
    }

    private HttpResponse<String> post(String signingName, String contentType, String target, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(emulator.endpoint().resolve("/"))
                .header("Content-Type", contentType).header("Authorization", authorization(signingName))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String authorization(String signingName) {
        return "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/" + signingName
                + "/aws4_request, SignedHeaders=host, Signature=0";
    }

    private static <B extends AwsClientBuilder<B, C>, C> C client(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint).credentialsProvider(CREDENTIALS).region(Region.US_EAST_1).build();
    }
}

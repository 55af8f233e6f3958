package dev.serverlesslab.emulator.lambda;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.EchoString;
import fixtures.Failing;
import fixtures.RecordPrinter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.PutFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Asynchronous invocation settings through the SDK: retries and destinations configured with
 * PutFunctionEventInvokeConfig are what an Event invocation follows, and the destination function receives AWS's
 * invocation record; destinations and dead-letter queues the emulator cannot reach are refused naming the service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventInvokeConfigSdkTests {

    private static final Duration DELIVERY = Duration.ofSeconds(60);
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path workDir;
    private RunningEmulator running;
    private CloudWatchLogsClient logs;
    private String printerArn;

    @BeforeAll
    void start() {
        running = new RunningEmulator(workDir);
        logs = CloudWatchLogsClient.builder().endpointOverride(running.emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        printerArn = running.create("printer", RecordPrinter.class.getName(), FunctionZips.of(RecordPrinter.class))
                .functionArn();
    }

    @AfterAll
    void stop() {
        logs.close();
        running.close();
    }

    @Test
    void failedEventInvocation_withNoRetries_runsOnce_andSendsTheRecordToTheOnFailureFunction() throws Exception {
        running.create("async-failing", Failing.class.getName() + "::handleRequest", FunctionZips.of(Failing.class));
        PutFunctionEventInvokeConfigResponse put = running.lambda.putFunctionEventInvokeConfig(r -> r
                .functionName("async-failing").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(printerArn))));
        assertEquals(0, put.maximumRetryAttempts());
        assertTrue(put.functionArn().endsWith(":function:async-failing:$LATEST"), put.functionArn());

        String requestId = running.lambda.invoke(r -> r.functionName("async-failing")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{\"order\":\"o-7\"}")))
                .responseMetadata().requestId();

        JsonNode record = awaitRecord("RetriesExhausted");
        assertEquals("1.0", record.path("version").asText());
        assertEquals(1, record.path("requestContext").path("approximateInvokeCount").asInt());
        assertTrue(record.path("requestContext").path("functionArn").asText().endsWith(":async-failing:$LATEST"));
        assertEquals("o-7", record.path("requestPayload").path("order").asText());
        assertEquals("Unhandled", record.path("responseContext").path("functionError").asText());
        assertEquals("$LATEST", record.path("responseContext").path("executedVersion").asText());
        assertTrue(record.path("responsePayload").path("errorMessage").asText().contains("order o-7 not found"),
                record.toString());
        assertTrue(!record.path("requestContext").path("requestId").asText().isEmpty(), requestId);
        // With MaximumRetryAttempts 0 the record follows the only attempt; the default would have retried twice.
        assertEquals(1, lines("async-failing", "START ").size());
    }

    @Test
    void successfulEventInvocation_sendsItsResponseToTheOnSuccessFunction() throws Exception {
        running.create("async-echo", EchoString.class.getName() + "::shout", FunctionZips.of(EchoString.class));
        running.lambda.putFunctionEventInvokeConfig(r -> r.functionName("async-echo")
                .destinationConfig(d -> d.onSuccess(s -> s.destination(printerArn))));

        running.lambda.invoke(r -> r.functionName("async-echo").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("\"hello\"")));

        JsonNode record = awaitRecord("Success");
        assertEquals("hello", record.path("requestPayload").asText());
        assertEquals("HELLO!", record.path("responsePayload").asText());
        assertTrue(record.path("responseContext").path("functionError").isMissingNode());
    }

    @Test
    void configs_areUpdatedListedAndDeleted_andOutOfRangeSettingsRefused() {
        running.create("async-admin", EchoString.class.getName() + "::shout", FunctionZips.of(EchoString.class));
        running.lambda.putFunctionEventInvokeConfig(r -> r.functionName("async-admin").maximumRetryAttempts(1));
        int age = running.lambda.updateFunctionEventInvokeConfig(r -> r.functionName("async-admin")
                .maximumEventAgeInSeconds(120)).maximumEventAgeInSeconds();

        assertEquals(120, age);
        assertEquals(1, running.lambda.getFunctionEventInvokeConfig(r -> r.functionName("async-admin"))
                .maximumRetryAttempts(), "Update keeps what it does not name");
        assertEquals(1, running.lambda.listFunctionEventInvokeConfigs(r -> r.functionName("async-admin"))
                .functionEventInvokeConfigs().size());
        LambdaException tooMany = assertThrows(LambdaException.class, () -> running.lambda
                .putFunctionEventInvokeConfig(r -> r.functionName("async-admin").maximumRetryAttempts(3)));
        assertTrue(tooMany.getMessage().contains("maximumRetryAttempts"), tooMany.getMessage());
        running.lambda.deleteFunctionEventInvokeConfig(r -> r.functionName("async-admin"));
        assertThrows(ResourceNotFoundException.class, () -> running.lambda.getFunctionEventInvokeConfig(r -> r
                .functionName("async-admin")));
    }

    @Test
    void destinationsAndDeadLetterQueuesNotKept_areRefusedNamingWhy() {
        running.create("async-refused", EchoString.class.getName() + "::shout", FunctionZips.of(EchoString.class));
        InvalidParameterValueException bucket = assertThrows(InvalidParameterValueException.class, () -> running
                .lambda.putFunctionEventInvokeConfig(r -> r.functionName("async-refused").destinationConfig(d -> d
                        .onFailure(f -> f.destination("arn:aws:s3:::failed-invocations")))));
        assertTrue(bucket.getMessage().contains("does not send invocation records to S3"), bucket.getMessage());
        InvalidParameterValueException rule = assertThrows(InvalidParameterValueException.class, () -> running.lambda
                .putFunctionEventInvokeConfig(r -> r.functionName("async-refused").destinationConfig(d -> d
                        .onSuccess(f -> f.destination("arn:aws:events:us-east-1:000000000000:rule/nightly")))));
        assertTrue(rule.getMessage().contains("event bus"), rule.getMessage());
        InvalidParameterValueException deadLetters = assertThrows(InvalidParameterValueException.class, () ->
                running.lambda.updateFunctionConfiguration(r -> r.functionName("async-refused")
                        .deadLetterConfig(d -> d.targetArn("arn:aws:sqs:us-east-1:000000000000:dlq"))));
        assertTrue(deadLetters.getMessage().contains("DeadLetterConfig.TargetArn"), deadLetters.getMessage());
    }

    private JsonNode awaitRecord(String condition) throws Exception {
        await().atMost(DELIVERY).until(() -> lines("printer", "RECORD ").stream()
                .anyMatch(line -> line.contains("\"condition\":\"" + condition + "\"")));
        String line = lines("printer", "RECORD ").stream()
                .filter(l -> l.contains("\"condition\":\"" + condition + "\"")).findFirst().orElseThrow();
        return mapper.readTree(line.substring("RECORD ".length()));
    }

    private List<String> lines(String function, String prefix) {
        if (logs.describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/" + function)).logGroups().isEmpty()) {
            return List.of();
        }
        return logs.filterLogEvents(r -> r.logGroupName("/aws/lambda/" + function)).events().stream()
                .map(FilteredLogEvent::message).map(String::strip).filter(m -> m.startsWith(prefix)).toList();
    }
}

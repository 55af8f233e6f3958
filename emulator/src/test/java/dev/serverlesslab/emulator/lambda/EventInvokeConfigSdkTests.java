package dev.serverlesslab.emulator.lambda;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.EchoString;
import fixtures.Failing;
import fixtures.RecordPrinter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Asynchronous invocation settings through the SDK: retries and destinations configured with
 * PutFunctionEventInvokeConfig are what an Event invocation follows, and the destination function receives AWS's
 * invocation record; a function's dead-letter queue receives the failed event with AWS's attributes; destinations
 * and dead-letter queues the emulator cannot reach are refused naming why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventInvokeConfigSdkTests {

    private static final Duration DELIVERY = Duration.ofSeconds(60);
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path workDir;
    private RunningEmulator running;
    private CloudWatchLogsClient logs;
    private SqsClient sqs;
    private SnsClient sns;
    private String printerArn;

    @BeforeAll
    void start() {
        running = new RunningEmulator(workDir);
        logs = CloudWatchLogsClient.builder().endpointOverride(running.emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().endpointOverride(running.emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        sns = SnsClient.builder().endpointOverride(running.emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        printerArn = running.create("printer", RecordPrinter.class.getName(), FunctionZips.of(RecordPrinter.class))
                .functionArn();
    }

    @AfterAll
    void stop() {
        logs.close();
        sqs.close();
        sns.close();
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

    @Test
    void failedEventInvocation_withADeadLetterQueue_sendsTheEventWithRequestIdErrorCodeAndMessage() {
        String queueUrl = sqs.createQueue(r -> r.queueName("orders-dlq")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        running.create("dlq-failing", Failing.class.getName() + "::handleRequest", FunctionZips.of(Failing.class));
        running.lambda.updateFunctionConfiguration(r -> r.functionName("dlq-failing")
                .deadLetterConfig(d -> d.targetArn(queueArn)));
        running.lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("dlq-failing"));
        assertEquals(queueArn, running.lambda.getFunctionConfiguration(r -> r.functionName("dlq-failing"))
                .deadLetterConfig().targetArn());
        running.lambda.putFunctionEventInvokeConfig(r -> r.functionName("dlq-failing").maximumRetryAttempts(0));

        String requestId = running.lambda.invoke(r -> r.functionName("dlq-failing")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{\"order\":\"o-9\"}")))
                .responseMetadata().requestId();

        List<Message> received = new ArrayList<>();
        await().atMost(DELIVERY).until(() -> {
            received.addAll(sqs.receiveMessage(r -> r.queueUrl(queueUrl).messageAttributeNames("All")
                    .waitTimeSeconds(1)).messages());
            return !received.isEmpty();
        });
        Message message = received.get(0);
        assertEquals("{\"order\":\"o-9\"}", message.body(), "the event, unchanged");
        assertEquals(requestId, message.messageAttributes().get("RequestID").stringValue());
        assertEquals("String", message.messageAttributes().get("RequestID").dataType());
        assertEquals("Number", message.messageAttributes().get("ErrorCode").dataType());
        assertEquals("200", message.messageAttributes().get("ErrorCode").stringValue());
        assertEquals("order o-9 not found", message.messageAttributes().get("ErrorMessage").stringValue());
        assertEquals(1, lines("dlq-failing", "START ").size(), "MaximumRetryAttempts 0: one attempt only");
    }

    @Test
    void eventInvocation_ofAFunctionWithZeroReservedConcurrency_goesStraightToTheDeadLetterQueue() {
        String queueUrl = sqs.createQueue(r -> r.queueName("paused-dlq")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        running.create("paused", EchoString.class.getName() + "::shout", FunctionZips.of(EchoString.class));
        running.lambda.updateFunctionConfiguration(r -> r.functionName("paused")
                .deadLetterConfig(d -> d.targetArn(queueArn)));
        running.lambda.putFunctionConcurrency(r -> r.functionName("paused").reservedConcurrentExecutions(0));

        running.lambda.invoke(r -> r.functionName("paused").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("\"held\"")));

        List<Message> received = new ArrayList<>();
        await().atMost(DELIVERY).until(() -> {
            received.addAll(sqs.receiveMessage(r -> r.queueUrl(queueUrl).messageAttributeNames("All")
                    .waitTimeSeconds(1)).messages());
            return !received.isEmpty();
        });
        assertEquals("\"held\"", received.get(0).body());
        assertEquals("429", received.get(0).messageAttributes().get("ErrorCode").stringValue());
        assertTrue(received.get(0).messageAttributes().get("ErrorMessage").stringValue()
                .contains("zero reserved concurrent executions"));
        assertTrue(lines("paused", "START ").isEmpty(), "the function never ran");
    }

    @Test
    void deadLetterConfig_refusesMissingOrFifoOrOtherTargets_andAnEmptyArnClearsIt() {
        running.create("dlq-admin", EchoString.class.getName() + "::shout", FunctionZips.of(EchoString.class));
        String topicArn = sns.createTopic(r -> r.name("failed-orders")).topicArn();
        InvalidParameterValueException missing = assertThrows(InvalidParameterValueException.class, () ->
                running.lambda.updateFunctionConfiguration(r -> r.functionName("dlq-admin")
                        .deadLetterConfig(d -> d.targetArn("arn:aws:sqs:us-east-1:000000000000:no-such-queue"))));
        assertTrue(missing.getMessage().contains("no such SQS queue"), missing.getMessage());
        InvalidParameterValueException function = assertThrows(InvalidParameterValueException.class, () ->
                running.lambda.updateFunctionConfiguration(r -> r.functionName("dlq-admin")
                        .deadLetterConfig(d -> d.targetArn(printerArn))));
        assertTrue(function.getMessage().contains("SQS queue or SNS topic"), function.getMessage());
        InvalidParameterValueException fifo = assertThrows(InvalidParameterValueException.class, () ->
                running.lambda.updateFunctionConfiguration(r -> r.functionName("dlq-admin")
                        .deadLetterConfig(d -> d.targetArn("arn:aws:sns:us-east-1:000000000000:orders.fifo"))));
        assertTrue(fifo.getMessage().contains("standard"), fifo.getMessage());

        running.lambda.updateFunctionConfiguration(r -> r.functionName("dlq-admin")
                .deadLetterConfig(d -> d.targetArn(topicArn)));
        assertEquals(topicArn, running.lambda.getFunction(r -> r.functionName("dlq-admin")).configuration()
                .deadLetterConfig().targetArn());
        running.lambda.updateFunctionConfiguration(r -> r.functionName("dlq-admin").description("kept"));
        assertEquals(topicArn, running.lambda.getFunctionConfiguration(r -> r.functionName("dlq-admin"))
                .deadLetterConfig().targetArn(), "an update that does not name it keeps it");
        running.lambda.updateFunctionConfiguration(r -> r.functionName("dlq-admin")
                .deadLetterConfig(d -> d.targetArn("")));
        assertNull(running.lambda.getFunctionConfiguration(r -> r.functionName("dlq-admin")).deadLetterConfig());
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

package dev.serverlesslab.emulator.sns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.emulator.lambda.ExecutionRole;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import fixtures.RecordPrinter;
import fixtures.SnsEcho;
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
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * SNS → Lambda end to end in a real emulator with real functions: nothing is invoked until the function's policy
 * allows {@code sns.amazonaws.com} for the topic (lambda add-permission); then each publish invokes it asynchronously
 * with AWS's SNS event, which a handler typed on the Java events library's SNSEvent reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnsToLambdaTests {

    private static final Duration DELIVERY = Duration.ofSeconds(90);
    private static final String ROLE = "arn:aws:iam::000000000000:role/sns-lambda-role";
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path workDir;
    private Emulator emulator;
    private LambdaClient lambda;
    private SnsClient sns;
    private CloudWatchLogsClient logs;

    @BeforeAll
    void start() {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test",
                "test"));
        lambda = LambdaClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        sns = SnsClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        logs = CloudWatchLogsClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        ExecutionRole.create(emulator.endpoint(), credentials, "sns-lambda-role");
    }

    @AfterAll
    void stop() {
        logs.close();
        sns.close();
        lambda.close();
        emulator.close();
    }

    @Test
    void publish_invokesTheSubscribedFunction_onlyOnceSnsMayInvokeIt_withAwsSnsEvent() throws Exception {
        String functionArn = create("sns-printer", RecordPrinter.class.getName(), FunctionZips.of(RecordPrinter.class));
        String topic = sns.createTopic(r -> r.name("to-lambda")).topicArn();
        String subscription = sns.subscribe(r -> r.topicArn(topic).protocol("lambda").endpoint(functionArn))
                .subscriptionArn();

        sns.publish(r -> r.topicArn(topic).message("first-before-permission"));
        lambda.addPermission(r -> r.functionName("sns-printer").statementId("sns").action("lambda:InvokeFunction")
                .principal("sns.amazonaws.com").sourceArn(topic));
        sns.publish(r -> r.topicArn(topic).message("second-after-permission").subject("Orders")
                .messageAttributes(Map.of("Test", attribute("TestString"))));

        await().atMost(DELIVERY).until(() -> !lines("sns-printer").isEmpty());
        List<String> records = lines("sns-printer");
        assertEquals(1, records.size(), "the message published before add-permission was not delivered: " + records);
        JsonNode record = json.readTree(records.get(0)).path("Records").get(0);
        assertEquals("aws:sns", record.path("EventSource").asText());
        assertEquals("1.0", record.path("EventVersion").asText());
        assertEquals(subscription, record.path("EventSubscriptionArn").asText());
        JsonNode event = record.path("Sns");
        assertEquals("Notification", event.path("Type").asText());
        assertEquals(topic, event.path("TopicArn").asText());
        assertEquals("Orders", event.path("Subject").asText());
        assertEquals("second-after-permission", event.path("Message").asText());
        assertEquals("String", event.path("MessageAttributes").path("Test").path("Type").asText());
        assertEquals("TestString", event.path("MessageAttributes").path("Test").path("Value").asText());
        assertEquals("1", event.path("SignatureVersion").asText());
        for (String field : List.of("MessageId", "Timestamp", "Signature", "SigningCertUrl", "UnsubscribeUrl")) {
            assertTrue(!event.path(field).asText().isEmpty(), field + " is set: " + event);
        }
    }

    @Test
    void snsEvent_isReadByAHandlerTypedOnTheEventsLibrary() throws Exception {
        create("sns-record-printer", RecordPrinter.class.getName(), FunctionZips.of(RecordPrinter.class));
        String printerArn = lambda.getFunction(r -> r.functionName("sns-record-printer")).configuration()
                .functionArn();
        String echoArn = create("sns-echo", SnsEcho.class.getName(),
                FunctionZips.withLibraries(List.of(SnsEcho.class), List.of(SNSEvent.class, DateTime.class)));
        // The echo's answer (or its error) is only visible through a destination: the printer receives it.
        lambda.putFunctionEventInvokeConfig(r -> r.functionName("sns-echo").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onSuccess(s -> s.destination(printerArn))
                        .onFailure(f -> f.destination(printerArn))));
        String topic = sns.createTopic(r -> r.name("typed")).topicArn();
        lambda.addPermission(r -> r.functionName("sns-echo").statementId("sns").action("lambda:InvokeFunction")
                .principal("sns.amazonaws.com").sourceArn(topic));
        sns.subscribe(r -> r.topicArn(topic).protocol("lambda").endpoint(echoArn));

        sns.publish(r -> r.topicArn(topic).message("typed-hello").subject("Subj")
                .messageAttributes(Map.of("Test", attribute("attr-value"))));

        await().atMost(DELIVERY).until(() -> !lines("sns-record-printer").isEmpty());
        JsonNode destination = json.readTree(lines("sns-record-printer").get(0));
        assertEquals("Success", destination.path("requestContext").path("condition").asText(), destination.toString());
        String answer = destination.path("responsePayload").asText();
        assertTrue(answer.startsWith("aws:sns " + topic + " Subj typed-hello attr-value 20"), destination.toString());
    }

    private String create(String name, String handler, byte[] zip) {
        return lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA17).role(ROLE).handler(handler)
                .memorySize(256).timeout(30).code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))).functionArn();
    }

    /** The events a RecordPrinter function printed, as JSON text, oldest first. */
    private List<String> lines(String function) {
        String group = "/aws/lambda/" + function;
        if (logs.describeLogGroups(r -> r.logGroupNamePrefix(group)).logGroups().isEmpty()) {
            return List.of();
        }
        return logs.filterLogEvents(r -> r.logGroupName(group)).events().stream().map(FilteredLogEvent::message)
                .map(String::strip).filter(m -> m.startsWith("RECORD ")).map(m -> m.substring("RECORD ".length()))
                .toList();
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}

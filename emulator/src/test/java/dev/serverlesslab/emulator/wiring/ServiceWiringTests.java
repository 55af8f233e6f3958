package dev.serverlesslab.emulator.wiring;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The event services delivering to each other through the emulator's shared targets, each pair as a tutorial wires
 * it: SNS fan-out to queues with a filter policy, S3 notifications to a queue, an EventBridge rule with an input
 * transformer to a queue, a Step Functions task sending to a queue, and a Scheduler schedule fired by moving the clock.
 */
class ServiceWiringTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DELIVERY = Duration.ofSeconds(20);
    private static final String ROLE = "arn:aws:iam::000000000000:role/service-role";

    @TempDir
    static Path workDir;

    private static Emulator emulator;
    private static SqsClient sqs;
    private static SnsClient sns;
    private static S3Client s3;
    private static EventBridgeClient events;
    private static SfnClient sfn;
    private static SchedulerClient scheduler;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
        sqs = client(SqsClient.builder());
        sns = client(SnsClient.builder());
        s3 = client(S3Client.builder().forcePathStyle(true));
        events = client(EventBridgeClient.builder());
        sfn = client(SfnClient.builder());
        scheduler = client(SchedulerClient.builder());
        try (var iam = client(software.amazon.awssdk.services.iam.IamClient.builder().region(Region.AWS_GLOBAL))) {
            iam.createRole(b -> b.roleName("service-role").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"states.amazonaws.com\","
                    + "\"scheduler.amazonaws.com\",\"events.amazonaws.com\"]},\"Action\":\"sts:AssumeRole\"}]}"));
        }
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable client : new AutoCloseable[] {sqs, sns, s3, events, sfn, scheduler}) {
            try {
                client.close();
            } catch (Exception e) {
                // Closing frees connections only.
            }
        }
        emulator.close();
    }

    @Test
    void snsFansOutToTwoQueues_theFilteredOneGettingOnlyWhatItsPolicyMatches() throws Exception {
        String topic = sns.createTopic(b -> b.name("orders")).topicArn();
        String all = queue("orders-all");
        String big = queue("orders-big");
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn(all)));
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn(big))
                .attributes(Map.of("FilterPolicy", "{\"size\":[\"big\"]}", "RawMessageDelivery", "true")));

        sns.publish(b -> b.topicArn(topic).message("order-1")
                .messageAttributes(Map.of("size", MessageAttributeValue.builder().dataType("String")
                        .stringValue("small").build())));
        sns.publish(b -> b.topicArn(topic).message("order-2")
                .messageAttributes(Map.of("size", MessageAttributeValue.builder().dataType("String")
                        .stringValue("big").build())));

        List<Message> everything = receive(all, 2);
        List<String> notified = new ArrayList<>();
        for (Message message : everything) {
            JsonNode envelope = JSON.readTree(message.body());
            assertEquals("Notification", envelope.path("Type").asText(), message.body());
            assertEquals(topic, envelope.path("TopicArn").asText());
            notified.add(envelope.path("Message").asText());
        }
        assertEquals(List.of("order-1", "order-2"), notified.stream().sorted().toList());
        List<Message> filtered = receive(big, 1);
        assertEquals("order-2", filtered.get(0).body(), "raw delivery hands the queue the message itself");
        assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(big).waitTimeSeconds(1)).messages().size(),
                "the small order does not match the filter policy");
    }

    @Test
    void s3NotifiesAQueueOfMatchingObjectsOnly() throws Exception {
        String queue = queue("uploads");
        s3.createBucket(b -> b.bucket("wiring-uploads"));
        s3.putBucketNotificationConfiguration(b -> b.bucket("wiring-uploads").notificationConfiguration(n -> n
                .queueConfigurations(q -> q.queueArn(arn(queue)).events(Event.S3_OBJECT_CREATED)
                        .filter(f -> f.key(k -> k.filterRules(r -> r.name(FilterRuleName.SUFFIX).value(".csv")))))));
        drainTestEvent(queue);

        s3.putObject(b -> b.bucket("wiring-uploads").key("in/report.csv"), RequestBody.fromString("a,b\n"));
        s3.putObject(b -> b.bucket("wiring-uploads").key("in/notes.txt"), RequestBody.fromString("no"));

        List<Message> messages = receive(queue, 1);
        JsonNode record = JSON.readTree(messages.get(0).body()).path("Records").path(0);
        assertEquals("aws:s3", record.path("eventSource").asText());
        assertTrue(record.path("eventName").asText().startsWith("ObjectCreated:"), record.toString());
        assertEquals("wiring-uploads", record.path("s3").path("bucket").path("name").asText());
        assertEquals("in/report.csv", record.path("s3").path("object").path("key").asText());
        assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)).messages().size(),
                "notes.txt does not end in .csv");
    }

    @Test
    void anEventBridgeRuleSendsTheTransformedEventToAQueue() {
        String queue = queue("placed-orders");
        events.putRule(b -> b.name("placed").eventPattern("{\"source\":[\"shop\"],\"detail-type\":[\"OrderPlaced\"]}"));
        events.putTargets(b -> b.rule("placed").targets(t -> t.id("q").arn(arn(queue))
                .inputTransformer(x -> x.inputPathsMap(Map.of("id", "$.detail.id"))
                        .inputTemplate("\"order <id> placed\""))));

        events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().source("shop").detailType("OrderPlaced")
                .detail("{\"id\":\"o-42\"}").build(), PutEventsRequestEntry.builder().source("warehouse")
                .detailType("OrderPlaced").detail("{\"id\":\"o-43\"}").build()));

        List<Message> messages = receive(queue, 1);
        assertEquals("\"order o-42 placed\"", messages.get(0).body());
        assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)).messages().size(),
                "the warehouse event does not match the pattern");
    }

    @Test
    void aStepFunctionsTaskSendsToAQueue() {
        String queue = queue("workflow-out");
        String definition = "{\"StartAt\":\"Send\",\"States\":{\"Send\":{\"Type\":\"Task\","
                + "\"Resource\":\"arn:aws:states:::sqs:sendMessage\",\"Parameters\":{\"QueueUrl\":\"" + queue + "\","
                + "\"MessageBody.$\":\"$.note\"},\"End\":true}}}";
        String machine = sfn.createStateMachine(b -> b.name("sender").definition(definition).roleArn(ROLE))
                .stateMachineArn();

        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"note\":\"from sfn\"}"))
                .executionArn();

        await().atMost(DELIVERY).until(() -> sfn.describeExecution(b -> b.executionArn(execution)).status()
                != ExecutionStatus.RUNNING);
        assertEquals(ExecutionStatus.SUCCEEDED, sfn.describeExecution(b -> b.executionArn(execution)).status());
        assertEquals("from sfn", receive(queue, 1).get(0).body());
    }

    @Test
    void aSchedulerScheduleFiresIntoAQueueWhenTheClockIsMovedOn() {
        String queue = queue("ticks");
        scheduler.createSchedule(b -> b.name("every-hour").scheduleExpression("rate(1 hour)")
                .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(arn(queue)).roleArn(ROLE).input("{\"tick\":true}")));
        assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)).messages().size(),
                "nothing is due before the first hour passes");

        emulator.clock().advance(Duration.ofMinutes(61));

        assertEquals("{\"tick\":true}", receive(queue, 1).get(0).body());
    }

    private static String queue(String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    private static String arn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** S3 sends an s3:TestEvent to a queue when the configuration is put, as AWS does; it is not an object event. */
    private static void drainTestEvent(String queue) throws Exception {
        List<Message> first = receive(queue, 1);
        assertEquals("s3:TestEvent", JSON.readTree(first.get(0).body()).path("Event").asText(), first.get(0).body());
    }

    /** Receives (and deletes) exactly {@code count} messages, waiting for them to arrive. */
    private static List<Message> receive(String queue, int count) {
        List<Message> received = new ArrayList<>();
        await().atMost(DELIVERY).until(() -> {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                received.add(message);
                sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(message.receiptHandle()));
            }
            return received.size() >= count;
        });
        assertEquals(count, received.size(), "messages received: " + received);
        return received;
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}

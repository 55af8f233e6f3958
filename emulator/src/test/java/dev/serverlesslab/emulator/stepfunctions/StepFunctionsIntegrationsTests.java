package dev.serverlesslab.emulator.stepfunctions;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Step Functions' request-response integrations with the emulator's own DynamoDB, SNS and SQS, through the SDK v2: a
 * workflow that puts an order, reads it back, announces it on a topic a queue subscribes to and sends it to a queue;
 * the same order again is caught as {@code DynamoDB.ConditionalCheckFailedException}; a resource the emulator does
 * not run is refused by CreateStateMachine and UpdateStateMachine alike; a call SQS or SNS refuses is caught by the
 * name AWS gives it ({@code SQS.QueueDoesNotExistException}, {@code SNS.NotFoundException}, ...).
 */
class StepFunctionsIntegrationsTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FINISH = Duration.ofSeconds(60);

    @TempDir
    static Path workDir;

    private static Emulator emulator;
    private static SfnClient sfn;
    private static DynamoDbClient dynamo;
    private static SnsClient sns;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
        sfn = client(SfnClient.builder());
        dynamo = client(DynamoDbClient.builder());
        sns = client(SnsClient.builder());
        sqs = client(SqsClient.builder());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable client : new AutoCloseable[] {sfn, dynamo, sns, sqs}) {
            try {
                client.close();
            } catch (Exception e) {
                // Closing frees connections only.
            }
        }
        emulator.close();
    }

    @Test
    void workflow_putsReadsPublishesAndSends_andCatchesADuplicateAsConditionalCheckFailed() throws Exception {
        dynamo.createTable(b -> b.tableName("orders")
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .billingMode("PAY_PER_REQUEST"));
        String topic = sns.createTopic(b -> b.name("order-events")).topicArn();
        String announced = sqs.createQueue(b -> b.queueName("order-announcements")).queueUrl();
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn(announced)));
        String shipping = sqs.createQueue(b -> b.queueName("shipping")).queueUrl();
        String definition = """
                {"StartAt":"Put","States":{
                  "Put":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem",
                    "Parameters":{"TableName":"orders","Item":{"id":{"S.$":"$.id"},"total":{"N.$":"$.total"}},
                      "ConditionExpression":"attribute_not_exists(id)"},
                    "ResultPath":"$.put",
                    "Catch":[{"ErrorEquals":["DynamoDB.ConditionalCheckFailedException"],"ResultPath":"$.error",
                      "Next":"Duplicate"}],
                    "Next":"Get"},
                  "Get":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem",
                    "Parameters":{"TableName":"orders","Key":{"id":{"S.$":"$.id"}}},
                    "ResultSelector":{"total.$":"$.Item.total.N","status.$":"$.SdkHttpMetadata.HttpStatusCode"},
                    "ResultPath":"$.stored","Next":"Announce"},
                  "Announce":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
                    "Parameters":{"TopicArn":"%s","Subject":"order","Message.$":"States.Format('order {} stored', $.id)"},
                    "ResultPath":"$.announced","Next":"Ship"},
                  "Ship":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
                    "Parameters":{"QueueUrl":"%s","MessageBody":{"id.$":"$.id","total.$":"$.stored.total"}},
                    "ResultPath":"$.shipped","End":true},
                  "Duplicate":{"Type":"Pass","Result":"duplicate","ResultPath":"$.outcome","End":true}}}
                """.formatted(topic, shipping);
        String machine = sfn.createStateMachine(b -> b.name("store-order").definition(definition)
                .roleArn(StepFunctionsFixture.MACHINE_ROLE)).stateMachineArn();

        DescribeExecutionResponse first = run(machine, "{\"id\":\"o-1\",\"total\":\"42\"}");

        assertEquals(ExecutionStatus.SUCCEEDED, first.status(), first.toString());
        JsonNode output = JSON.readTree(first.output());
        assertEquals("42", output.path("stored").path("total").asText(), "getItem's Item, read by ResultSelector");
        assertEquals(200, output.path("stored").path("status").asInt(), "SdkHttpMetadata.HttpStatusCode");
        assertEquals(200, output.path("put").path("SdkHttpMetadata").path("HttpStatusCode").asInt(), first.output());
        assertFalse(output.path("put").path("SdkResponseMetadata").path("RequestId").asText().isEmpty());
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName("orders")
                .key(Map.of("id", AttributeValue.fromS("o-1")))).item();
        assertEquals("42", item.get("total").n(), "the item putItem wrote");

        Message announcement = receiveOne(announced);
        JsonNode envelope = JSON.readTree(announcement.body());
        assertEquals("order o-1 stored", envelope.path("Message").asText(), announcement.body());
        assertEquals("order", envelope.path("Subject").asText());
        assertEquals(output.path("announced").path("MessageId").asText(), envelope.path("MessageId").asText(),
                "sns:publish answers the MessageId the subscriber sees");

        Message shipped = receiveOne(shipping);
        assertEquals("{\"id\":\"o-1\",\"total\":\"42\"}", shipped.body(), "a JSON MessageBody is sent as its text");
        assertEquals(shipped.messageId(), output.path("shipped").path("MessageId").asText(),
                "sqs:sendMessage answers the queue's MessageId");
        assertEquals(shipped.md5OfBody(), output.path("shipped").path("MD5OfMessageBody").asText());

        DescribeExecutionResponse again = run(machine, "{\"id\":\"o-1\",\"total\":\"99\"}");

        assertEquals(ExecutionStatus.SUCCEEDED, again.status(), again.toString());
        JsonNode caught = JSON.readTree(again.output());
        assertEquals("duplicate", caught.path("outcome").asText(), again.output());
        assertEquals("DynamoDB.ConditionalCheckFailedException", caught.path("error").path("Error").asText());
        assertTrue(caught.path("error").path("Cause").asText().contains("(Service: AmazonDynamoDBv2; Status Code: "
                + "400; Error Code: ConditionalCheckFailedException;"), again.output());
        assertEquals("42", dynamo.getItem(b -> b.tableName("orders").key(Map.of("id", AttributeValue.fromS("o-1"))))
                .item().get("total").n(), "the condition kept the first order");
        List<HistoryEvent> history = sfn.getExecutionHistory(b -> b.executionArn(again.executionArn())).events();
        HistoryEvent failed = history.stream().filter(e -> e.type() == HistoryEventType.TASK_FAILED).findFirst()
                .orElseThrow(() -> new AssertionError("no TaskFailed event in " + history));
        assertEquals("dynamodb", failed.taskFailedEventDetails().resourceType());
        assertEquals("putItem", failed.taskFailedEventDetails().resource());
        assertEquals("DynamoDB.ConditionalCheckFailedException", failed.taskFailedEventDetails().error());
        assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(shipping).waitTimeSeconds(1)).messages().size(),
                "the duplicate is not shipped");
    }

    @Test
    void updateItemAndDeleteItem_answerDynamoDbsAttributes_andATableThatIsNotThereFailsAsResourceNotFound()
            throws Exception {
        dynamo.createTable(b -> b.tableName("counters")
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .billingMode("PAY_PER_REQUEST"));
        String definition = """
                {"StartAt":"Count","States":{
                  "Count":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:updateItem",
                    "Parameters":{"TableName":"counters","Key":{"id":{"S":"visits"}},
                      "UpdateExpression":"ADD hits :one","ExpressionAttributeValues":{":one":{"N":"1"}},
                      "ReturnValues":"ALL_NEW"},
                    "ResultSelector":{"hits.$":"$.Attributes.hits.N"},"ResultPath":"$.counted","Next":"Forget"},
                  "Forget":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:deleteItem",
                    "Parameters":{"TableName.$":"$.table","Key":{"id":{"S":"visits"}},"ReturnValues":"ALL_OLD"},
                    "ResultSelector":{"hits.$":"$.Attributes.hits.N"},"ResultPath":"$.deleted","End":true}}}
                """;
        String machine = sfn.createStateMachine(b -> b.name("count-visits").definition(definition)
                .roleArn(StepFunctionsFixture.MACHINE_ROLE)).stateMachineArn();

        DescribeExecutionResponse counted = run(machine, "{\"table\":\"counters\"}");

        assertEquals(ExecutionStatus.SUCCEEDED, counted.status(), counted.toString());
        JsonNode output = JSON.readTree(counted.output());
        assertEquals("1", output.path("counted").path("hits").asText(), counted.output());
        assertEquals("1", output.path("deleted").path("hits").asText(), "deleteItem's ALL_OLD attributes");
        assertTrue(dynamo.getItem(b -> b.tableName("counters").key(Map.of("id", AttributeValue.fromS("visits"))))
                .item().isEmpty(), "deleteItem removed the counter");

        DescribeExecutionResponse missing = run(machine, "{\"table\":\"no-such-table\"}");

        assertEquals(ExecutionStatus.FAILED, missing.status(), missing.toString());
        assertEquals("DynamoDB.ResourceNotFoundException", missing.error(), missing.toString());
    }

    @Test
    void resourcesTheEmulatorDoesNotRun_areRefusedByCreateAndUpdate_namingTheResource() {
        String passing = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}";
        String machine = sfn.createStateMachine(b -> b.name("updated-later").definition(passing)
                .roleArn(StepFunctionsFixture.MACHINE_ROLE)).stateMachineArn();
        for (String resource : List.of("arn:aws:states:::events:putEvents", "arn:aws:states:::aws-sdk:s3:getObject",
                "arn:aws:states:::dynamodb:scan", "arn:aws:states:::sqs:sendMessage.waitForTaskToken")) {
            String definition = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"" + resource
                    + "\",\"End\":true}}}";

            InvalidDefinitionException created = assertThrows(InvalidDefinitionException.class, () ->
                    sfn.createStateMachine(b -> b.name("refused").definition(definition)
                            .roleArn(StepFunctionsFixture.MACHINE_ROLE)));
            InvalidDefinitionException updated = assertThrows(InvalidDefinitionException.class, () ->
                    sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(definition)));

            assertTrue(created.awsErrorDetails().errorMessage().contains(resource), created.getMessage());
            assertTrue(updated.awsErrorDetails().errorMessage().contains(resource), updated.getMessage());
        }
        assertEquals(passing, sfn.describeStateMachine(b -> b.stateMachineArn(machine)).definition(),
                "a refused update leaves the definition as it was");
    }

    @Test
    void sendMessage_withDelaySeconds_keepsTheMessageInvisibleUntilTheDelayHasPassed() {
        String queue = sqs.createQueue(b -> b.queueName("reminders")).queueUrl();
        String definition = """
                {"StartAt":"Remind","States":{
                  "Remind":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
                    "Parameters":{"QueueUrl":"%s","MessageBody.$":"$.note","DelaySeconds":120},"End":true}}}
                """.formatted(queue);
        String machine = sfn.createStateMachine(b -> b.name("remind-later").definition(definition)
                .roleArn(StepFunctionsFixture.MACHINE_ROLE)).stateMachineArn();

        DescribeExecutionResponse execution = run(machine, "{\"note\":\"pay invoice 12\"}");

        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.toString());
        assertEquals("1", sqs.getQueueAttributes(b -> b.queueUrl(queue)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
        assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(queue)).messages().size(), "still delayed");
        emulator.clock().advance(Duration.ofSeconds(121));
        assertEquals("pay invoice 12", receiveOne(queue).body());
    }

    @Test
    void refusedSendMessageAndPublish_areCaughtByAwsErrorNames_withTheSdkShapedCause() throws Exception {
        String topic = sns.createTopic(b -> b.name("integration-errors")).topicArn();
        String queue = sqs.createQueue(b -> b.queueName("integration-errors")).queueUrl();
        String missingQueue = queue.replace("integration-errors", "no-such-queue");
        String missingTopic = topic.replace("integration-errors", "no-such-topic");

        JsonNode noQueue = caught("no-queue", "sqs:sendMessage", "{\"QueueUrl\":\"" + missingQueue
                + "\",\"MessageBody\":\"m\"}", "SQS.QueueDoesNotExistException");
        assertCause(noQueue, "The specified queue does not exist.", "AmazonSQS", 400,
                "AWS.SimpleQueueService.NonExistentQueue");
        // SQS's model declares no error for an invalid parameter value: the SDK's base exception names it.
        JsonNode badDelay = caught("bad-delay", "sqs:sendMessage", "{\"QueueUrl\":\"" + queue
                + "\",\"MessageBody\":\"m\",\"DelaySeconds\":901}", "SQS.AmazonSQSException");
        assertCause(badDelay, "DelaySeconds", "AmazonSQS", 400, "InvalidParameterValue");
        JsonNode noTopic = caught("no-topic", "sns:publish", "{\"TopicArn\":\"" + missingTopic
                + "\",\"Message\":\"m\"}", "SNS.NotFoundException");
        assertCause(noTopic, "does not exist", "AmazonSNS", 404, "NotFound");
        JsonNode notAnArn = caught("not-an-arn", "sns:publish", "{\"TopicArn\":\"orders\",\"Message\":\"m\"}",
                "SNS.InvalidParameterException");
        assertCause(notAnArn, "Invalid parameter: TopicArn", "AmazonSNS", 400, "InvalidParameter");
        assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(queue)).messages().size(), "nothing was sent");
    }

    /**
     * Runs a Task whose only Catch names {@code error} and answers what the Catch put in {@code $.error}; an error
     * named otherwise fails the execution, and the assertion names what it was.
     */
    private static JsonNode caught(String name, String integration, String parameters, String error)
            throws Exception {
        String definition = """
                {"StartAt":"Call","States":{
                  "Call":{"Type":"Task","Resource":"arn:aws:states:::%s","Parameters":%s,
                    "Catch":[{"ErrorEquals":["%s"],"ResultPath":"$.error","Next":"Caught"}],"End":true},
                  "Caught":{"Type":"Pass","End":true}}}
                """.formatted(integration, parameters, error);
        String machine = sfn.createStateMachine(b -> b.name("caught-" + name).definition(definition)
                .roleArn(StepFunctionsFixture.MACHINE_ROLE)).stateMachineArn();
        DescribeExecutionResponse execution = run(machine, "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), "expected the Catch on " + error + " to handle "
                + "the error, but the execution ended " + execution.status() + " with " + execution.error() + ": "
                + execution.cause());
        JsonNode caught = JSON.readTree(execution.output()).path("error");
        assertEquals(error, caught.path("Error").asText(), caught.toString());
        return caught;
    }

    private static void assertCause(JsonNode caught, String message, String service, int status, String code) {
        String cause = caught.path("Cause").asText();
        assertTrue(cause.contains(message), cause);
        assertTrue(cause.matches(".+ \\(Service: " + service + "; Status Code: " + status + "; Error Code: "
                + java.util.regex.Pattern.quote(code) + "; Request ID: [0-9a-f-]{36}; Proxy: null\\)"), cause);
    }

    private static DescribeExecutionResponse run(String machine, String input) {
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
        await().atMost(FINISH).until(() -> sfn.describeExecution(b -> b.executionArn(execution)).status()
                != ExecutionStatus.RUNNING);
        return sfn.describeExecution(b -> b.executionArn(execution));
    }

    private static Message receiveOne(String queue) {
        List<Message> received = new ArrayList<>();
        await().atMost(FINISH).until(() -> {
            received.addAll(sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages());
            return !received.isEmpty();
        });
        assertEquals(1, received.size(), received.toString());
        return received.get(0);
    }

    private static String arn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StepFunctionsFixture.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}

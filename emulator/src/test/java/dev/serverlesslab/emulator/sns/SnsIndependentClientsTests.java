package dev.serverlesslab.emulator.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.ExternalClients;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SNS driven by clients nobody here wrote, the aws CLI and boto3 (botocore parses the query protocol's XML more
 * strictly than the Java SDK). Skipped, saying why, where they are not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnsIndependentClientsTests {

    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:cli-queue";
    private SnsFixture fixture;

    @BeforeAll
    void start() {
        fixture = new SnsFixture();
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Test
    void awsCli_topicSubscriptionFilterAndPublish() throws Exception {
        assumeTrue(ExternalClients.installed("aws", "--version"), "the aws CLI is not installed on this machine");
        String topic = aws("sns", "create-topic", "--name", "cli-topic", "--tags", "Key=team,Value=a")
                .path("TopicArn").asText();
        assertEquals("arn:aws:sns:us-east-1:000000000000:cli-topic", topic);
        String subscription = aws("sns", "subscribe", "--topic-arn", topic, "--protocol", "sqs",
                "--notification-endpoint", QUEUE, "--attributes",
                "{\"RawMessageDelivery\":\"true\",\"FilterPolicy\":\"{\\\"color\\\":[\\\"red\\\"]}\"}")
                .path("SubscriptionArn").asText();
        assertEquals("true", aws("sns", "get-subscription-attributes", "--subscription-arn", subscription)
                .path("Attributes").path("RawMessageDelivery").asText());
        assertEquals("a", aws("sns", "list-tags-for-resource", "--resource-arn", topic).path("Tags").get(0)
                .path("Value").asText());

        aws("sns", "publish", "--topic-arn", topic, "--message", "blue one", "--message-attributes",
                "{\"color\":{\"DataType\":\"String\",\"StringValue\":\"blue\"}}");
        String messageId = aws("sns", "publish", "--topic-arn", topic, "--message", "red one",
                "--message-attributes", "{\"color\":{\"DataType\":\"String\",\"StringValue\":\"red\"}}")
                .path("MessageId").asText();
        assertTrue(!messageId.isEmpty());
        assertEquals(List.of("red one"), fixture.to(QUEUE).stream().map(d -> d.body()).toList());

        JsonNode attributes = aws("sns", "get-topic-attributes", "--topic-arn", topic).path("Attributes");
        assertEquals("1", attributes.path("SubscriptionsConfirmed").asText());
        assertEquals(subscription, aws("sns", "list-subscriptions-by-topic", "--topic-arn", topic)
                .path("Subscriptions").get(0).path("SubscriptionArn").asText());
        aws("sns", "delete-topic", "--topic-arn", topic);
        assertTrue(aws("sns", "list-topics").path("Topics").findValuesAsText("TopicArn").stream()
                .noneMatch(topic::equals));

        ExternalClients.Result refused = ExternalClients.run(ExternalClients.aws(fixture.endpoint.toString(),
                "sns", "create-platform-application", "--name", "a", "--platform", "GCM", "--attributes", "{}"));
        assertTrue(refused.exitCode() != 0 && refused.output().contains("InvalidAction")
                && refused.output().contains("CreatePlatformApplication"), refused.output());
    }

    @Test
    void boto3_fifoTopicPublishBatchAndErrors() throws Exception {
        assumeTrue(ExternalClients.installed("python3", "-c", "import boto3"),
                "python3 with boto3 is not installed on this machine");
        String script = """
                import boto3, json, sys
                sns = boto3.client("sns", endpoint_url=sys.argv[1], region_name="us-east-1",
                                   aws_access_key_id="test", aws_secret_access_key="test")
                arn = sns.create_topic(Name="py.fifo", Attributes={"FifoTopic": "true",
                                       "ContentBasedDeduplication": "true"})["TopicArn"]
                sns.subscribe(TopicArn=arn, Protocol="sqs",
                              Endpoint="arn:aws:sqs:us-east-1:000000000000:py.fifo",
                              Attributes={"RawMessageDelivery": "true"})
                out = sns.publish_batch(TopicArn=arn, PublishBatchRequestEntries=[
                    {"Id": "a", "Message": "one", "MessageGroupId": "g"},
                    {"Id": "b", "Message": "two"}])
                assert [s["Id"] for s in out["Successful"]] == ["a"], out
                assert out["Successful"][0]["SequenceNumber"], out
                assert out["Failed"][0]["Id"] == "b" and out["Failed"][0]["SenderFault"], out
                attrs = sns.get_topic_attributes(TopicArn=arn)["Attributes"]
                assert attrs["FifoTopic"] == "true" and attrs["ContentBasedDeduplication"] == "true", attrs
                try:
                    sns.get_topic_attributes(TopicArn=arn + "x")
                    raise SystemExit("expected NotFound")
                except sns.exceptions.NotFoundException as e:
                    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 404
                try:
                    sns.subscribe(TopicArn=arn, Protocol="sms", Endpoint="+15555550100")
                    raise SystemExit("expected InvalidParameter")
                except sns.exceptions.InvalidParameterException as e:
                    assert "sms" in str(e), str(e)
                print("ok")
                """;
        ExternalClients.Result result = ExternalClients.run(List.of("python3", "-c", script,
                fixture.endpoint.toString()));
        assertEquals(0, result.exitCode(), result.output());
        assertEquals(List.of("one"), fixture.to("arn:aws:sqs:us-east-1:000000000000:py.fifo").stream()
                .map(d -> d.body()).toList());
    }

    private JsonNode aws(String... args) throws Exception {
        return ExternalClients.awsJson(fixture.endpoint.toString(), args);
    }
}

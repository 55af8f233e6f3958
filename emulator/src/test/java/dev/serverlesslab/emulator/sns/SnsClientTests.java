package dev.serverlesslab.emulator.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.Targets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sns.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sns.model.Topic;

/**
 * The AWS SDK v2 SnsClient against SNS's query protocol: topics, attributes, tags, subscriptions, publish and
 * publish-batch, FIFO rules, and the fan-out to queues with a filter policy (queues here record what SNS hands them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnsClientTests {

    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:";
    private final ObjectMapper json = new ObjectMapper();
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
    void createTopic_isIdempotent_andTopicsAreListedInPagesOfAHundred() {
        String arn = fixture.sns.createTopic(r -> r.name("orders")).topicArn();
        assertEquals("arn:aws:sns:us-east-1:000000000000:orders", arn);
        assertEquals(arn, fixture.sns.createTopic(r -> r.name("orders")).topicArn());
        for (int i = 0; i < 105; i++) {
            int n = i;
            fixture.sns.createTopic(r -> r.name("paged-" + n));
        }
        List<Topic> all = new ArrayList<>();
        fixture.sns.listTopicsPaginator(r -> { }).forEach(page -> {
            assertTrue(page.topics().size() <= 100);
            all.addAll(page.topics());
        });
        assertEquals(all.size(), all.stream().map(Topic::topicArn).distinct().count());
        assertTrue(all.stream().filter(t -> t.topicArn().contains(":paged-")).count() == 105);
    }

    @Test
    void topicAttributes_areReadAndSet_andUnhonouredOnesRefusedByName() {
        String arn = fixture.sns.createTopic(r -> r.name("attributes").attributes(Map.of("DisplayName", "Shop")))
                .topicArn();
        Map<String, String> attributes = fixture.sns.getTopicAttributes(r -> r.topicArn(arn)).attributes();
        assertEquals("Shop", attributes.get("DisplayName"));
        assertEquals(arn, attributes.get("TopicArn"));
        assertEquals("000000000000", attributes.get("Owner"));
        assertEquals("0", attributes.get("SubscriptionsConfirmed"));
        assertTrue(attributes.get("Policy").contains("SNS:Publish"));

        fixture.sns.setTopicAttributes(r -> r.topicArn(arn).attributeName("DisplayName").attributeValue("Store"));
        assertEquals("Store", fixture.sns.getTopicAttributes(r -> r.topicArn(arn)).attributes().get("DisplayName"));

        InvalidParameterException kms = assertThrows(InvalidParameterException.class, () -> fixture.sns
                .setTopicAttributes(r -> r.topicArn(arn).attributeName("KmsMasterKeyId").attributeValue("k")));
        assertTrue(kms.awsErrorDetails().errorMessage().contains("KmsMasterKeyId"), kms.getMessage());
        NotFoundException missing = assertThrows(NotFoundException.class, () -> fixture.sns
                .getTopicAttributes(r -> r.topicArn(arn + "-gone")));
        assertEquals(404, missing.statusCode());
    }

    @Test
    void tags_areAddedListedAndRemoved() {
        String arn = fixture.sns.createTopic(r -> r.name("tagged").tags(Tag.builder().key("team").value("a")
                .build())).topicArn();
        fixture.sns.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("env").value("dev").build()));
        assertEquals(List.of("env", "team"), fixture.sns.listTagsForResource(r -> r.resourceArn(arn)).tags().stream()
                .map(Tag::key).toList());
        fixture.sns.untagResource(r -> r.resourceArn(arn).tagKeys("team"));
        assertEquals(List.of("env"), fixture.sns.listTagsForResource(r -> r.resourceArn(arn)).tags().stream()
                .map(Tag::key).toList());
        assertThrows(ResourceNotFoundException.class, () -> fixture.sns.listTagsForResource(r -> r
                .resourceArn(arn + "-gone")));
    }

    @Test
    void fanOut_toTwoQueues_deliversTheEnvelopeToOne_andOnlyMatchingMessagesRawToTheFilteredOne() throws Exception {
        String topic = fixture.sns.createTopic(r -> r.name("fan-out")).topicArn();
        String all = fixture.sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(QUEUE + "all"))
                .subscriptionArn();
        String large = fixture.sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(QUEUE + "large")
                .attributes(Map.of("RawMessageDelivery", "true",
                        "FilterPolicy", "{\"size\":[{\"numeric\":[\">=\",10]}],\"kind\":[\"order\"]}")))
                .subscriptionArn();
        assertTrue(all.startsWith(topic + ":"), all);

        fixture.sns.publish(r -> r.topicArn(topic).message("small").subject("Hi")
                .messageAttributes(Map.of("size", number("3"), "kind", string("order"))));
        PublishResponse big = fixture.sns.publish(r -> r.topicArn(topic).message("big")
                .messageAttributes(Map.of("size", number("12"), "kind", string("order"))));

        List<Targets.Delivery> toAll = fixture.to(QUEUE + "all");
        assertEquals(2, toAll.size());
        JsonNode envelope = json.readTree(toAll.get(0).body());
        assertEquals("Notification", envelope.path("Type").asText());
        assertEquals(topic, envelope.path("TopicArn").asText());
        assertEquals("small", envelope.path("Message").asText());
        assertEquals("Hi", envelope.path("Subject").asText());
        assertEquals("Number", envelope.path("MessageAttributes").path("size").path("Type").asText());
        assertEquals("3", envelope.path("MessageAttributes").path("size").path("Value").asText());
        assertTrue(envelope.path("UnsubscribeURL").asText().contains("Action=Unsubscribe"));
        assertTrue(envelope.path("Timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertEquals("sns.amazonaws.com", toAll.get(0).principal());
        assertEquals(topic, toAll.get(0).sourceArn());

        List<Targets.Delivery> toLarge = fixture.to(QUEUE + "large");
        assertEquals(1, toLarge.size(), "only the message with size >= 10 passes the filter");
        assertEquals("big", toLarge.get(0).body());
        assertEquals("12", toLarge.get(0).attributes().get("size").stringValue());
        assertEquals(big.messageId(), json.readTree(toAll.get(1).body()).path("MessageId").asText());

        Map<String, String> attributes = fixture.sns.getSubscriptionAttributes(r -> r.subscriptionArn(large))
                .attributes();
        assertEquals("true", attributes.get("RawMessageDelivery"));
        assertEquals("MessageAttributes", attributes.get("FilterPolicyScope"));
        assertEquals("false", attributes.get("PendingConfirmation"));
        assertEquals(2, fixture.sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions().size());
    }

    @Test
    void messageBodyScope_filtersOnNestedJsonFields() {
        String topic = fixture.sns.createTopic(r -> r.name("body-scope")).topicArn();
        String arn = fixture.sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(QUEUE + "eu")
                .attributes(Map.of("FilterPolicyScope", "MessageBody",
                        "FilterPolicy", "{\"order\":{\"region\":[{\"prefix\":\"eu-\"}]}}"))).subscriptionArn();
        fixture.sns.publish(r -> r.topicArn(topic).message("{\"order\":{\"region\":\"us-east-1\"}}"));
        fixture.sns.publish(r -> r.topicArn(topic).message("{\"order\":{\"region\":\"eu-west-1\"}}"));
        fixture.sns.publish(r -> r.topicArn(topic).message("not json"));
        assertEquals(1, fixture.to(QUEUE + "eu").size());

        fixture.sns.setSubscriptionAttributes(r -> r.subscriptionArn(arn).attributeName("FilterPolicy")
                .attributeValue(""));
        fixture.sns.publish(r -> r.topicArn(topic).message("not json"));
        assertEquals(2, fixture.to(QUEUE + "eu").size(), "an emptied filter policy lets everything through");
    }

    @Test
    void invalidFilterPolicies_andUnservedProtocols_areRefusedWithAReason() {
        String topic = fixture.sns.createTopic(r -> r.name("refusals")).topicArn();
        InvalidParameterException nested = assertThrows(InvalidParameterException.class, () -> fixture.sns
                .subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(QUEUE + "q")
                        .attributes(Map.of("FilterPolicy", "{\"a\":{\"b\":[\"c\"]}}"))));
        assertTrue(nested.awsErrorDetails().errorMessage().contains("FilterPolicy"), nested.getMessage());
        InvalidParameterException email = assertThrows(InvalidParameterException.class, () -> fixture.sns
                .subscribe(r -> r.topicArn(topic).protocol("email").endpoint("me@example.com")));
        assertTrue(email.awsErrorDetails().errorMessage().contains("email"), email.getMessage());
        InvalidParameterException redrive = assertThrows(InvalidParameterException.class, () -> fixture.sns
                .subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(QUEUE + "q")
                        .attributes(Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + QUEUE + "dlq\"}"))));
        assertTrue(redrive.awsErrorDetails().errorMessage().contains("RedrivePolicy"), redrive.getMessage());
        InvalidParameterException raw = assertThrows(InvalidParameterException.class, () -> fixture.sns
                .subscribe(r -> r.topicArn(topic).protocol("lambda")
                        .endpoint("arn:aws:lambda:us-east-1:000000000000:function:f")
                        .attributes(Map.of("RawMessageDelivery", "true"))));
        assertTrue(raw.awsErrorDetails().errorMessage().contains("raw message delivery"), raw.getMessage());
        assertThrows(NotFoundException.class, () -> fixture.sns.publish(r -> r.topicArn(topic + "-gone")
                .message("m")));
        InvalidParameterValueException badType = assertThrows(InvalidParameterValueException.class, () -> fixture
                .sns.publish(r -> r.topicArn(topic).message("m").messageAttributes(Map.of("n", MessageAttributeValue
                        .builder().dataType("Number").stringValue("ten").build()))));
        assertTrue(badType.getMessage().contains("'n'"), badType.getMessage());
    }

    @Test
    void messageStructureJson_sendsEachProtocolItsOwnMessage() throws Exception {
        String topic = fixture.sns.createTopic(r -> r.name("structured")).topicArn();
        fixture.sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(QUEUE + "structured"));
        fixture.sns.publish(r -> r.topicArn(topic).messageStructure("json")
                .message("{\"default\":\"for everyone\",\"sqs\":\"for queues\"}"));
        assertEquals("for queues", json.readTree(fixture.to(QUEUE + "structured").get(0).body()).path("Message")
                .asText());
        InvalidParameterException noDefault = assertThrows(InvalidParameterException.class, () -> fixture.sns
                .publish(r -> r.topicArn(topic).messageStructure("json").message("{\"sqs\":\"x\"}")));
        assertTrue(noDefault.getMessage().contains("No default entry"), noDefault.getMessage());
    }

    @Test
    void fifoTopics_requireAGroup_deduplicateByContent_andNumberTheirMessages() {
        InvalidParameterException notNamed = assertThrows(InvalidParameterException.class, () -> fixture.sns
                .createTopic(r -> r.name("plain").attributes(Map.of("FifoTopic", "true"))));
        assertTrue(notNamed.getMessage().contains(".fifo"));
        String topic = fixture.sns.createTopic(r -> r.name("orders.fifo")
                .attributes(Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true"))).topicArn();
        fixture.sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(QUEUE + "orders.fifo"));

        InvalidParameterException noGroup = assertThrows(InvalidParameterException.class, () -> fixture.sns
                .publish(r -> r.topicArn(topic).message("m")));
        assertTrue(noGroup.getMessage().contains("MessageGroupId"), noGroup.getMessage());
        PublishResponse first = fixture.sns.publish(r -> r.topicArn(topic).message("one").messageGroupId("g"));
        PublishResponse again = fixture.sns.publish(r -> r.topicArn(topic).message("one").messageGroupId("g"));
        PublishResponse second = fixture.sns.publish(r -> r.topicArn(topic).message("two").messageGroupId("g"));

        assertEquals(first.messageId(), again.messageId(), "a duplicate within five minutes is answered as the first");
        assertTrue(new java.math.BigInteger(second.sequenceNumber())
                .compareTo(new java.math.BigInteger(first.sequenceNumber())) > 0);
        List<Targets.Delivery> delivered = fixture.to(QUEUE + "orders.fifo");
        assertEquals(2, delivered.size(), "the duplicate is not delivered");
        assertEquals("g", delivered.get(0).groupId());
        assertNotEquals(delivered.get(0).deduplicationId(), delivered.get(1).deduplicationId());
        fixture.clock.advance(Duration.ofMinutes(6));
        PublishResponse later = fixture.sns.publish(r -> r.topicArn(topic).message("one").messageGroupId("g"));
        assertNotEquals(first.messageId(), later.messageId(), "after the window the same content is new again");
        assertEquals(3, fixture.to(QUEUE + "orders.fifo").size());
        assertThrows(InvalidParameterException.class, () -> fixture.sns.subscribe(r -> r.topicArn(topic)
                .protocol("lambda").endpoint("arn:aws:lambda:us-east-1:000000000000:function:f")));
    }

    @Test
    void publishBatch_reportsEachEntry_andRefusesDuplicateIds() {
        String topic = fixture.sns.createTopic(r -> r.name("batch")).topicArn();
        fixture.sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(QUEUE + "batch"));
        PublishBatchResponse response = fixture.sns.publishBatch(r -> r.topicArn(topic).publishBatchRequestEntries(
                e -> e.id("ok-1").message("first"),
                e -> e.id("bad").message("{}").messageStructure("json"),
                e -> e.id("ok-2").message("second").messageAttributes(Map.of("k", string("v")))));
        assertEquals(List.of("ok-1", "ok-2"), response.successful().stream().map(s -> s.id()).toList());
        assertEquals(1, response.failed().size());
        assertEquals("bad", response.failed().get(0).id());
        assertEquals("InvalidParameter", response.failed().get(0).code());
        assertTrue(response.failed().get(0).senderFault());
        assertEquals(2, fixture.to(QUEUE + "batch").size());
        assertThrows(BatchEntryIdsNotDistinctException.class, () -> fixture.sns.publishBatch(r -> r.topicArn(topic)
                .publishBatchRequestEntries(e -> e.id("x").message("a"), e -> e.id("x").message("b"))));
    }

    @Test
    void unsubscribe_andDeleteTopic_stopDeliveries() {
        String topic = fixture.sns.createTopic(r -> r.name("short-lived")).topicArn();
        String arn = fixture.sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(QUEUE + "short"))
                .subscriptionArn();
        assertEquals(arn, fixture.sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(QUEUE + "short"))
                .subscriptionArn(), "subscribing again returns the same subscription");
        fixture.sns.unsubscribe(r -> r.subscriptionArn(arn));
        fixture.sns.publish(r -> r.topicArn(topic).message("nobody listens"));
        assertTrue(fixture.to(QUEUE + "short").isEmpty());
        fixture.sns.deleteTopic(r -> r.topicArn(topic));
        fixture.sns.deleteTopic(r -> r.topicArn(topic));
        assertFalse(fixture.sns.listSubscriptions().subscriptions().stream().map(Subscription::topicArn)
                .anyMatch(topic::equals));
    }

    @Test
    void otherServices_publishThroughTheSnsTarget_withSubjectAndAttributes() throws Exception {
        String topic = fixture.sns.createTopic(r -> r.name("from-s3")).topicArn();
        fixture.sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(QUEUE + "from-s3"));

        fixture.targets.deliver(Targets.Delivery.of(topic, "{\"Records\":[]}", "s3.amazonaws.com",
                "arn:aws:s3:::bucket", "000000000000").withSubject("Amazon S3 Notification")
                .withAttributes(Map.of("origin", Targets.MessageAttribute.string("s3"))));

        JsonNode envelope = json.readTree(fixture.to(QUEUE + "from-s3").get(0).body());
        assertEquals("{\"Records\":[]}", envelope.path("Message").asText());
        assertEquals("Amazon S3 Notification", envelope.path("Subject").asText());
        assertEquals("s3", envelope.path("MessageAttributes").path("origin").path("Value").asText());
        dev.serverlesslab.emulator.core.AwsException missing = assertThrows(
                dev.serverlesslab.emulator.core.AwsException.class, () -> fixture.targets.deliver(Targets.Delivery
                        .of(topic + "-gone", "m", "s3.amazonaws.com", null, null)));
        assertEquals("NotFound", missing.code());
    }

    @Test
    void unimplementedActions_answerInvalidActionNamingThem() {
        SnsException error = assertThrows(SnsException.class, () -> fixture.sns.createPlatformApplication(r -> r
                .name("app").platform("GCM").attributes(Map.of())));
        assertEquals("InvalidAction", error.awsErrorDetails().errorCode());
        assertTrue(error.awsErrorDetails().errorMessage().contains("CreatePlatformApplication"), error.getMessage());
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static MessageAttributeValue number(String value) {
        return MessageAttributeValue.builder().dataType("Number").stringValue(value).build();
    }
}

package dev.serverlesslab.emulator.sqs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The AWS SDK v2 SqsClient (JSON protocol, which validates every MD5 the emulator returns) against the emulator's
 * HTTP endpoint: queues and their URLs, attributes and tags, messages with attributes, batches, visibility and delays
 * on an advanced clock, long polling, FIFO order and deduplication, and redrive to a dead-letter queue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqsSdkTests {

    private final EmulatorClock clock = new EmulatorClock();
    private EdgeServer edge;
    private SqsClient sqs;
    private String base;

    @BeforeAll
    void start() {
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        edge.start(new ServiceRouter(List.of(new SqsHandler(new SqsBackend(clock)))));
        base = "http://127.0.0.1:" + edge.port();
        sqs = SqsClient.builder().endpointOverride(URI.create(base)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    void stop() {
        sqs.close();
        edge.close();
    }

    @Test
    void createQueue_givesAwsShapedUrl_andIsIdempotentOnlyWithTheSameAttributes() {
        String url = sqs.createQueue(r -> r.queueName("orders").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "45")).tags(Map.of("team", "shop"))).queueUrl();

        assertEquals(base + "/000000000000/orders", url);
        assertEquals(url, sqs.getQueueUrl(r -> r.queueName("orders")).queueUrl());
        assertEquals(url, sqs.createQueue(r -> r.queueName("orders").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "45"))).queueUrl());
        assertThrows(QueueNameExistsException.class, () -> sqs.createQueue(r -> r.queueName("orders")
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "10"))));
        Map<String, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
        assertEquals("45", attributes.get("VisibilityTimeout"));
        assertEquals("arn:aws:sqs:us-east-1:000000000000:orders", attributes.get("QueueArn"));
        assertEquals("0", attributes.get("ApproximateNumberOfMessages"));
        assertEquals(Map.of("team", "shop"), sqs.listQueueTags(r -> r.queueUrl(url)).tags());

        sqs.tagQueue(r -> r.queueUrl(url).tags(Map.of("env", "dev")));
        sqs.untagQueue(r -> r.queueUrl(url).tagKeys("team"));
        assertEquals(Map.of("env", "dev"), sqs.listQueueTags(r -> r.queueUrl(url)).tags());
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.DELAY_SECONDS, "5")));
        assertEquals("5", sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.DELAY_SECONDS))
                .attributesAsStrings().get("DelaySeconds"));
        assertThrows(InvalidAttributeNameException.class, () -> sqs.setQueueAttributes(r -> r.queueUrl(url)
                .attributesWithStrings(Map.of("Colour", "blue"))));

        sqs.deleteQueue(r -> r.queueUrl(url));
        assertThrows(QueueDoesNotExistException.class, () -> sqs.getQueueUrl(r -> r.queueName("orders")));
    }

    @Test
    void listQueues_filtersByPrefix_andPages() {
        for (String name : List.of("list-a", "list-b", "list-c", "other")) {
            sqs.createQueue(r -> r.queueName(name));
        }

        assertEquals(3, sqs.listQueues(r -> r.queueNamePrefix("list-")).queueUrls().size());
        var first = sqs.listQueues(r -> r.queueNamePrefix("list-").maxResults(2));
        assertEquals(List.of(base + "/000000000000/list-a", base + "/000000000000/list-b"), first.queueUrls());
        var second = sqs.listQueues(r -> r.queueNamePrefix("list-").maxResults(2).nextToken(first.nextToken()));
        assertEquals(List.of(base + "/000000000000/list-c"), second.queueUrls());
        assertEquals(null, second.nextToken());
    }

    @Test
    void sentMessage_isReceivedWithItsAttributes_andGoneOnceDeleted() {
        String url = sqs.createQueue(r -> r.queueName("greetings")).queueUrl();
        var sent = sqs.sendMessage(r -> r.queueUrl(url).messageBody("héllo").messageAttributes(Map.of(
                "color", MessageAttributeValue.builder().dataType("String").stringValue("blue").build(),
                "size", MessageAttributeValue.builder().dataType("Number").stringValue("3").build(),
                "raw", MessageAttributeValue.builder().dataType("Binary")
                        .binaryValue(SdkBytes.fromUtf8String("bits")).build())));

        // The SDK checks MD5OfMessageBody and MD5OfMessageAttributes on send and receive: no exception is the test.
        Message message = sqs.receiveMessage(r -> r.queueUrl(url).messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages().get(0);

        assertEquals(sent.messageId(), message.messageId());
        assertEquals("héllo", message.body());
        assertEquals("blue", message.messageAttributes().get("color").stringValue());
        assertEquals("bits", message.messageAttributes().get("raw").binaryValue().asUtf8String());
        assertEquals("1", message.attributesAsStrings().get("ApproximateReceiveCount"));
        assertTrue(message.attributesAsStrings().containsKey("SentTimestamp"));
        assertEquals("0", attribute(url, "ApproximateNumberOfMessages"));
        assertEquals("1", attribute(url, "ApproximateNumberOfMessagesNotVisible"));
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
        assertEquals("0", attribute(url, "ApproximateNumberOfMessagesNotVisible"));
    }

    @Test
    void batches_answerPerEntry() {
        String url = sqs.createQueue(r -> r.queueName("batches")).queueUrl();

        SendMessageBatchResponse sent = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(
                e -> e.id("a").messageBody("one"), e -> e.id("b").messageBody("two").delaySeconds(901),
                e -> e.id("c").messageBody("three")));

        assertEquals(List.of("a", "c"), sent.successful().stream().map(s -> s.id()).toList());
        assertEquals("b", sent.failed().get(0).id());
        assertEquals("InvalidParameterValue", sent.failed().get(0).code());
        List<Message> received = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
        assertEquals(2, received.size());
        var deleted = sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(
                e -> e.id("x").receiptHandle(received.get(0).receiptHandle()),
                e -> e.id("y").receiptHandle(received.get(1).receiptHandle())));
        assertEquals(2, deleted.successful().size());
        assertThrows(SqsException.class, () -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(
                e -> e.id("same").messageBody("1"), e -> e.id("same").messageBody("2"))));
    }

    @Test
    void visibilityTimeoutAndDelays_runOnTheEmulatorClock() {
        String url = sqs.createQueue(r -> r.queueName("clocked").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "600"))).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("later").delaySeconds(300));
        assertEquals("1", attribute(url, "ApproximateNumberOfMessagesDelayed"));
        assertTrue(sqs.receiveMessage(r -> r.queueUrl(url)).messages().isEmpty());

        clock.advance(Duration.ofSeconds(301));
        Message first = sqs.receiveMessage(r -> r.queueUrl(url)).messages().get(0);
        assertTrue(sqs.receiveMessage(r -> r.queueUrl(url)).messages().isEmpty(), "in flight for 600 s");

        clock.advance(Duration.ofSeconds(601));
        Message again = sqs.receiveMessage(r -> r.queueUrl(url).messageSystemAttributeNames(
                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages().get(0);
        assertEquals(first.messageId(), again.messageId());
        assertEquals("2", again.attributesAsStrings().get("ApproximateReceiveCount"));

        sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(again.receiptHandle()).visibilityTimeout(0));
        assertEquals(1, sqs.receiveMessage(r -> r.queueUrl(url)).messages().size());
    }

    @Test
    void longPoll_returnsAsSoonAsAMessageArrives() {
        String url = sqs.createQueue(r -> r.queueName("long-poll")).queueUrl();
        CompletableFuture<List<Message>> polling = CompletableFuture.supplyAsync(() ->
                sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20)).messages());

        sqs.sendMessage(r -> r.queueUrl(url).messageBody("ping"));

        await().atMost(Duration.ofSeconds(15)).until(polling::isDone);
        assertEquals("ping", polling.join().get(0).body());
    }

    @Test
    void fifoQueue_keepsGroupOrder_blocksAGroupInFlight_andDropsDuplicates() {
        String url = sqs.createQueue(r -> r.queueName("orders.fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true")))
                .queueUrl();
        var first = sqs.sendMessage(r -> r.queueUrl(url).messageBody("a1").messageGroupId("a"));
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("b1").messageGroupId("b"));
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("a2").messageGroupId("a"));
        var duplicate = sqs.sendMessage(r -> r.queueUrl(url).messageBody("a1").messageGroupId("a"));
        assertEquals(first.messageId(), duplicate.messageId(), "content-based deduplication within 5 minutes");
        assertEquals(first.sequenceNumber(), duplicate.sequenceNumber());
        assertThrows(SqsException.class, () -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("x")));

        Message a1 = sqs.receiveMessage(r -> r.queueUrl(url).messageSystemAttributeNames(
                MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages().get(0);
        assertEquals("a1", a1.body());
        assertEquals("a", a1.attributesAsStrings().get("MessageGroupId"));
        List<Message> next = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
        assertEquals(List.of("b1"), next.stream().map(Message::body).toList(), "group a waits for a1");

        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(a1.receiptHandle()));
        assertEquals(List.of("a2"), sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages()
                .stream().map(Message::body).toList());
        clock.advance(SqsQueue.DEDUPLICATION_WINDOW.plusSeconds(1));
        assertFalse(first.messageId().equals(sqs.sendMessage(r -> r.queueUrl(url).messageBody("a1")
                .messageGroupId("a")).messageId()), "a new message once the window has passed");
    }

    @Test
    void redrivePolicy_movesAMessageToTheDeadLetterQueue_afterMaxReceiveCount() {
        String dlq = sqs.createQueue(r -> r.queueName("work-dlq")).queueUrl();
        String dlqArn = attribute(dlq, "QueueArn");
        String url = sqs.createQueue(r -> r.queueName("work").attributesWithStrings(Map.of("RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"))).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("poison"));

        for (int i = 0; i < 2; i++) {
            assertEquals(1, sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(0)).messages().size());
        }
        assertTrue(sqs.receiveMessage(r -> r.queueUrl(url)).messages().isEmpty());

        Message dead = sqs.receiveMessage(r -> r.queueUrl(dlq).messageSystemAttributeNames(
                MessageSystemAttributeName.ALL)).messages().get(0);
        assertEquals("poison", dead.body());
        assertEquals(List.of(url), sqs.listDeadLetterSourceQueues(r -> r.queueUrl(dlq)).queueUrls());
        assertThrows(SqsException.class, () -> sqs.setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(
                Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:nope\","
                        + "\"maxReceiveCount\":3}"))));
    }

    @Test
    void purgeQueue_emptiesIt_onceAMinute() {
        String url = sqs.createQueue(r -> r.queueName("purged")).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("1"));

        sqs.purgeQueue(r -> r.queueUrl(url));

        assertEquals("0", attribute(url, "ApproximateNumberOfMessages"));
        SqsException again = assertThrows(SqsException.class, () -> sqs.purgeQueue(r -> r.queueUrl(url)));
        assertEquals(403, again.statusCode());
    }

    @Test
    void unknownQueue_isQueueDoesNotExist() {
        assertThrows(QueueDoesNotExistException.class, () -> sqs.sendMessage(r -> r
                .queueUrl(base + "/000000000000/missing").messageBody("x")));
    }

    private String attribute(String url, String name) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings(name)).attributesAsStrings()
                .get(name);
    }
}

package dev.serverlesslab.emulator.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.ExternalClients;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SQS on the wire without the SDK: the query protocol as older clients post it (form parameters, to {@code /} or to
 * the queue's URL, XML answers and query error codes), and the aws CLI v1, which speaks the JSON protocol.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqsWireTests {

    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/"
            + "aws4_request, SignedHeaders=host, Signature=00";

    private EdgeServer edge;
    private String base;

    @BeforeAll
    void start() {
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        edge.start(new ServiceRouter(List.of(new SqsHandler(new SqsBackend(new EmulatorClock())))));
        base = "http://127.0.0.1:" + edge.port();
    }

    @AfterAll
    void stop() {
        edge.close();
    }

    @Test
    void queryProtocol_createsSendsAndReceives_withFlattenedXml() throws Exception {
        HttpResponse<String> created = post("/", "Action=CreateQueue&QueueName=legacy&Attribute.1.Name="
                + "VisibilityTimeout&Attribute.1.Value=40&Version=2012-11-05");
        assertEquals(200, created.statusCode(), created.body());
        assertTrue(created.body().contains("<QueueUrl>" + base + "/000000000000/legacy</QueueUrl>"), created.body());

        HttpResponse<String> sent = post("/000000000000/legacy", "Action=SendMessage&MessageBody=hi"
                + "&MessageAttribute.1.Name=color&MessageAttribute.1.Value.DataType=String"
                + "&MessageAttribute.1.Value.StringValue=blue");
        assertEquals(200, sent.statusCode(), sent.body());
        assertTrue(sent.body().contains("<MD5OfMessageBody>49f68a5c8493ec2c0bf489821c21fc3b</MD5OfMessageBody>"),
                sent.body());

        HttpResponse<String> received = post("/", "Action=ReceiveMessage&QueueUrl=" + base
                + "/000000000000/legacy&AttributeName.1=All&MessageAttributeName.1=All");
        assertTrue(received.body().contains("<Body>hi</Body>"), received.body());
        assertTrue(received.body().contains("<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value>"
                + "</Attribute>"), received.body());
        assertTrue(received.body().contains("<MessageAttribute><Name>color</Name><Value><StringValue>blue"
                + "</StringValue><DataType>String</DataType></Value></MessageAttribute>"), received.body());

        HttpResponse<String> attributes = post("/000000000000/legacy",
                "Action=GetQueueAttributes&AttributeName.1=VisibilityTimeout");
        assertTrue(attributes.body().contains("<Name>VisibilityTimeout</Name><Value>40</Value>"), attributes.body());
    }

    @Test
    void queryProtocol_answersQueryErrorCodes_andNamesUnimplementedActions() throws Exception {
        HttpResponse<String> missing = post("/", "Action=GetQueueUrl&QueueName=nope");
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("<Code>AWS.SimpleQueueService.NonExistentQueue</Code>"), missing.body());

        HttpResponse<String> unknown = post("/", "Action=AddPermission&QueueUrl=x");
        assertTrue(unknown.body().contains("<Code>InvalidAction</Code>"), unknown.body());
        assertTrue(unknown.body().contains("AddPermission"), unknown.body());
    }

    @Test
    void awsCli_createsSendsReceivesAndDeletes() throws Exception {
        assumeTrue(ExternalClients.installed("aws", "--version"), "the aws CLI is not installed on this machine");
        String url = ExternalClients.awsJson(base, "sqs", "create-queue", "--queue-name", "cli-queue")
                .path("QueueUrl").asText();
        assertEquals(base + "/000000000000/cli-queue", url);

        ExternalClients.awsJson(base, "sqs", "send-message", "--queue-url", url, "--message-body", "from the cli",
                "--message-attributes", "{\"n\":{\"DataType\":\"Number\",\"StringValue\":\"7\"}}");
        JsonNode message = ExternalClients.awsJson(base, "sqs", "receive-message", "--queue-url", url,
                "--message-attribute-names", "All").path("Messages").get(0);
        assertEquals("from the cli", message.path("Body").asText());
        assertEquals("7", message.path("MessageAttributes").path("n").path("StringValue").asText());

        ExternalClients.awsJson(base, "sqs", "delete-message", "--queue-url", url, "--receipt-handle",
                message.path("ReceiptHandle").asText());
        ExternalClients.Result gone = ExternalClients.run(ExternalClients.aws(base, "sqs", "get-queue-url",
                "--queue-name", "missing"));
        assertTrue(gone.output().contains("AWS.SimpleQueueService.NonExistentQueue"), gone.output());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}

package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.ApiGatewayV1Echo;
import fixtures.ApiGatewayV2Echo;
import fixtures.DynamodbEcho;
import fixtures.S3Echo;
import fixtures.ScheduledEcho;
import fixtures.SnsEcho;
import fixtures.SqsEcho;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.joda.time.DateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Handlers typed with aws-lambda-java-events, packaged with the events jar in lib/ as a student's build would, get
 * AWS's sample events through aws-lambda-java-serialization in a real child JVM and see their fields.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaEventTypesSdkTests {

    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path workDir;
    private RunningEmulator running;

    @BeforeAll
    void start() {
        running = new RunningEmulator(workDir);
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @Test
    void apiGatewayProxyRequestEvent_seesQueryHeadersAndRequestContext() throws Exception {
        JsonNode response = mapper.readTree(run(ApiGatewayV1Echo.class, """
                {"resource": "/orders/{id}", "path": "/orders/7", "httpMethod": "POST",
                 "headers": {"Accept": "application/json", "Host": "abc123.execute-api.us-east-1.amazonaws.com"},
                 "multiValueHeaders": {"Accept": ["application/json"]},
                 "queryStringParameters": {"name": "ada", "tag": "b"},
                 "multiValueQueryStringParameters": {"name": ["ada"], "tag": ["a", "b"]},
                 "pathParameters": {"id": "7"}, "stageVariables": null,
                 "requestContext": {"accountId": "123456789012", "resourceId": "us4z18", "stage": "test",
                   "requestId": "41b45ea3-70b5-11e6-b7bd-69b5aaebc7d9", "httpMethod": "POST",
                   "identity": {"sourceIp": "192.168.100.1", "userAgent": "curl/7.64.1"},
                   "resourcePath": "/orders/{id}", "apiId": "abc123", "requestTimeEpoch": 1583348638390},
                 "body": "{\\"qty\\":2}", "isBase64Encoded": false}
                """));

        assertEquals(201, response.path("statusCode").asInt());
        assertEquals("yes", response.path("headers").path("X-Seen").asText());
        assertEquals(String.join("\n", "resource=/orders/{id}", "query=ada", "multi=[a, b]",
                "header=application/json", "stage=test", "sourceIp=192.168.100.1", "base64=false",
                "body={\"qty\":2}"), response.path("body").asText());
    }

    @Test
    void apiGatewayV2HttpEvent_seesRawPathCookiesAndHttpContext_andAnswersTheV2Response() throws Exception {
        JsonNode response = mapper.readTree(run(ApiGatewayV2Echo.class, """
                {"version": "2.0", "routeKey": "POST /items/{id}", "rawPath": "/items/42",
                 "rawQueryString": "parameter1=value1&parameter1=value2", "cookies": ["cookie1", "cookie2"],
                 "headers": {"content-type": "application/json"},
                 "queryStringParameters": {"parameter1": "value1,value2"},
                 "requestContext": {"accountId": "123456789012", "apiId": "api-id",
                   "domainName": "id.execute-api.us-east-1.amazonaws.com", "domainPrefix": "id",
                   "http": {"method": "POST", "path": "/items/42", "protocol": "HTTP/1.1",
                     "sourceIp": "192.0.2.1", "userAgent": "agent"},
                   "requestId": "id", "routeKey": "POST /items/{id}", "stage": "$default",
                   "time": "12/Mar/2020:19:03:58 +0000", "timeEpoch": 1583348638390},
                 "body": "Hello from Lambda", "pathParameters": {"id": "42"}, "isBase64Encoded": false,
                 "stageVariables": {"stageVariable1": "value1"}}
                """));

        assertEquals(202, response.path("statusCode").asInt());
        assertEquals("text/plain", response.path("headers").path("Content-Type").asText());
        assertEquals("session=abc", response.path("cookies").path(0).asText());
        assertEquals(false, response.path("isBase64Encoded").asBoolean(true));
        assertEquals(String.join("\n", "routeKey=POST /items/{id}", "rawPath=/items/42",
                "rawQueryString=parameter1=value1&parameter1=value2", "cookies=[cookie1, cookie2]", "method=POST",
                "sourceIp=192.0.2.1", "timeEpoch=1583348638390", "pathParameter=42", "body=Hello from Lambda"),
                response.path("body").asText());
    }

    @Test
    void sqsEvent_seesRecordsBodyAttributesAndEventSource() throws Exception {
        String seen = mapper.readValue(run(SqsEcho.class, """
                {"Records": [{"messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
                  "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a", "body": "test message",
                  "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1545082649183",
                    "SenderId": "AIDAIENQZJOLO23YVJ4VO", "ApproximateFirstReceiveTimestamp": "1545082649185"},
                  "messageAttributes": {"color": {"stringValue": "blue", "stringListValues": [],
                    "binaryListValues": [], "dataType": "String"}},
                  "md5OfBody": "098f6bcd4621d373cade4e832627b4f6", "eventSource": "aws:sqs",
                  "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:my-queue", "awsRegion": "us-east-1"}]}
                """), String.class);

        assertEquals("1 aws:sqs 059f36b4-87a3-44ab-83d2-661975830a7d test message 1 blue "
                + "arn:aws:sqs:us-east-1:123456789012:my-queue", seen);
    }

    @Test
    void snsEvent_seesTheMessageItsAttributesAndTimestamp() throws Exception {
        String seen = mapper.readValue(run(SnsEcho.class, """
                {"Records": [{"EventVersion": "1.0", "EventSource": "aws:sns",
                  "EventSubscriptionArn": "arn:aws:sns:us-east-1:123456789012:sns-lambda:21be56ed",
                  "Sns": {"SignatureVersion": "1", "Timestamp": "2019-01-02T12:45:07.000Z",
                    "Signature": "tcc6faL2yUC6dgZdmrwh1Y4cGa/ebXEkAi6RibDsvpi+tE/1+82j...65r==",
                    "SigningCertUrl": "https://sns.us-east-1.amazonaws.com/SimpleNotificationService.pem",
                    "MessageId": "95df01b4-ee98-5cb9-9903-4c221d41eb5e", "Message": "Hello from SNS!",
                    "MessageAttributes": {"Test": {"Type": "String", "Value": "TestString"}},
                    "Type": "Notification", "UnsubscribeUrl": "https://sns.us-east-1.amazonaws.com/?Action=Unsub",
                    "TopicArn": "arn:aws:sns:us-east-1:123456789012:sns-lambda", "Subject": "TestInvoke"}}]}
                """), String.class);

        assertEquals("aws:sns arn:aws:sns:us-east-1:123456789012:sns-lambda TestInvoke Hello from SNS! TestString "
                + "2019", seen);
    }

    @Test
    void s3Event_seesBucketKeySizeAndEventTime() throws Exception {
        String seen = mapper.readValue(run(S3Echo.class, """
                {"Records": [{"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
                  "eventTime": "2019-09-03T19:37:27.192Z", "eventName": "ObjectCreated:Put",
                  "userIdentity": {"principalId": "AWS:AIDAINPONIXQXHT3IKHL2"},
                  "requestParameters": {"sourceIPAddress": "205.255.255.255"},
                  "responseElements": {"x-amz-request-id": "D82B88E5F771F645",
                    "x-amz-id-2": "vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo="},
                  "s3": {"s3SchemaVersion": "1.0", "configurationId": "828aa6fc-f7b5-4305-8584-487c791949c1",
                    "bucket": {"name": "lambda-artifacts-deafc19498e3f2df",
                      "ownerIdentity": {"principalId": "A3I5XTEXAMAI3E"},
                      "arn": "arn:aws:s3:::lambda-artifacts-deafc19498e3f2df"},
                    "object": {"key": "b21b84d653bb07b05b1e6b33684dc11b", "size": 1305107,
                      "eTag": "b21b84d653bb07b05b1e6b33684dc11b", "sequencer": "0C0F6F405D6ED209E1"}}}]}
                """), String.class);

        assertEquals("aws:s3 ObjectCreated:Put lambda-artifacts-deafc19498e3f2df b21b84d653bb07b05b1e6b33684dc11b "
                + "1305107 2019", seen);
    }

    @Test
    void dynamodbEvent_seesKeysNewImageAttributeValuesAndCreationTime() throws Exception {
        String seen = mapper.readValue(run(DynamodbEcho.class, """
                {"Records": [{"eventID": "1", "eventVersion": "1.0", "eventName": "INSERT",
                  "eventSource": "aws:dynamodb", "awsRegion": "us-east-1",
                  "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/Example/stream/2015-06-27",
                  "dynamodb": {"ApproximateCreationDateTime": 1479499740,
                    "Keys": {"Id": {"N": "101"}},
                    "NewImage": {"Message": {"S": "New item!"}, "Id": {"N": "101"}},
                    "SequenceNumber": "111", "SizeBytes": 26, "StreamViewType": "NEW_AND_OLD_IMAGES"}}]}
                """), String.class);

        assertEquals("aws:dynamodb INSERT 101 New item! NEW_AND_OLD_IMAGES 1479499740000", seen);
    }

    @Test
    void scheduledEvent_seesDetailTypeSourceAndTime() throws Exception {
        String seen = mapper.readValue(run(ScheduledEcho.class, """
                {"version": "0", "account": "123456789012", "region": "us-east-1", "detail": {},
                 "detail-type": "Scheduled Event", "source": "aws.events", "time": "2019-03-01T01:23:45Z",
                 "id": "cdc73f9d-aea9-11e3-9d5a-835b769c0d9c",
                 "resources": ["arn:aws:events:us-east-1:123456789012:rule/my-schedule"]}
                """), String.class);

        assertEquals("Scheduled Event aws.events 123456789012 2019 "
                + "arn:aws:events:us-east-1:123456789012:rule/my-schedule", seen);
    }

    /** Deploys the handler with the events and joda-time jars in lib/, invokes it once, then deletes it. */
    private String run(Class<?> handler, String event) {
        String name = handler.getSimpleName().toLowerCase();
        running.create(name, handler.getName(), FunctionZips.withLibraries(List.of(handler),
                List.of(SQSEvent.class, DateTime.class)), 256, 20, Map.of());
        try {
            InvokeResponse response = running.invoke(name, event);
            assertNull(response.functionError(), () -> response.payload().asUtf8String() + "\n"
                    + new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8));
            return response.payload().asUtf8String();
        } finally {
            running.lambda.deleteFunction(b -> b.functionName(name));
        }
    }
}

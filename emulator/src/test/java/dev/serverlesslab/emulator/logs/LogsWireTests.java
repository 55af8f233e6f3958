package dev.serverlesslab.emulator.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.http.AwsJsonWire;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw awsJson 1.1 requests, checking the exact bytes SDKs other than Java's would parse. */
class LogsWireTests {

    private AwsJsonWire wire;

    @BeforeEach
    void start() {
        wire = new AwsJsonWire(new LogsHandler(new LogsBackend(LogSource.NONE)));
    }

    @AfterEach
    void stop() {
        wire.close();
    }

    @Test
    void deleteLogGroup_ofMissingGroup_answers400WithTypeAndMessage() throws Exception {
        HttpResponse<String> response = post("Logs_20140328.DeleteLogGroup", "{\"logGroupName\":\"missing\"}");

        assertEquals(400, response.statusCode());
        assertEquals("application/x-amz-json-1.1", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().matches("\\{\"__type\":\"ResourceNotFoundException\",\"message\":\"The "
                + "specified log group does not exist: missing[^\"]*\"}"), response.body());
    }

    @Test
    void unknownOperation_answers400NamingIt() throws Exception {
        HttpResponse<String> response = post("Logs_20140328.PutMetricFilter", "{}");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().startsWith("{\"__type\":\"UnknownOperationException\",\"message\":"
                + "\"Serverless Lab's emulator does not implement Logs_20140328.PutMetricFilter;"),
                response.body());
    }

    @Test
    void getLogEvents_answersEpochMillisAndTokens() throws Exception {
        post("Logs_20140328.CreateLogGroup", "{\"logGroupName\":\"g\"}");
        post("Logs_20140328.CreateLogStream", "{\"logGroupName\":\"g\",\"logStreamName\":\"s\"}");
        post("Logs_20140328.PutLogEvents", "{\"logGroupName\":\"g\",\"logStreamName\":\"s\","
                + "\"logEvents\":[{\"timestamp\":1700000000000,\"message\":\"hi\"}]}");

        HttpResponse<String> response = post("Logs_20140328.GetLogEvents",
                "{\"logGroupName\":\"g\",\"logStreamName\":\"s\",\"startFromHead\":true}");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().matches("\\{\"events\":\\[\\{\"timestamp\":1700000000000,\"message\":\"hi\","
                + "\"ingestionTime\":\\d+}],\"nextForwardToken\":\"f/1\",\"nextBackwardToken\":\"b/0\"}"),
                response.body());
    }

    private HttpResponse<String> post(String target, String body) throws Exception {
        return wire.post(target, body);
    }
}

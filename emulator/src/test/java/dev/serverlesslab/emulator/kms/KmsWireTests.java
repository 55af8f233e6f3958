package dev.serverlesslab.emulator.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.http.AwsJsonWire;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw awsJson 1.1 requests, checking the exact bytes SDKs other than Java's would parse. */
class KmsWireTests {

    private AwsJsonWire wire;

    @BeforeEach
    void start() {
        wire = new AwsJsonWire(new KmsHandler(new KmsBackend()));
    }

    @AfterEach
    void stop() {
        wire.close();
    }

    @Test
    void describeKey_ofUnknownKey_answers400WithTypeAndMessage() throws Exception {
        HttpResponse<String> response = post("TrentService.DescribeKey", "{\"KeyId\":\"alias/missing\"}");

        assertEquals(400, response.statusCode());
        assertEquals("application/x-amz-json-1.1", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().matches("\\{\"__type\":\"NotFoundException\",\"message\":\"Alias "
                + "arn:aws:kms:us-east-1:000000000000:alias/missing is not found[^\"]*\"}"), response.body());
    }

    @Test
    void unknownOperation_answers400NamingIt() throws Exception {
        HttpResponse<String> response = post("TrentService.CreateGrant", "{}");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().startsWith("{\"__type\":\"UnknownOperationException\",\"message\":"
                + "\"Serverless Lab's emulator does not implement TrentService.CreateGrant;"), response.body());
    }

    @Test
    void malformedBody_answersSerializationException() throws Exception {
        HttpResponse<String> response = post("TrentService.CreateKey", "{not json");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().startsWith("{\"__type\":\"SerializationException\""), response.body());
    }

    @Test
    void createKey_answersJson11WithEpochSecondsDate() throws Exception {
        HttpResponse<String> response = post("TrentService.CreateKey", "{\"Description\":\"d\"}");

        assertEquals(200, response.statusCode());
        assertEquals("application/x-amz-json-1.1", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().matches(".*\"CreationDate\":\\d+(\\.\\d+)?[,}].*"), response.body());
    }

    private HttpResponse<String> post(String target, String body) throws Exception {
        return wire.post(target, body);
    }
}

package dev.serverlesslab.emulator.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.http.AwsJsonWire;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.kms.KmsBackend;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw awsJson 1.1 requests, checking the exact bytes SDKs other than Java's would parse. */
class SsmWireTests {

    private AwsJsonWire wire;

    @BeforeEach
    void start() {
        wire = new AwsJsonWire(new SsmHandler(new SsmBackend(new KmsBackend())));
    }

    @AfterEach
    void stop() {
        wire.close();
    }

    @Test
    void getParameter_ofMissingName_answers400WithTypeAndMessage() throws Exception {
        HttpResponse<String> response = post("AmazonSSM.GetParameter", "{\"Name\":\"/missing\"}");

        assertEquals(400, response.statusCode());
        assertEquals("application/x-amz-json-1.1", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().matches("\\{\"__type\":\"ParameterNotFound\",\"message\":\"Parameter /missing "
                + "not found[^\"]*\"}"), response.body());
    }

    @Test
    void putParameter_answersVersionAndTier() throws Exception {
        HttpResponse<String> response = post("AmazonSSM.PutParameter",
                "{\"Name\":\"/w\",\"Value\":\"v\",\"Type\":\"String\"}");

        assertEquals(200, response.statusCode());
        // Field order is not part of the wire contract: compare the JSON, not the text.
        assertEquals(new ObjectMapper().readTree("{\"Version\":1,\"Tier\":\"Standard\"}"),
                new ObjectMapper().readTree(response.body()));
    }

    @Test
    void getParameter_answersEpochSecondsDateAndNoSelectorWhenNoneWasGiven() throws Exception {
        post("AmazonSSM.PutParameter", "{\"Name\":\"/w\",\"Value\":\"v\",\"Type\":\"String\"}");

        HttpResponse<String> response = post("AmazonSSM.GetParameter", "{\"Name\":\"/w\"}");

        assertTrue(response.body().matches(".*\"LastModifiedDate\":\\d+(\\.\\d+)?[,}].*"), response.body());
        assertFalse(response.body().contains("Selector"), response.body());
    }

    private HttpResponse<String> post(String target, String body) throws Exception {
        return wire.post(target, body);
    }
}

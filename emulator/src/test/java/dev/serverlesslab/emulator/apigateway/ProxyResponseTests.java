package dev.serverlesslab.emulator.apigateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.http.AwsResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How a function's proxy answer becomes the HTTP answer, and which answers API Gateway calls malformed. */
class ProxyResponseTests {

    private final ProxyResponse responses = new ProxyResponse();

    @Test
    void map_takesStatusHeadersAndBody() {
        AwsResponse response = map("{\"statusCode\":201,\"headers\":{\"Content-Type\":\"text/plain\",\"X-A\":1},"
                + "\"body\":\"made\"}");

        assertEquals(201, response.status());
        assertEquals("text/plain", response.header("Content-Type"));
        assertEquals("1", response.header("X-A"));
        assertEquals("made", new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void map_multiValueHeadersReplaceSingleValuesOfTheSameName() {
        AwsResponse response = map("{\"statusCode\":200,\"headers\":{\"Set-Cookie\":\"x=0\"},"
                + "\"multiValueHeaders\":{\"set-cookie\":[\"a=1\",\"b=2\"]}}");

        assertEquals("a=1\nb=2", response.header("Set-Cookie"));
    }

    @Test
    void map_withoutContentTypeOrBody_answersEmptyJson() {
        AwsResponse response = map("{\"statusCode\":204}");

        assertEquals("application/json", response.header("Content-Type"));
        assertEquals(0, response.body().length);
    }

    @Test
    void map_base64Body_isDecoded() {
        AwsResponse response = map("{\"statusCode\":\"200\",\"isBase64Encoded\":true,\"body\":\"AAEC/w==\"}");

        assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, response.body());
    }

    @Test
    void map_base64Body_staysTextWhenTheCallerDoesNotAcceptABinaryType() {
        AwsResponse response = responses.map("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"AAEC/w==\"}"
                .getBytes(StandardCharsets.UTF_8), false).orElseThrow();

        assertArrayEquals("AAEC/w==".getBytes(StandardCharsets.UTF_8), response.body());
    }

    @Test
    void map_malformedAnswers_areEmpty() {
        for (String malformed : new String[] {"not json", "\"a string\"", "{\"body\":\"no status\"}",
                "{\"statusCode\":\"OK\"}", "{\"statusCode\":700}", "{\"statusCode\":200,\"body\":{\"a\":1}}",
                "{\"statusCode\":200,\"headers\":[1]}", "{\"statusCode\":200,\"isBase64Encoded\":true,"
                        + "\"body\":\"!!\"}"}) {
            assertTrue(responses.map(malformed.getBytes(StandardCharsets.UTF_8), true).isEmpty(), malformed);
        }
    }

    private AwsResponse map(String payload) {
        return responses.map(payload.getBytes(StandardCharsets.UTF_8), true).orElseThrow();
    }
}

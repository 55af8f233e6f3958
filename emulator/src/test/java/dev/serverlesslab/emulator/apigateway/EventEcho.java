package dev.serverlesslab.emulator.apigateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test function behind API Gateway: answers with the exact proxy event it received as the body, or misbehaves
 * when the path asks it to ({@code /fail}, {@code /malformed}, {@code /slow}), or answers base64 bytes ({@code /binary}).
 */
public class EventEcho implements RequestStreamHandler {

    private static final Pattern PATH = Pattern.compile("\"path\":\"([^\"]*)\"");

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        Matcher path = PATH.matcher(event);
        String requested = path.find() ? path.group(1) : "";
        if (requested.endsWith("/fail")) {
            throw new IllegalStateException("the handler failed on purpose");
        }
        if (requested.endsWith("/malformed")) {
            output.write("this is not a proxy response".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (requested.endsWith("/binary")) {
            // Bytes 0 1 2 255 as a proxy answer must: base64 text with isBase64Encoded.
            output.write(("{\"statusCode\":200,\"headers\":{\"Content-Type\":\"image/png\"},"
                    + "\"body\":\"AAEC/w==\",\"isBase64Encoded\":true}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (requested.endsWith("/slow")) {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String response = "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\",\"X-Echo\":\"yes\"},"
                + "\"multiValueHeaders\":{\"Set-Cookie\":[\"a=1\",\"b=2\"]},\"body\":" + quote(event)
                + ",\"isBase64Encoded\":false}";
        output.write(response.getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}

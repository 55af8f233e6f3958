package dev.serverlesslab.emulator.apigatewayv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.http.AwsResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what a Lambda proxy integration returned into the HTTP response, by the rules of its payload format.
 */
public final class ProxyResponses {

    private static final String JSON = "application/json";

    private final ObjectMapper json;

    public ProxyResponses(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Payload 2.0: an object with {@code statusCode} is read as a response (headers, cookies, body, base64); any
     * other JSON value (a string, a number, an object without statusCode) is the body of a 200 JSON response.
     * Empty when the payload is not JSON at all.
     */
    public Optional<AwsResponse> v2(byte[] payload) {
        Optional<JsonNode> parsed = parse(payload);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        JsonNode node = parsed.get();
        if (!node.isObject() || !node.has("statusCode")) {
            return Optional.of(AwsResponse.json(200, payload));
        }
        return structured(node, false);
    }

    /** Payload 1.0: the object must carry {@code statusCode}; anything else is a malformed response (empty). */
    Optional<AwsResponse> v1(byte[] payload) {
        Optional<JsonNode> parsed = parse(payload);
        if (parsed.isEmpty() || !parsed.get().isObject() || !parsed.get().has("statusCode")) {
            return Optional.empty();
        }
        return structured(parsed.get(), true);
    }

    private Optional<AwsResponse> structured(JsonNode node, boolean multiValueHeaders) {
        JsonNode status = node.get("statusCode");
        if (!status.canConvertToInt() || status.asInt() < 100 || status.asInt() > 599) {
            return Optional.empty();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        node.path("headers").fields().forEachRemaining(entry ->
                headers.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(entry.getValue().asText()));
        if (multiValueHeaders) {
            node.path("multiValueHeaders").fields().forEachRemaining(entry -> entry.getValue().forEach(value ->
                    headers.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(value.asText())));
        }
        List<String> cookies = new ArrayList<>();
        node.path("cookies").forEach(cookie -> cookies.add(cookie.asText()));
        boolean base64 = node.path("isBase64Encoded").asBoolean(node.path("base64Encoded").asBoolean(false));
        byte[] body = body(node.get("body"), base64);
        AwsResponse response = new AwsResponse(status.asInt(), Map.of(), body);
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            response = response.withHeaderValues(header.getKey(), header.getValue());
        }
        if (!cookies.isEmpty()) {
            response = response.withHeaderValues("Set-Cookie", cookies);
        }
        if (response.header("Content-Type") == null && body.length > 0) {
            response = response.withHeader("Content-Type", JSON);
        }
        return Optional.of(response);
    }

    private byte[] body(JsonNode body, boolean base64) {
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        if (!body.isTextual()) {
            // Not a string: sent as the JSON it is, rather than refused.
            return body.toString().getBytes(StandardCharsets.UTF_8);
        }
        return base64 ? Base64.getMimeDecoder().decode(body.asText()) : body.asText().getBytes(StandardCharsets.UTF_8);
    }

    private Optional<JsonNode> parse(byte[] payload) {
        try {
            JsonNode node = json.readTree(payload);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (IOException e) {
            // Not JSON: the caller treats it as a response it cannot read.
            return Optional.empty();
        }
    }
}

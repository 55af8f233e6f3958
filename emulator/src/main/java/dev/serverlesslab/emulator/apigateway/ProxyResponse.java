package dev.serverlesslab.emulator.apigateway;

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
 * Reads a function's proxy response ({@code statusCode}, {@code headers}, {@code multiValueHeaders}, {@code body},
 * {@code isBase64Encoded}) into the HTTP answer, or finds it malformed, which API Gateway answers with 502.
 */
final class ProxyResponse {

    private final ObjectMapper json = new ObjectMapper();

    /**
     * The HTTP answer the payload describes, or empty when API Gateway would call it malformed.
     *
     * @param decodeBase64 whether a body marked {@code isBase64Encoded} is turned back into bytes: API Gateway does
     *     so only when the caller's first {@code Accept} type is one of the API's binary media types, and otherwise
     *     sends the base64 text as it is
     */
    Optional<AwsResponse> map(byte[] payload, boolean decodeBase64) {
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        Optional<Integer> status = statusCode(root.get("statusCode"));
        if (status.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (!readHeaders(root.get("headers"), false, headers) || !readHeaders(root.get("multiValueHeaders"), true,
                headers)) {
            return Optional.empty();
        }
        JsonNode body = root.get("body");
        if (body != null && !body.isNull() && !body.isTextual()) {
            return Optional.empty();
        }
        JsonNode base64 = root.get("isBase64Encoded");
        boolean encoded = decodeBase64 && base64 != null && (base64.asBoolean() || "true".equals(base64.asText()));
        byte[] bytes;
        String text = body == null || body.isNull() ? "" : body.asText();
        try {
            bytes = encoded ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        AwsResponse response = new AwsResponse(status.get(), Map.of(), bytes);
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            response = response.withHeaderValues(header.getKey(), header.getValue());
        }
        if (response.header("Content-Type") == null) {
            // What API Gateway sends when the function names no type.
            response = response.withHeader("Content-Type", "application/json");
        }
        return Optional.of(response);
    }

    /** A whole number from 100 to 599; API Gateway also accepts it written as a string. */
    private static Optional<Integer> statusCode(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        Integer code = null;
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            code = node.intValue();
        } else if (node.isTextual() && node.asText().matches("\\d{3}")) {
            code = Integer.parseInt(node.asText());
        }
        return code != null && code >= 100 && code <= 599 ? Optional.of(code) : Optional.empty();
    }

    /**
     * Adds one headers member to the result. Values from {@code multiValueHeaders} replace those from
     * {@code headers} for the same name, as AWS documents for responses naming a header in both.
     */
    private static boolean readHeaders(JsonNode node, boolean multi, Map<String, List<String>> into) {
        if (node == null || node.isNull()) {
            return true;
        }
        if (!node.isObject()) {
            return false;
        }
        Map<String, List<String>> read = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            List<String> values = new ArrayList<>();
            if (multi && field.getValue().isArray()) {
                for (JsonNode item : field.getValue()) {
                    if (!item.isValueNode()) {
                        return false;
                    }
                    values.add(item.asText());
                }
            } else if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                values.add(field.getValue().asText());
            } else if (!field.getValue().isNull()) {
                return false;
            }
            if (!values.isEmpty()) {
                read.put(field.getKey(), values);
            }
        }
        read.forEach((name, values) -> {
            into.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            into.put(name, values);
        });
        return true;
    }
}

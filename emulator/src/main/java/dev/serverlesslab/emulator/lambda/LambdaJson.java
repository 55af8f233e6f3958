package dev.serverlesslab.emulator.lambda;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.serverlesslab.emulator.http.AwsResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lambda's JSON: members in UpperCamelCase, null members left out, unknown members ignored as AWS ignores them.
 */
final class LambdaJson {

    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    ObjectMapper mapper() {
        return mapper;
    }

    <T> T read(byte[] body, Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw LambdaErrors.invalidRequestContent("Could not parse request body into json: " + firstLine(
                    e.getMessage()));
        }
    }

    AwsResponse ok(int status, Object body) {
        try {
            return AwsResponse.json(status, mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Lambda's response model failed to serialize", e);
        }
    }

    /** Plain JSON, member names as given. */
    byte[] raw(Object body) {
        try {
            return new ObjectMapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An error body failed to serialize", e);
        }
    }

    /** A list operation's answer: the page's items under {@code member}, then NextMarker when there is more. */
    static Map<String, Object> page(String member, ListPage<?> page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(member, page.items());
        if (page.nextMarker() != null) {
            body.put("NextMarker", page.nextMarker());
        }
        return body;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

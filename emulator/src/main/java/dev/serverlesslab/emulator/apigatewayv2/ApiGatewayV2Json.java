package dev.serverlesslab.emulator.apigatewayv2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.serverlesslab.emulator.http.AwsException;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.JsonRequest;
import dev.serverlesslab.emulator.http.RestCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * API Gateway v2's REST-JSON bodies: lowerCamel members as the model's {@code locationName}s spell them, ISO-8601
 * dates, and errors as {@code {"message": "..."}} with the code in {@code X-Amzn-ErrorType}.
 */
final class ApiGatewayV2Json {

    private final ObjectMapper json = JsonMapper.builder()
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .addModule(new SimpleModule().addSerializer(Instant.class, new JsonSerializer<>() {
                @Override
                public void serialize(Instant value, JsonGenerator out, SerializerProvider provider)
                        throws IOException {
                    out.writeString(value.toString());
                }
            }))
            .build();

    /** The request body; an empty one reads as {@code {}}. */
    Body body(RestCall call) {
        byte[] bytes = call.body();
        if (bytes.length == 0) {
            return new Body(JsonNodeFactory.instance.objectNode());
        }
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ApiGatewayV2Errors.badRequest("The request body must be a JSON object");
            }
            return new Body(node);
        } catch (JsonProcessingException e) {
            throw ApiGatewayV2Errors.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read a request body held in memory", e);
        }
    }

    AwsResponse ok(int status, Object body) {
        try {
            return AwsResponse.json(status, json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("Could not write a response body as JSON", e);
        }
    }

    /** The error as API Gateway writes it; a member of the wrong type is a BadRequestException there. */
    AwsResponse error(AwsException error) {
        String code = "SerializationException".equals(error.code()) ? "BadRequestException" : error.code();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("message", error.getMessage());
        return ok(error.httpStatus(), body).withHeader("X-Amzn-ErrorType", code);
    }

    /** Typed reads of a request body; a value of the wrong shape fails naming the member. */
    static final class Body extends JsonRequest {

        Body(JsonNode body) {
            super(body);
        }
    }
}

package dev.serverlesslab.emulator.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.serverlesslab.emulator.core.AwsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The request side of the awsJson 1.0/1.1 protocols (KMS, SSM, DynamoDB): the operation named by
 * {@code X-Amz-Target}, the JSON body, and a 200 answer in the protocol's content type.
 */
public final class AwsJson {

    private final Protocol protocol;
    private final String targetPrefix;
    private final ObjectMapper json = JsonMapper.builder()
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    /**
     * @param protocol {@link Protocol#AWS_JSON_1_0} or {@link Protocol#AWS_JSON_1_1}
     * @param targetPrefix the part of {@code X-Amz-Target} before the dot, e.g. {@code TrentService}
     */
    public AwsJson(Protocol protocol, String targetPrefix) {
        this.protocol = protocol;
        this.targetPrefix = targetPrefix;
    }

    /** The operation name after the dot of {@code X-Amz-Target}, e.g. {@code CreateKey}. */
    public String operation(AwsRequest request) {
        String target = request.header("X-Amz-Target");
        if (!"POST".equals(request.method()) || target == null || !target.startsWith(targetPrefix + ".")) {
            // AWS answers a request without a usable target this way; the SDKs never send one.
            throw new AwsException("UnknownOperationException", "Expected a POST with header X-Amz-Target: "
                    + targetPrefix + ".<Operation>, got " + request.describe() + " with X-Amz-Target "
                    + (target == null ? "missing" : target), 400);
        }
        return target.substring(targetPrefix.length() + 1);
    }

    /** The JSON body as a tree; an empty body reads as {@code {}}. */
    public JsonNode body(AwsRequest request) {
        if (request.body().length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = json.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw new AwsException("SerializationException",
                        "The request body must be a JSON object, e.g. {\"KeyId\":\"...\"}", 400);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new AwsException("SerializationException", "The request body is not valid JSON: "
                    + e.getOriginalMessage() + "; send a JSON object in the body", 400);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read a request body held in memory", e);
        }
    }

    /** A 200 answer with the body serialized as JSON; null members are left out, byte arrays become base64. */
    public AwsResponse ok(Map<String, ?> body) {
        try {
            return new AwsResponse(200, Map.of("Content-Type", protocol.contentType()), json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("Could not write a response body as JSON", e);
        }
    }
}

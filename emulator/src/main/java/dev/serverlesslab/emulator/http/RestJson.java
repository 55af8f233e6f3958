package dev.serverlesslab.emulator.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.serverlesslab.emulator.core.AwsException;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Function;

/**
 * The one REST-JSON codec of the REST services (Lambda, API Gateway v1 and v2): members named as the service's model
 * names them (UpperCamelCase for Lambda's records, as given for API Gateway's maps), null members left out, unknown
 * members ignored as AWS ignores them, timestamps as ISO 8601. What a service adds is only its own error for a body
 * it cannot read.
 */
public final class RestJson {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final ObjectMapper mapper;
    private final Function<String, AwsException> badBody;

    private RestJson(ObjectMapper mapper, Function<String, AwsException> badBody) {
        this.mapper = mapper;
        this.badBody = badBody;
    }

    /**
     * Record components written and read in UpperCamelCase ({@code functionName} as {@code FunctionName}).
     *
     * @param badBody the service's error for a body that is not the JSON it expects, given what went wrong
     */
    public static RestJson upperCamelCase(Function<String, AwsException> badBody) {
        return new RestJson(builder().propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE).build(),
                badBody);
    }

    /** Members named as the Java side names them (maps as built, the model's lowerCamel {@code locationName}s). */
    public static RestJson asNamed(Function<String, AwsException> badBody) {
        return new RestJson(builder().build(), badBody);
    }

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .defaultPropertyInclusion(
                        JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(new SimpleModule().addSerializer(Instant.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(Instant value, JsonGenerator out, SerializerProvider provider)
                            throws IOException {
                        out.writeString(value.toString());
                    }
                }));
    }

    /** The mapper, for streaming checks of a payload. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** The body bound to {@code type}; a body that does not bind answers the service's error. */
    public <T> T read(byte[] body, Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw badBody.apply(firstLine(e.getMessage()));
        }
    }

    /** The body as a JSON object for typed member reads; an empty body reads as {@code {}}. */
    public JsonRequest object(byte[] body) {
        if (body.length == 0) {
            return new JsonRequest(JsonNodeFactory.instance.objectNode());
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw badBody.apply("the body is not valid JSON (" + firstLine(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw badBody.apply("the body could not be read (" + firstLine(e.getMessage()) + ")");
        }
        if (node == null || !node.isObject()) {
            throw badBody.apply("the body must be a JSON object");
        }
        return new JsonRequest(node);
    }

    /** A JSON answer with this codec's naming. */
    public AwsResponse ok(int status, Object body) {
        try {
            return AwsResponse.json(status, mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A response model failed to serialize", e);
        }
    }

    /** Plain JSON with member names exactly as given (policy documents embedded as strings). */
    public static byte[] raw(Object body) {
        try {
            return PLAIN.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON document failed to serialize", e);
        }
    }

    /** The first line of a parser's message, which goes on to quote the whole input. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

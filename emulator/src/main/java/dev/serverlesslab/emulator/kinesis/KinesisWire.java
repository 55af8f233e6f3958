package dev.serverlesslab.emulator.kinesis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Kinesis's two encodings of the awsJson 1.1 protocol: JSON (the aws CLI, boto3, the SDK v2 with
 * {@code aws.cborEnabled=false}) and CBOR ({@code application/x-amz-cbor-1.1}, the SDK v2's default). A response and
 * an error go back in the encoding the request came in. The encodings differ in two shapes: blobs are base64 text in
 * JSON and byte strings in CBOR; timestamps are epoch seconds in JSON and, as the SDKs write and read them, epoch
 * milliseconds under CBOR tag 1.
 */
final class KinesisWire {

    static final String CBOR_CONTENT_TYPE = "application/x-amz-cbor-1.1";
    /** CBOR's tag for an epoch-based date/time (RFC 8949, section 3.4.2). */
    private static final int EPOCH_TAG = 1;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper CBOR = new CBORMapper();
    private static final JsonFactory JSON_FACTORY = JSON.getFactory();
    private static final CBORFactory CBOR_FACTORY = new CBORFactory();

    /** How one request's body is encoded, and so its answer. */
    enum Encoding {
        JSON,
        CBOR;

        static Encoding of(AwsRequest request) {
            String type = request.header("Content-Type");
            return type != null && type.toLowerCase().startsWith(CBOR_CONTENT_TYPE) ? CBOR : JSON;
        }
    }

    private KinesisWire() {
    }

    /** The body as a tree; an empty body reads as {@code {}}. */
    static JsonNode body(AwsRequest request, Encoding encoding) {
        if (request.body().length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node;
        try {
            node = (encoding == Encoding.CBOR ? CBOR : JSON).readTree(request.body());
        } catch (IOException e) {
            throw new AwsException("SerializationException", "The request body is not valid "
                    + (encoding == Encoding.CBOR ? "CBOR" : "JSON") + ": " + e.getMessage().lines().findFirst()
                    .orElse(""), 400);
        }
        if (node == null || !node.isObject()) {
            throw new AwsException("SerializationException", "The request body must be an object", 400);
        }
        return node;
    }

    /** A 200 answer; null members are left out. */
    static AwsResponse ok(Encoding encoding, Map<String, ?> body) {
        String type = encoding == Encoding.CBOR ? CBOR_CONTENT_TYPE : Protocol.AWS_JSON_1_1.contentType();
        return new AwsResponse(200, Map.of("Content-Type", type), write(encoding, body));
    }

    /** An error as the SDKs read it: the code in {@code __type} and {@code X-Amzn-ErrorType}, the message beside it. */
    static AwsResponse error(Encoding encoding, AwsException error) {
        if (encoding == Encoding.JSON) {
            return Protocol.AWS_JSON_1_1.error(error);
        }
        byte[] body = write(encoding, Map.of("__type", error.code(),
                "message", error.getMessage() == null ? "" : error.getMessage()));
        return new AwsResponse(error.httpStatus(), Map.of("Content-Type", CBOR_CONTENT_TYPE,
                "X-Amzn-ErrorType", error.code()), body);
    }

    private static byte[] write(Encoding encoding, Map<String, ?> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = encoding == Encoding.CBOR ? CBOR_FACTORY.createGenerator(out)
                : JSON_FACTORY.createGenerator(out)) {
            value(generator, body);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a Kinesis response", e);
        }
        return out.toByteArray();
    }

    private static void value(JsonGenerator out, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getValue() != null) {
                    out.writeFieldName(entry.getKey().toString());
                    value(out, entry.getValue());
                }
            }
            out.writeEndObject();
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object item : list) {
                value(out, item);
            }
            out.writeEndArray();
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Boolean flag) {
            out.writeBoolean(flag);
        } else if (value instanceof Integer number) {
            out.writeNumber(number);
        } else if (value instanceof Long number) {
            out.writeNumber(number);
        } else if (value instanceof byte[] bytes) {
            // Base64 text in JSON, a byte string in CBOR: Jackson's generators each write their format's blob.
            out.writeBinary(bytes);
        } else if (value instanceof Instant time) {
            if (out instanceof CBORGenerator cbor) {
                cbor.writeTag(EPOCH_TAG);
                cbor.writeNumber(time.toEpochMilli());
            } else {
                out.writeNumber(BigDecimal.valueOf(time.toEpochMilli(), 3));
            }
        } else {
            throw new IllegalArgumentException("No Kinesis wire shape for " + value.getClass().getName());
        }
    }

    /** The JSON mapper, for building Lambda events in this package. */
    static ObjectMapper json() {
        return JSON;
    }

    /** Reads a timestamp member: epoch milliseconds in CBOR, epoch seconds (with a fraction) in JSON. */
    static Instant timestamp(JsonNode node, Encoding encoding) {
        if (node.isNumber()) {
            if (encoding == Encoding.CBOR && node.isIntegralNumber()) {
                return Instant.ofEpochMilli(node.longValue());
            }
            // Rounded: clients send seconds as binary floating point (boto3's 1733390000.123 is 1733390000.12299...).
            return Instant.ofEpochMilli(node.decimalValue().movePointRight(3).setScale(0, RoundingMode.HALF_UP)
                    .longValue());
        }
        if (node.isTextual()) {
            try {
                return Instant.parse(node.asText());
            } catch (RuntimeException e) {
                // Reported below.
            }
        }
        throw new AwsException("SerializationException", "A timestamp must be epoch seconds, e.g. 1700000000.5", 400);
    }
}

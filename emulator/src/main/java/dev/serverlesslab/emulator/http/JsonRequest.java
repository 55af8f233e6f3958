package dev.serverlesslab.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.core.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of an awsJson request body, shared by the services: an absent or null field reads as absent, and a
 * value of the wrong shape fails with {@code SerializationException} naming the field, as AWS answers.
 * Services extend it with their own structures (tag lists, filters, blobs).
 */
public class JsonRequest {

    private final JsonNode body;

    public JsonRequest(JsonNode body) {
        this.body = body;
    }

    /** The body as parsed, for service-specific shapes. */
    public JsonNode node() {
        return body;
    }

    public boolean has(String field) {
        return body.hasNonNull(field);
    }

    public String text(String field) {
        JsonNode node = present(field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(field, "a string");
        }
        return node.asText();
    }

    /** A whole number, or null when absent. */
    public Long whole(String field) {
        JsonNode node = present(field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(field, "a whole number");
        }
        return node.longValue();
    }

    /** A whole number that fits an int, or null when absent. */
    public Integer wholeInt(String field) {
        JsonNode node = present(field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType(field, "a whole number");
        }
        return node.intValue();
    }

    /** true or false, or {@code absent} when the field is not there. */
    public boolean bool(String field, boolean absent) {
        JsonNode node = present(field);
        if (node == null) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw wrongType(field, "true or false");
        }
        return node.booleanValue();
    }

    /** A list of strings; empty when absent. */
    public List<String> texts(String field) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : array(field, "a list of strings")) {
            if (!item.isTextual()) {
                throw wrongType(field, "a list of strings");
            }
            texts.add(item.asText());
        }
        return texts;
    }

    /** A list of objects; empty when absent. {@code expected} describes the shape for the error message. */
    public List<JsonNode> objects(String field, String expected) {
        List<JsonNode> items = array(field, expected);
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw wrongType(field, expected);
            }
        }
        return items;
    }

    /** An object of string values (e.g. KMS's EncryptionContext); empty when absent. */
    public Map<String, String> stringMap(String field) {
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode node = present(field);
        if (node == null) {
            return map;
        }
        if (!node.isObject()) {
            throw wrongType(field, "an object of string values");
        }
        node.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual()) {
                throw wrongType(field + "." + entry.getKey(), "a string");
            }
            map.put(entry.getKey(), entry.getValue().asText());
        });
        return map;
    }

    /** The error AWS gives for a value of the wrong shape. */
    public static AwsException wrongType(String field, String expected) {
        return new AwsException("SerializationException", field + " must be " + expected, 400);
    }

    private List<JsonNode> array(String field, String expected) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode node = present(field);
        if (node == null) {
            return items;
        }
        if (!node.isArray()) {
            throw wrongType(field, expected);
        }
        node.forEach(items::add);
        return items;
    }

    private JsonNode present(String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node;
    }
}

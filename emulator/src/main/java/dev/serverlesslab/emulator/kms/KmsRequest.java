package dev.serverlesslab.emulator.kms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.http.AwsException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of one KMS request body, failing with the field's name when a value has the wrong shape. */
final class KmsRequest {

    private final JsonNode body;

    KmsRequest(JsonNode body) {
        this.body = body;
    }

    boolean has(String field) {
        return body.hasNonNull(field);
    }

    String text(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(field, "a string");
        }
        return node.asText();
    }

    int number(String field, int absent) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw wrongType(field, "a whole number");
        }
        return node.intValue();
    }

    /** A blob field: base64 on the wire, as awsJson sends every blob. */
    byte[] blob(String field) {
        String text = text(field);
        if (text == null) {
            throw KmsErrors.validation(field + " is required");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw wrongType(field, "base64 text");
        }
    }

    Map<String, String> context(String field) {
        JsonNode node = body.get(field);
        Map<String, String> context = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return context;
        }
        if (!node.isObject()) {
            throw wrongType(field, "an object of string values");
        }
        node.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual()) {
                throw wrongType(field + "." + entry.getKey(), "a string");
            }
            context.put(entry.getKey(), entry.getValue().asText());
        });
        return context;
    }

    /** A TagList: {@code [{"TagKey":"k","TagValue":"v"}]}. */
    Map<String, String> tags(String field) {
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return tags;
        }
        if (!node.isArray()) {
            throw wrongType(field, "a list of {\"TagKey\":...,\"TagValue\":...}");
        }
        for (JsonNode tag : node) {
            JsonNode key = tag.get("TagKey");
            JsonNode value = tag.get("TagValue");
            if (key == null || !key.isTextual() || value == null || !value.isTextual()) {
                throw wrongType(field, "a list of {\"TagKey\":...,\"TagValue\":...} with string values");
            }
            tags.put(key.asText(), value.asText());
        }
        return tags;
    }

    List<String> texts(String field) {
        List<String> texts = new ArrayList<>();
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return texts;
        }
        if (!node.isArray()) {
            throw wrongType(field, "a list of strings");
        }
        node.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static AwsException wrongType(String field, String expected) {
        return new AwsException("SerializationException", field + " must be " + expected, 400);
    }
}

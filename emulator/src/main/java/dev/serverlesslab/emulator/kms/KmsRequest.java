package dev.serverlesslab.emulator.kms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.http.JsonRequest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Typed reads of one KMS request body, failing with the field's name when a value has the wrong shape. */
final class KmsRequest extends JsonRequest {

    KmsRequest(JsonNode body) {
        super(body);
    }

    int number(String field, int absent) {
        Integer value = wholeInt(field);
        return value == null ? absent : value;
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
        return stringMap(field);
    }

    /** A TagList: {@code [{"TagKey":"k","TagValue":"v"}]}. */
    Map<String, String> tags(String field) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : objects(field, "a list of {\"TagKey\":...,\"TagValue\":...}")) {
            JsonNode key = tag.get("TagKey");
            JsonNode value = tag.get("TagValue");
            if (key == null || !key.isTextual() || value == null || !value.isTextual()) {
                throw wrongType(field, "a list of {\"TagKey\":...,\"TagValue\":...} with string values");
            }
            tags.put(key.asText(), value.asText());
        }
        return tags;
    }
}

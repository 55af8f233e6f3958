package dev.serverlesslab.emulator.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.http.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of one SSM request body, failing with the field's name when a value has the wrong shape. */
final class SsmRequest {

    private final JsonNode body;

    SsmRequest(JsonNode body) {
        this.body = body;
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

    boolean flag(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw wrongType(field, "true or false");
        }
        return node.booleanValue();
    }

    Integer number(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType(field, "a whole number");
        }
        return node.intValue();
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
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw wrongType(field, "a list of strings");
            }
            texts.add(item.asText());
        }
        return texts;
    }

    /** A TagList: {@code [{"Key":"k","Value":"v"}]}. */
    Map<String, String> tags(String field) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : list(field, "a list of {\"Key\":...,\"Value\":...}")) {
            JsonNode key = tag.get("Key");
            JsonNode value = tag.get("Value");
            if (key == null || !key.isTextual() || value == null || !value.isTextual()) {
                throw wrongType(field, "a list of {\"Key\":...,\"Value\":...} with string values");
            }
            tags.put(key.asText(), value.asText());
        }
        return tags;
    }

    /** A ParameterStringFilterList: {@code [{"Key":"Type","Option":"Equals","Values":["String"]}]}. */
    List<ParameterFilter> filters(String field) {
        List<ParameterFilter> filters = new ArrayList<>();
        for (JsonNode filter : list(field, "a list of {\"Key\":...,\"Values\":[...]}")) {
            SsmRequest entry = new SsmRequest(filter);
            filters.add(new ParameterFilter(entry.text("Key"), entry.text("Option"), entry.texts("Values")));
        }
        return filters;
    }

    private List<JsonNode> list(String field, String expected) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return items;
        }
        if (!node.isArray()) {
            throw wrongType(field, expected);
        }
        node.forEach(item -> {
            if (!item.isObject()) {
                throw wrongType(field, expected);
            }
            items.add(item);
        });
        return items;
    }

    private static AwsException wrongType(String field, String expected) {
        return new AwsException("SerializationException", field + " must be " + expected, 400);
    }
}

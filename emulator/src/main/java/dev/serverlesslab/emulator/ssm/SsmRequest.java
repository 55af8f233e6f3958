package dev.serverlesslab.emulator.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.http.JsonRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of one SSM request body, failing with the field's name when a value has the wrong shape. */
final class SsmRequest extends JsonRequest {

    SsmRequest(JsonNode body) {
        super(body);
    }

    boolean flag(String field) {
        return bool(field, false);
    }

    Integer number(String field) {
        return wholeInt(field);
    }

    /** A TagList: {@code [{"Key":"k","Value":"v"}]}. */
    Map<String, String> tags(String field) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : objects(field, "a list of {\"Key\":...,\"Value\":...}")) {
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
        for (JsonNode filter : objects(field, "a list of {\"Key\":...,\"Values\":[...]}")) {
            SsmRequest entry = new SsmRequest(filter);
            filters.add(new ParameterFilter(entry.text("Key"), entry.text("Option"), entry.texts("Values")));
        }
        return filters;
    }
}

package dev.serverlesslab.emulator.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * ASL payload templates (Parameters, ResultSelector, ItemSelector): JSON copied as written, except that a field
 * whose name ends in {@code .$} takes its value from a path into the input or context object, or from an intrinsic
 * function, and loses the suffix.
 */
public final class PayloadTemplate {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PayloadTemplate() {
    }

    /** Adds a problem for each {@code .$} field whose value is no path or intrinsic call; {@code at} locates it. */
    public static void check(JsonNode template, String at, List<String> problems) {
        if (template.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = template.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String where = at + "/" + field.getKey();
                if (field.getKey().endsWith(".$")) {
                    if (!field.getValue().isTextual()) {
                        problems.add("SCHEMA_VALIDATION_FAILED: The value for the field '" + field.getKey()
                                + "' must be a STRING that contains a JSONPath or an intrinsic function at " + where);
                        continue;
                    }
                    String value = field.getValue().asText();
                    try {
                        if (Intrinsics.isCall(value)) {
                            Intrinsics.parse(value);
                        } else {
                            JsonPath.parse(value);
                        }
                    } catch (IllegalArgumentException e) {
                        problems.add("SCHEMA_VALIDATION_FAILED: The value for the field '" + field.getKey()
                                + "' must be a valid JSONPath or a valid intrinsic function call (" + e.getMessage()
                                + ") at " + where);
                    }
                } else {
                    check(field.getValue(), where, problems);
                }
            }
        } else if (template.isArray()) {
            for (int i = 0; i < template.size(); i++) {
                check(template.get(i), at + "[" + i + "]", problems);
            }
        }
    }

    /** The template filled in from {@code input} and {@code context}. */
    public static JsonNode apply(JsonNode template, JsonNode input, JsonNode context) {
        if (template.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = template.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (name.endsWith(".$") && field.getValue().isTextual()) {
                    out.set(name.substring(0, name.length() - 2), resolve(name, field.getValue().asText(), input,
                            context));
                } else {
                    out.set(name, apply(field.getValue(), input, context));
                }
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = NODES.arrayNode();
            template.forEach(element -> out.add(apply(element, input, context)));
            return out;
        }
        return template;
    }

    private static JsonNode resolve(String field, String expression, JsonNode input, JsonNode context) {
        if (Intrinsics.isCall(expression)) {
            return Intrinsics.evaluate(Intrinsics.parse(expression), input, context);
        }
        return JsonPath.parse(expression).find(input, context).orElseThrow(() -> new StatesError(StatesError.RUNTIME,
                "The JSONPath '" + expression + "' specified for the field '" + field + "' could not be found in "
                        + "the input '" + input + "'"));
    }
}

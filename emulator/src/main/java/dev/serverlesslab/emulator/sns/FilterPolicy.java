package dev.serverlesslab.emulator.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.Targets.MessageAttribute;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A subscription's filter policy as the SNS developer guide specifies it: per key a list of conditions, any of which
 * matches (exact strings and numbers, {@code prefix}, {@code suffix}, {@code equals-ignore-case},
 * {@code anything-but} with a value, a list or a prefix/suffix, {@code numeric} ranges, {@code exists}); every key must
 * match; {@code $or} offers alternatives. With scope {@code MessageAttributes} the keys name message attributes (String,
 * Number and String.Array; Binary attributes never match); with {@code MessageBody} they name fields of the JSON body,
 * nested as deep as the body is.
 */
public final class FilterPolicy {

    /** Where a policy looks. */
    public enum Scope { MessageAttributes, MessageBody }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OPERATORS = Set.of("prefix", "suffix", "equals-ignore-case", "anything-but",
            "numeric", "exists");
    // SNS's documented limits: five keys per policy, 150 combinations of values, numbers within +/- 10^9.
    private static final int MAX_KEYS = 5;
    private static final int MAX_COMBINATIONS = 150;
    private static final double MAX_NUMBER = 1_000_000_000d;

    private final ObjectNode policy;
    private final Scope scope;

    private FilterPolicy(ObjectNode policy, Scope scope) {
        this.policy = policy;
        this.scope = scope;
    }

    /** Parses and validates a policy; {@code InvalidParameter} naming {@code FilterPolicy} and the reason if bad. */
    public static FilterPolicy parse(String json, Scope scope) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid("failed to parse JSON. " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid("Filter policy must be a JSON object");
        }
        validateObject(root, scope, 0);
        if (keys(root) > MAX_KEYS) {
            throw invalid("Filter policy can not have more than " + MAX_KEYS + " keys");
        }
        if (combinations(root) > MAX_COMBINATIONS) {
            throw invalid("Filter policy is too complex: it has more than " + MAX_COMBINATIONS
                    + " combinations of values");
        }
        return new FilterPolicy((ObjectNode) root, scope);
    }

    /** Parses a scope name; {@code InvalidParameter} for anything but MessageAttributes or MessageBody. */
    public static Scope scope(String name) {
        if (name == null) {
            return Scope.MessageAttributes;
        }
        for (Scope scope : Scope.values()) {
            if (scope.name().equals(name)) {
                return scope;
            }
        }
        throw SnsErrors.invalidParameter("Attributes Reason: FilterPolicyScope: Invalid value [" + name
                + "]. Please use either MessageBody or MessageAttributes");
    }

    public Scope scope() {
        return scope;
    }

    /** True when the message passes: its attributes or its body, as the scope says. */
    public boolean matches(Map<String, MessageAttribute> attributes, String body) {
        if (scope == Scope.MessageAttributes) {
            return matchObject(policy, attributesAsJson(attributes));
        }
        try {
            JsonNode document = JSON.readTree(body);
            // A body that is not a JSON object has no fields to match: SNS filters it out.
            return document != null && document.isObject() && matchObject(policy, document);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static JsonNode attributesAsJson(Map<String, MessageAttribute> attributes) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        attributes.forEach((name, attribute) -> {
            String type = attribute.dataType();
            String value = attribute.stringValue();
            if (value == null || type.startsWith("Binary")) {
                return;
            }
            if (type.startsWith("Number")) {
                try {
                    out.put(name, new BigDecimal(value.strip()));
                } catch (NumberFormatException e) {
                    out.put(name, value);
                }
            } else if (type.startsWith("String.Array")) {
                try {
                    JsonNode array = JSON.readTree(value);
                    out.set(name, array != null && array.isArray() ? array : JsonNodeFactory.instance.textNode(value));
                } catch (JsonProcessingException e) {
                    out.put(name, value);
                }
            } else {
                out.put(name, value);
            }
        });
        return out;
    }

    private static boolean matchObject(JsonNode policy, JsonNode data) {
        Iterator<Map.Entry<String, JsonNode>> fields = policy.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            boolean matched;
            if ("$or".equals(field.getKey())) {
                matched = false;
                for (JsonNode alternative : field.getValue()) {
                    matched |= matchObject(alternative, data);
                }
            } else if (field.getValue().isObject()) {
                JsonNode child = data.path(field.getKey());
                matched = child.isArray() ? anyElement(field.getValue(), child) : matchObject(field.getValue(), child);
            } else {
                matched = matchConditions(field.getValue(), data.path(field.getKey()));
            }
            if (!matched) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyElement(JsonNode policy, JsonNode array) {
        for (JsonNode element : array) {
            if (matchObject(policy, element)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchConditions(JsonNode conditions, JsonNode value) {
        List<JsonNode> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(values::add);
        } else if (!value.isMissingNode()) {
            values.add(value);
        }
        for (JsonNode condition : conditions) {
            if (condition.isObject()) {
                if (matchOperator(condition, value.isMissingNode(), values)) {
                    return true;
                }
            } else if (values.stream().anyMatch(v -> equal(condition, v))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchOperator(JsonNode condition, boolean missing, List<JsonNode> values) {
        Map.Entry<String, JsonNode> operator = condition.fields().next();
        JsonNode operand = operator.getValue();
        return switch (operator.getKey()) {
            case "exists" -> operand.asBoolean() != missing;
            case "prefix" -> values.stream().anyMatch(v -> v.isTextual() && v.asText().startsWith(operand.asText()));
            case "suffix" -> values.stream().anyMatch(v -> v.isTextual() && v.asText().endsWith(operand.asText()));
            case "equals-ignore-case" -> values.stream().anyMatch(v -> v.isTextual()
                    && v.asText().toLowerCase(Locale.ROOT).equals(operand.asText().toLowerCase(Locale.ROOT)));
            case "numeric" -> values.stream().anyMatch(v -> v.isNumber() && inRange(operand, v.asDouble()));
            case "anything-but" -> values.stream().anyMatch(v -> !excluded(operand, v));
            default -> false;
        };
    }

    private static boolean excluded(JsonNode operand, JsonNode value) {
        if (operand.isArray()) {
            for (JsonNode item : operand) {
                if (equal(item, value)) {
                    return true;
                }
            }
            return false;
        }
        if (operand.isObject()) {
            Map.Entry<String, JsonNode> inner = operand.fields().next();
            String text = inner.getValue().asText();
            return value.isTextual() && ("prefix".equals(inner.getKey()) ? value.asText().startsWith(text)
                    : value.asText().endsWith(text));
        }
        return equal(operand, value);
    }

    private static boolean equal(JsonNode condition, JsonNode value) {
        if (condition.isNumber()) {
            return value.isNumber() && condition.decimalValue().compareTo(value.decimalValue()) == 0;
        }
        if (condition.isNull()) {
            return value.isNull();
        }
        if (condition.isBoolean()) {
            return value.isBoolean() && condition.asBoolean() == value.asBoolean();
        }
        return value.isTextual() && condition.asText().equals(value.asText());
    }

    private static boolean inRange(JsonNode operand, double number) {
        for (int i = 0; i + 1 < operand.size(); i += 2) {
            double bound = operand.get(i + 1).asDouble();
            boolean ok = switch (operand.get(i).asText()) {
                case "=" -> number == bound;
                case "<" -> number < bound;
                case "<=" -> number <= bound;
                case ">" -> number > bound;
                case ">=" -> number >= bound;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static void validateObject(JsonNode object, Scope scope, int depth) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if ("$or".equals(field.getKey())) {
                if (!value.isArray() || value.size() < 2) {
                    throw invalid("$or must be an array of at least two filter policies");
                }
                for (JsonNode alternative : value) {
                    if (!alternative.isObject()) {
                        throw invalid("each alternative of $or must be a JSON object");
                    }
                    validateObject(alternative, scope, depth);
                }
            } else if (value.isObject()) {
                if (scope == Scope.MessageAttributes) {
                    throw invalid("Filter policy scope MessageAttributes does not support nested filter policy "
                            + "(key " + field.getKey() + ")");
                }
                validateObject(value, scope, depth + 1);
            } else if (value.isArray()) {
                if (value.isEmpty()) {
                    throw invalid("Empty arrays are not allowed (key " + field.getKey() + ")");
                }
                for (JsonNode condition : value) {
                    validateCondition(field.getKey(), condition);
                }
            } else {
                throw invalid("\"" + field.getKey() + "\" must be an object or an array");
            }
        }
    }

    private static void validateCondition(String key, JsonNode condition) {
        if (condition.isTextual() || condition.isNull() || condition.isBoolean()) {
            return;
        }
        if (condition.isNumber()) {
            checkNumber(condition);
            return;
        }
        if (!condition.isObject() || condition.size() != 1) {
            throw invalid("Match value must be String, number, true, false, or null, or an object with one "
                    + "operator (key " + key + ")");
        }
        Map.Entry<String, JsonNode> operator = condition.fields().next();
        JsonNode operand = operator.getValue();
        if (!OPERATORS.contains(operator.getKey())) {
            throw invalid("Unrecognized match type " + operator.getKey());
        }
        switch (operator.getKey()) {
            case "exists" -> require(operand.isBoolean(), "exists match pattern must be either true or false.");
            case "prefix", "suffix", "equals-ignore-case" -> require(operand.isTextual(),
                    operator.getKey() + " match pattern must be a string");
            case "numeric" -> validateNumeric(operand);
            case "anything-but" -> validateAnythingBut(operand);
            default -> throw invalid("Unrecognized match type " + operator.getKey());
        }
    }

    private static void validateAnythingBut(JsonNode operand) {
        if (operand.isObject()) {
            require(operand.size() == 1 && (operand.has("prefix") || operand.has("suffix"))
                    && operand.elements().next().isTextual(),
                    "anything-but takes a value, a list of values, or {\"prefix\": string} / {\"suffix\": string}");
            return;
        }
        if (operand.isArray()) {
            require(!operand.isEmpty(), "anything-but list must not be empty");
            for (JsonNode item : operand) {
                require(item.isTextual() || item.isNumber(), "anything-but list may hold only strings and numbers");
            }
            return;
        }
        require(operand.isTextual() || operand.isNumber(), "anything-but takes a string, a number or a list");
    }

    private static void validateNumeric(JsonNode operand) {
        require(operand.isArray() && (operand.size() == 2 || operand.size() == 4),
                "Value of numeric must be an array of one or two operator/number pairs");
        String first = operand.get(0).asText();
        require(Set.of("=", "<", "<=", ">", ">=").contains(first), "Unrecognized numeric range operator: " + first);
        checkNumber(operand.get(1));
        if (operand.size() == 4) {
            String second = operand.get(2).asText();
            require((first.startsWith(">")) && second.startsWith("<"),
                    "Too many elements in numeric expression: a range is a lower bound (> or >=) then an upper "
                            + "bound (< or <=)");
            checkNumber(operand.get(3));
            require(operand.get(1).asDouble() < operand.get(3).asDouble(),
                    "Bottom must be less than top");
        }
    }

    private static void checkNumber(JsonNode number) {
        require(number.isNumber(), "Value of numeric must be a number, got " + number);
        require(Math.abs(number.asDouble()) <= MAX_NUMBER, "Numeric values must be within -1,000,000,000 and "
                + "1,000,000,000, got " + number);
    }

    private static int keys(JsonNode object) {
        int keys = 0;
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if ("$or".equals(field.getKey())) {
                int widest = 0;
                for (JsonNode alternative : field.getValue()) {
                    widest = Math.max(widest, keys(alternative));
                }
                keys += widest;
            } else {
                keys += field.getValue().isObject() ? keys(field.getValue()) : 1;
            }
        }
        return keys;
    }

    private static long combinations(JsonNode object) {
        long product = 1;
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            long here;
            if ("$or".equals(field.getKey())) {
                here = 0;
                for (JsonNode alternative : field.getValue()) {
                    here += combinations(alternative);
                }
            } else {
                here = field.getValue().isObject() ? combinations(field.getValue()) : field.getValue().size();
            }
            product = Math.min(product * here, Long.MAX_VALUE / 1024);
        }
        return product;
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw invalid(reason);
        }
    }

    private static AwsException invalid(String reason) {
        return SnsErrors.invalidParameter("FilterPolicy: " + reason);
    }

    @Override
    public String toString() {
        return policy.toString();
    }
}

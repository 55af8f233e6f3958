package dev.serverlesslab.emulator.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Choice state's rules: comparisons of a {@code Variable} (String*, Numeric*, Boolean*, Timestamp* and their
 * {@code *Path} forms, StringMatches, Is*) combined with And, Or and Not.
 */
public final class ChoiceRules {

    private static final Set<String> TYPED = Set.of("StringEquals", "StringLessThan", "StringGreaterThan",
            "StringLessThanEquals", "StringGreaterThanEquals", "NumericEquals", "NumericLessThan",
            "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals", "BooleanEquals",
            "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals",
            "TimestampGreaterThanEquals");
    private static final Set<String> CHECKS = Set.of("IsPresent", "IsNull", "IsNumeric", "IsString", "IsBoolean",
            "IsTimestamp");

    private ChoiceRules() {
    }

    /** Adds a problem for each malformed rule; {@code top} says whether {@code Next} is required here. */
    public static void check(JsonNode rule, String at, boolean top, List<String> problems) {
        if (!rule.isObject()) {
            problems.add("SCHEMA_VALIDATION_FAILED: A choice rule must be an object at " + at);
            return;
        }
        if (top && !rule.path("Next").isTextual()) {
            problems.add("SCHEMA_VALIDATION_FAILED: The field 'Next' is required at " + at);
        }
        if (!top && rule.has("Next")) {
            problems.add("SCHEMA_VALIDATION_FAILED: The field 'Next' is only allowed in top-level choice rules at "
                    + at);
        }
        if (rule.has("And") || rule.has("Or")) {
            JsonNode list = rule.has("And") ? rule.get("And") : rule.get("Or");
            if (!list.isArray() || list.isEmpty()) {
                problems.add("SCHEMA_VALIDATION_FAILED: And/Or must be a non-empty array of rules at " + at);
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                check(list.get(i), at + "/" + (rule.has("And") ? "And" : "Or") + "[" + i + "]", false, problems);
            }
            return;
        }
        if (rule.has("Not")) {
            check(rule.get("Not"), at + "/Not", false, problems);
            return;
        }
        if (!rule.path("Variable").isTextual()) {
            problems.add("SCHEMA_VALIDATION_FAILED: The field 'Variable' is required at " + at);
            return;
        }
        checkPath(rule.get("Variable").asText(), at + "/Variable", problems);
        String operator = operator(rule);
        if (operator == null) {
            problems.add("SCHEMA_VALIDATION_FAILED: The choice rule needs one comparison operator (StringEquals, "
                    + "NumericGreaterThan, IsPresent, ...) at " + at);
        } else if (operator.endsWith("Path")) {
            checkPath(rule.get(operator).asText(""), at + "/" + operator, problems);
        }
    }

    private static void checkPath(String path, String at, List<String> problems) {
        try {
            JsonPath.parse(path);
        } catch (IllegalArgumentException e) {
            problems.add("SCHEMA_VALIDATION_FAILED: " + e.getMessage() + " at " + at);
        }
    }

    private static String operator(JsonNode rule) {
        for (var names = rule.fieldNames(); names.hasNext();) {
            String name = names.next();
            String base = name.endsWith("Path") ? name.substring(0, name.length() - 4) : name;
            if (TYPED.contains(base) || CHECKS.contains(name) || name.equals("StringMatches")) {
                return name;
            }
        }
        return null;
    }

    /** True when the rule holds for this input. */
    public static boolean matches(JsonNode rule, JsonNode input, JsonNode context) {
        if (rule.has("And")) {
            for (JsonNode part : rule.get("And")) {
                if (!matches(part, input, context)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode part : rule.get("Or")) {
                if (matches(part, input, context)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !matches(rule.get("Not"), input, context);
        }
        String operator = operator(rule);
        JsonPath variable = JsonPath.parse(rule.get("Variable").asText());
        JsonNode value = variable.find(input, context).orElse(null);
        if (operator.equals("IsPresent")) {
            return (value != null) == rule.get(operator).asBoolean();
        }
        if (value == null) {
            throw new StatesError(StatesError.RUNTIME, "Invalid path '" + variable + "': The choice state's "
                    + "condition path references an invalid value.");
        }
        if (CHECKS.contains(operator)) {
            boolean is = switch (operator) {
                case "IsNull" -> value.isNull();
                case "IsNumeric" -> value.isNumber();
                case "IsString" -> value.isTextual();
                case "IsBoolean" -> value.isBoolean();
                default -> value.isTextual() && timestamp(value.asText()) != null;
            };
            return is == rule.get(operator).asBoolean();
        }
        if (operator.equals("StringMatches")) {
            return value.isTextual() && wildcard(rule.get(operator).asText()).matcher(value.asText()).matches();
        }
        JsonNode expected = rule.get(operator);
        String base = operator;
        if (operator.endsWith("Path")) {
            base = operator.substring(0, operator.length() - 4);
            expected = JsonPath.parse(expected.asText()).read(input, context);
        }
        return compare(base, value, expected);
    }

    private static boolean compare(String operator, JsonNode value, JsonNode expected) {
        int order;
        if (operator.startsWith("String")) {
            if (!value.isTextual() || !expected.isTextual()) {
                return false;
            }
            order = value.asText().compareTo(expected.asText());
        } else if (operator.startsWith("Numeric")) {
            if (!value.isNumber() || !expected.isNumber()) {
                return false;
            }
            order = value.decimalValue().compareTo(expected.decimalValue());
        } else if (operator.startsWith("Boolean")) {
            return value.isBoolean() && expected.isBoolean() && value.asBoolean() == expected.asBoolean();
        } else {
            Instant left = value.isTextual() ? timestamp(value.asText()) : null;
            Instant right = expected.isTextual() ? timestamp(expected.asText()) : null;
            if (left == null || right == null) {
                return false;
            }
            order = left.compareTo(right);
        }
        String relation = operator.replaceFirst("^(String|Numeric|Timestamp)", "");
        return switch (relation) {
            case "Equals" -> order == 0;
            case "LessThan" -> order < 0;
            case "GreaterThan" -> order > 0;
            case "LessThanEquals" -> order <= 0;
            default -> order >= 0;
        };
    }

    /** An RFC 3339 timestamp as ASL reads them ({@code 2016-03-14T01:59:00Z}), or null. */
    static Instant timestamp(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** StringMatches: {@code *} matches any run of characters; {@code \*} and {@code \\} are literal. */
    private static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}

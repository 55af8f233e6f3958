package dev.serverlesslab.emulator.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A CloudWatch Logs filter pattern ("Filter pattern syntax for metric filters, subscription filters, filter log
 * events"), compiled once per query: a JSON pattern {@code { $.level = "ERROR" && $.latency > 500 }}
 * ({@link JsonFilterPattern}), a space-delimited pattern {@code [ip, user, ..., status = 5*, bytes]}
 * ({@link DelimitedFilterPattern}), or terms: every bare or quoted term must appear (case-sensitive), a
 * {@code ?term} list matches when any of them appears, a {@code -term} excludes. Regular expressions
 * ({@code %...%}) are refused naming the syntax rather than matched as text.
 */
final class FilterPattern {

    private FilterPattern() {
    }

    /** The matcher for {@code pattern}; a missing or blank pattern matches every event. */
    static Predicate<String> parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return message -> true;
        }
        String trimmed = pattern.strip();
        if (trimmed.startsWith("{")) {
            return JsonFilterPattern.parse(trimmed);
        }
        if (trimmed.startsWith("[")) {
            return DelimitedFilterPattern.parse(trimmed);
        }
        if (trimmed.contains("%")) {
            throw LogsErrors.invalidParameter("filterPattern " + pattern + " uses a regular expression (%...%), "
                    + "which Serverless Lab's emulator does not evaluate; use terms, a JSON or a space-delimited "
                    + "pattern");
        }
        return terms(trimmed);
    }

    private static Predicate<String> terms(String pattern) {
        List<String> required = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        for (String token : tokens(pattern)) {
            if (token.startsWith("?") && token.length() > 1) {
                optional.add(unquote(token.substring(1)));
            } else if (token.startsWith("-") && token.length() > 1) {
                excluded.add(unquote(token.substring(1)));
            } else {
                required.add(unquote(token));
            }
        }
        return message -> required.stream().allMatch(message::contains)
                && excluded.stream().noneMatch(message::contains)
                && (optional.isEmpty() || optional.stream().anyMatch(message::contains));
    }

    /** Splits at spaces outside double quotes, keeping the quotes on their term. */
    private static List<String> tokens(String pattern) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '"' && (i == 0 || pattern.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (Character.isWhitespace(c) && !quoted) {
                if (current.length() > 0) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw LogsErrors.invalidParameter("filterPattern " + pattern + " has an unclosed double quote");
        }
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    static String unquote(String term) {
        if (term.length() >= 2 && term.startsWith("\"") && term.endsWith("\"")) {
            return term.substring(1, term.length() - 1).replace("\\\"", "\"");
        }
        return term;
    }

    /** A string value with {@code *} wildcards, as JSON and space-delimited patterns compare text. */
    static boolean wildcard(String value, String pattern) {
        if (!pattern.contains("*")) {
            return value.equals(pattern);
        }
        String[] parts = pattern.split("\\*", -1);
        StringBuilder regex = new StringBuilder("(?s)");
        for (int i = 0; i < parts.length; i++) {
            regex.append(i > 0 ? ".*" : "").append(Pattern.quote(parts[i]));
        }
        return value.matches(regex.toString());
    }

    /** Compares a field with a pattern value: numerically when both are numbers, else as text for = and !=. */
    static boolean compare(String field, String op, String value, boolean valueIsNumber) {
        if (valueIsNumber) {
            Double number = number(field);
            if (number == null) {
                return "!=".equals(op);
            }
            int order = Double.compare(number, Double.parseDouble(value));
            return switch (op) {
                case "=" -> order == 0;
                case "!=" -> order != 0;
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                case ">=" -> order >= 0;
                default -> false;
            };
        }
        return switch (op) {
            case "=" -> wildcard(field, value);
            case "!=" -> !wildcard(field, value);
            default -> throw LogsErrors.invalidParameter("filterPattern compares " + value + " with " + op
                    + ", which needs a number");
        };
    }

    static Double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

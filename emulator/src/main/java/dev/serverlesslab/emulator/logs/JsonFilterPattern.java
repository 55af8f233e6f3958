package dev.serverlesslab.emulator.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A JSON filter pattern, {@code { SELECTOR OP VALUE }} joined with {@code &&} and {@code ||} and grouped with
 * parentheses: selectors {@code $.a.b} and {@code $.list[0]}; operators {@code = != < <= > >=} (strings with
 * {@code =}/{@code !=} only, {@code *} as wildcard, numbers compared as numbers); {@code IS NULL}, {@code IS TRUE},
 * {@code IS FALSE} and {@code NOT EXISTS}. A message that is not a JSON object never matches.
 */
final class JsonFilterPattern {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> tokens;
    private final String pattern;
    private int next;

    private JsonFilterPattern(String pattern, List<String> tokens) {
        this.pattern = pattern;
        this.tokens = tokens;
    }

    static Predicate<String> parse(String pattern) {
        if (!pattern.endsWith("}")) {
            throw invalid(pattern, "a JSON pattern ends with }");
        }
        JsonFilterPattern parser = new JsonFilterPattern(pattern, tokenize(pattern.substring(1,
                pattern.length() - 1), pattern));
        Predicate<JsonNode> condition = parser.or();
        if (parser.next != parser.tokens.size()) {
            throw invalid(pattern, "unexpected " + parser.tokens.get(parser.next));
        }
        return message -> {
            String text = message.strip();
            if (!text.startsWith("{")) {
                return false;
            }
            try {
                JsonNode node = JSON.readTree(text);
                return node != null && node.isObject() && condition.test(node);
            } catch (IOException e) {
                return false;
            }
        };
    }

    private Predicate<JsonNode> or() {
        Predicate<JsonNode> left = and();
        while (accept("||")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<JsonNode> and() {
        Predicate<JsonNode> left = primary();
        while (accept("&&")) {
            left = left.and(primary());
        }
        return left;
    }

    private Predicate<JsonNode> primary() {
        if (accept("(")) {
            Predicate<JsonNode> inner = or();
            expect(")");
            return inner;
        }
        String selector = take();
        if (!selector.startsWith("$")) {
            throw invalid(pattern, "expected a selector such as $.level, got " + selector);
        }
        List<Object> path = path(selector);
        if (accept("IS")) {
            String what = take();
            return switch (what) {
                case "NULL" -> node -> resolve(node, path) != null && resolve(node, path).isNull();
                case "TRUE" -> node -> resolve(node, path) != null && resolve(node, path).isBoolean()
                        && resolve(node, path).booleanValue();
                case "FALSE" -> node -> resolve(node, path) != null && resolve(node, path).isBoolean()
                        && !resolve(node, path).booleanValue();
                default -> throw invalid(pattern, "IS takes NULL, TRUE or FALSE, not " + what);
            };
        }
        if (accept("NOT")) {
            expect("EXISTS");
            return node -> resolve(node, path) == null;
        }
        String op = take();
        if (!List.of("=", "!=", "<", "<=", ">", ">=").contains(op)) {
            throw invalid(pattern, "expected an operator after " + selector + ", got " + op);
        }
        String raw = take();
        boolean quoted = raw.startsWith("\"");
        String value = quoted ? FilterPattern.unquote(raw) : raw;
        boolean numeric = !quoted && FilterPattern.number(value) != null;
        if (!numeric && !"=".equals(op) && !"!=".equals(op)) {
            throw invalid(pattern, op + " compares numbers, not " + raw);
        }
        return node -> {
            JsonNode field = resolve(node, path);
            if (field == null || field.isContainerNode() || field.isNull()) {
                return false;
            }
            if (numeric && !field.isNumber()) {
                return "!=".equals(op);
            }
            return FilterPattern.compare(field.asText(), op, value, numeric);
        };
    }

    /** {@code $.a.b[2]} as names and indexes. */
    private List<Object> path(String selector) {
        List<Object> path = new ArrayList<>();
        String rest = selector.substring(1);
        while (!rest.isEmpty()) {
            if (rest.startsWith(".")) {
                int end = 1;
                while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
                    end++;
                }
                path.add(rest.substring(1, end));
                rest = rest.substring(end);
            } else if (rest.startsWith("[")) {
                int close = rest.indexOf(']');
                String index = close < 0 ? "" : rest.substring(1, close);
                if (!index.matches("\\d+")) {
                    throw invalid(pattern, "selector " + selector + " has an index that is not a number");
                }
                path.add(Integer.valueOf(index));
                rest = rest.substring(close + 1);
            } else {
                throw invalid(pattern, "selector " + selector + " is not of the form $.name or $.list[0]");
            }
        }
        return path;
    }

    private static JsonNode resolve(JsonNode node, List<Object> path) {
        JsonNode current = node;
        for (Object step : path) {
            current = step instanceof Integer index ? current.get(index) : current.get((String) step);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private static List<String> tokenize(String body, String pattern) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (body.startsWith("&&", i) || body.startsWith("||", i) || body.startsWith("!=", i)
                    || body.startsWith("<=", i) || body.startsWith(">=", i)) {
                tokens.add(body.substring(i, i + 2));
                i += 2;
            } else if (c == '=' || c == '<' || c == '>') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '"') {
                int end = i + 1;
                while (end < body.length() && (body.charAt(end) != '"' || body.charAt(end - 1) == '\\')) {
                    end++;
                }
                if (end >= body.length()) {
                    throw invalid(pattern, "a string is not closed");
                }
                tokens.add(body.substring(i, end + 1));
                i = end + 1;
            } else {
                int end = i;
                while (end < body.length() && !Character.isWhitespace(body.charAt(end))
                        && "()=!<>&|\"".indexOf(body.charAt(end)) < 0) {
                    end++;
                }
                if (end == i) {
                    throw invalid(pattern, "unexpected " + c);
                }
                tokens.add(body.substring(i, end));
                i = end;
            }
        }
        return tokens;
    }

    private boolean accept(String token) {
        if (next < tokens.size() && tokens.get(next).equals(token)) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw invalid(pattern, "expected " + token);
        }
    }

    private String take() {
        if (next >= tokens.size()) {
            throw invalid(pattern, "it ends too early");
        }
        return tokens.get(next++);
    }

    private static RuntimeException invalid(String pattern, String why) {
        return LogsErrors.invalidParameter("Invalid filter pattern " + pattern + ": " + why);
    }
}

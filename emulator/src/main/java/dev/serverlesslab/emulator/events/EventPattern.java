package dev.serverlesslab.emulator.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.AwsException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An EventBridge event pattern, compiled once and matched against events, as the "Amazon EventBridge event patterns"
 * and "content filtering" pages describe: each pattern field lists values of which one must match (an OR); nested
 * objects match nested fields; an array in the event matches when any element does; matchers are exact values
 * (strings, numbers, booleans, null), {@code prefix} and {@code suffix} (also with {@code equals-ignore-case}),
 * {@code equals-ignore-case}, {@code wildcard}, {@code anything-but} (values, prefix, suffix, wildcard,
 * equals-ignore-case), {@code numeric} ranges, {@code exists}, {@code cidr}; {@code $or} takes alternative patterns.
 * An invalid pattern answers {@code InvalidEventPatternException} with the reason.
 */
public final class EventPattern {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One compiled object level: every field must match, and each {@code $or} must have one matching branch. */
    private record Level(Map<String, Object> fields, List<List<Level>> alternatives) {
    }

    private final Level root;

    private EventPattern(Level root) {
        this.root = root;
    }

    /** Parses and checks a pattern; {@code InvalidEventPatternException} naming what is wrong when it is not valid. */
    public static EventPattern parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw invalid("the pattern is not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (node == null || !node.isObject()) {
            throw invalid("the pattern must be a JSON object, e.g. {\"source\": [\"my.app\"]}");
        }
        return new EventPattern(level(node, ""));
    }

    /** True when the event (the whole envelope: source, detail-type, detail ...) matches. */
    public boolean matches(JsonNode event) {
        return matches(root, List.of(event));
    }

    private static boolean matches(Level level, List<JsonNode> objects) {
        for (Map.Entry<String, Object> field : level.fields().entrySet()) {
            List<JsonNode> values = new ArrayList<>();
            for (JsonNode object : objects) {
                collect(object.get(field.getKey()), values);
            }
            boolean ok = field.getValue() instanceof Level nested
                    ? matches(nested, values.stream().filter(JsonNode::isObject).toList())
                    : leafMatches(castMatchers(field.getValue()), values);
            if (!ok) {
                return false;
            }
        }
        for (List<Level> branches : level.alternatives()) {
            if (branches.stream().noneMatch(branch -> matches(branch, objects))) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static List<Matcher> castMatchers(Object value) {
        return (List<Matcher>) value;
    }

    /** Arrays are flattened: a field holding [a, b] is matched as a and as b. */
    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(element -> collect(element, into));
        } else {
            into.add(node);
        }
    }

    private static boolean leafMatches(List<Matcher> matchers, List<JsonNode> values) {
        List<JsonNode> leaves = values.stream().filter(value -> !value.isObject()).toList();
        for (Matcher matcher : matchers) {
            if (matcher instanceof Exists exists) {
                if (exists.present() != leaves.isEmpty()) {
                    return true;
                }
            } else if (leaves.stream().anyMatch(((Test) matcher).test())) {
                return true;
            }
        }
        return false;
    }

    private sealed interface Matcher permits Exists, Test {
    }

    private record Exists(boolean present) implements Matcher {
    }

    private record Test(Predicate<JsonNode> test) implements Matcher {
    }

    private static Level level(JsonNode object, String path) {
        Map<String, Object> fields = new LinkedHashMap<>();
        List<List<Level>> alternatives = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String where = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
            JsonNode value = entry.getValue();
            if ("$or".equals(entry.getKey())) {
                alternatives.add(alternatives(value, where));
            } else if (value.isObject()) {
                fields.put(entry.getKey(), level(value, where));
            } else if (value.isArray()) {
                List<Matcher> matchers = new ArrayList<>();
                value.forEach(item -> matchers.add(matcher(item, where)));
                fields.put(entry.getKey(), matchers);
            } else {
                throw invalid("\"" + where + "\" must be an object or an array, e.g. \"" + entry.getKey()
                        + "\": [" + value + "]");
            }
        }
        return new Level(fields, alternatives);
    }

    private static List<Level> alternatives(JsonNode value, String where) {
        if (!value.isArray() || value.size() < 2) {
            throw invalid("\"" + where + "\" must be an array of at least two patterns");
        }
        List<Level> branches = new ArrayList<>();
        for (JsonNode branch : value) {
            if (!branch.isObject()) {
                throw invalid("each pattern in \"" + where + "\" must be an object");
            }
            branches.add(level(branch, where));
        }
        return branches;
    }

    private static Matcher matcher(JsonNode item, String where) {
        if (item.isArray()) {
            throw invalid("match value in \"" + where + "\" must be a string, number, boolean, null or an object "
                    + "such as {\"prefix\": ...}, not an array");
        }
        if (!item.isObject()) {
            return new Test(exact(item));
        }
        if (item.size() != 1) {
            throw invalid("a content filter in \"" + where + "\" must have exactly one key, got " + item);
        }
        Map.Entry<String, JsonNode> filter = item.fields().next();
        String kind = filter.getKey();
        JsonNode arg = filter.getValue();
        return switch (kind) {
            case "prefix" -> new Test(affix(arg, where, "prefix", true));
            case "suffix" -> new Test(affix(arg, where, "suffix", false));
            case "equals-ignore-case" -> new Test(ignoreCase(text(arg, where, kind)));
            case "wildcard" -> new Test(wildcard(text(arg, where, kind), where));
            // As in AWS's Ruler, each element of an array is tried on its own: ["a", "b"] is anything but "a".
            case "anything-but" -> new Test(anythingBut(arg, where).negate());
            case "numeric" -> new Test(numeric(arg, where));
            case "exists" -> {
                if (!arg.isBoolean()) {
                    throw invalid("exists in \"" + where + "\" must be true or false");
                }
                yield new Exists(arg.booleanValue());
            }
            case "cidr" -> new Test(cidr(text(arg, where, kind), where));
            default -> throw invalid("unrecognized match type " + kind + " in \"" + where + "\"; EventBridge has "
                    + "prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, exists and cidr");
        };
    }

    private static Predicate<JsonNode> exact(JsonNode expected) {
        if (expected.isNumber()) {
            BigDecimal number = expected.decimalValue();
            return value -> value.isNumber() && value.decimalValue().compareTo(number) == 0;
        }
        return value -> !value.isNumber() && value.equals(expected);
    }

    private static Predicate<JsonNode> affix(JsonNode arg, String where, String kind, boolean prefix) {
        if (arg.isObject() && arg.size() == 1 && arg.has("equals-ignore-case")) {
            String part = text(arg.get("equals-ignore-case"), where, kind).toLowerCase(Locale.ROOT);
            return value -> value.isTextual() && (prefix ? value.asText().toLowerCase(Locale.ROOT).startsWith(part)
                    : value.asText().toLowerCase(Locale.ROOT).endsWith(part));
        }
        String part = text(arg, where, kind);
        return value -> value.isTextual() && (prefix ? value.asText().startsWith(part)
                : value.asText().endsWith(part));
    }

    private static Predicate<JsonNode> ignoreCase(String expected) {
        return value -> value.isTextual() && value.asText().equalsIgnoreCase(expected);
    }

    private static Predicate<JsonNode> wildcard(String pattern, String where) {
        if (pattern.contains("**")) {
            throw invalid("consecutive wildcard characters at pos " + pattern.indexOf("**") + " in \"" + where
                    + "\"");
        }
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
        Pattern compiled = Pattern.compile(regex.toString(), Pattern.DOTALL);
        return value -> value.isTextual() && compiled.matcher(value.asText()).matches();
    }

    /** What anything-but excludes; the matcher then takes values for which this is false. */
    private static Predicate<JsonNode> anythingBut(JsonNode arg, String where) {
        if (arg.isObject()) {
            if (arg.size() != 1) {
                throw invalid("anything-but in \"" + where + "\" takes one filter, got " + arg);
            }
            Map.Entry<String, JsonNode> inner = arg.fields().next();
            return switch (inner.getKey()) {
                case "prefix" -> affix(inner.getValue(), where, "anything-but prefix", true);
                case "suffix" -> affix(inner.getValue(), where, "anything-but suffix", false);
                case "equals-ignore-case" -> anyOf(inner.getValue(), where, text -> ignoreCase(text));
                case "wildcard" -> anyOf(inner.getValue(), where, text -> wildcard(text, where));
                default -> throw invalid("unsupported anything-but pattern " + inner.getKey() + " in \"" + where
                        + "\"; it takes values, prefix, suffix, wildcard or equals-ignore-case");
            };
        }
        if (arg.isArray()) {
            List<Predicate<JsonNode>> excluded = new ArrayList<>();
            for (JsonNode value : arg) {
                if (value.isObject() || value.isArray()) {
                    throw invalid("anything-but in \"" + where + "\" lists plain values only, got " + value);
                }
                excluded.add(exact(value));
            }
            return value -> excluded.stream().anyMatch(test -> test.test(value));
        }
        return exact(arg);
    }

    private static Predicate<JsonNode> anyOf(JsonNode arg, String where,
            Function<String, Predicate<JsonNode>> each) {
        List<Predicate<JsonNode>> tests = new ArrayList<>();
        if (arg.isArray()) {
            arg.forEach(item -> tests.add(each.apply(text(item, where, "anything-but"))));
        } else {
            tests.add(each.apply(text(arg, where, "anything-but")));
        }
        return value -> tests.stream().anyMatch(test -> test.test(value));
    }

    private static Predicate<JsonNode> numeric(JsonNode arg, String where) {
        if (!arg.isArray() || arg.isEmpty() || arg.size() % 2 != 0 || arg.size() > 4) {
            throw invalid("numeric in \"" + where + "\" must be [op, number] or [op, number, op, number], e.g. "
                    + "[\">\", 0, \"<=\", 5]");
        }
        List<Predicate<BigDecimal>> bounds = new ArrayList<>();
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < arg.size(); i += 2) {
            JsonNode op = arg.get(i);
            JsonNode bound = arg.get(i + 1);
            if (!op.isTextual() || !bound.isNumber()) {
                throw invalid("numeric in \"" + where + "\" pairs an operator with a number, got " + op + ", "
                        + bound);
            }
            BigDecimal limit = bound.decimalValue();
            switch (op.asText()) {
                case ">" -> bounds.add(n -> n.compareTo(limit) > 0);
                case ">=" -> bounds.add(n -> n.compareTo(limit) >= 0);
                case "<" -> bounds.add(n -> n.compareTo(limit) < 0);
                case "<=" -> bounds.add(n -> n.compareTo(limit) <= 0);
                case "=" -> {
                    if (arg.size() != 2) {
                        throw invalid("numeric \"=\" in \"" + where + "\" stands alone");
                    }
                    bounds.add(n -> n.compareTo(limit) == 0);
                }
                default -> throw invalid("unrecognized numeric range operator " + op + " in \"" + where
                        + "\"; use <, <=, =, >=, >");
            }
            boolean isLower = op.asText().startsWith(">");
            if ((isLower && lower) || (!isLower && op.asText().startsWith("<") && upper)) {
                throw invalid("numeric in \"" + where + "\" has two " + (isLower ? "lower" : "upper") + " bounds");
            }
            lower |= isLower;
            upper |= op.asText().startsWith("<");
        }
        return value -> value.isNumber() && bounds.stream().allMatch(b -> b.test(value.decimalValue()));
    }

    private static Predicate<JsonNode> cidr(String block, String where) {
        int slash = block.indexOf('/');
        byte[] network = address(slash < 0 ? block : block.substring(0, slash));
        if (network == null) {
            throw invalid("nonstandard IP address: " + block + " in \"" + where + "\"");
        }
        int bits;
        try {
            bits = slash < 0 ? network.length * 8 : Integer.parseInt(block.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw invalid("malformed CIDR, bad prefix length in " + block + " in \"" + where + "\"");
        }
        if (bits < 0 || bits > network.length * 8) {
            throw invalid("malformed CIDR, prefix length out of range in " + block + " in \"" + where + "\"");
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(network.length * 8).subtract(BigInteger.ONE)
                .shiftRight(bits).not();
        BigInteger prefix = new BigInteger(1, network).and(mask);
        int length = network.length;
        return value -> {
            if (!value.isTextual()) {
                return false;
            }
            byte[] candidate = address(value.asText());
            return candidate != null && candidate.length == length
                    && new BigInteger(1, candidate).and(mask).equals(prefix);
        };
    }

    /** An IPv4 or IPv6 literal's bytes, or null; never a name lookup. */
    private static byte[] address(String text) {
        if (text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            byte[] bytes = new byte[4];
            String[] parts = text.split("\\.");
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(parts[i]);
                if (part > 255) {
                    return null;
                }
                bytes[i] = (byte) part;
            }
            return bytes;
        }
        if (text.contains(":") && text.matches("[0-9A-Fa-f:.]+")) {
            try {
                // A literal with a colon is parsed, never resolved.
                return InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    private static String text(JsonNode arg, String where, String kind) {
        if (arg == null || !arg.isTextual()) {
            throw invalid(kind + " match pattern in \"" + where + "\" must be a string, got " + arg);
        }
        return arg.asText();
    }

    static AwsException invalid(String reason) {
        return new AwsException("InvalidEventPatternException", "Event pattern is not valid. Reason: " + reason, 400);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

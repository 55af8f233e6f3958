package dev.serverlesslab.emulator.stepfunctions.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * ASL's intrinsic functions ({@code States.Format('{} and {}', $.a, $.b)} and the rest), parsed once when the state
 * machine is created so a typo fails CreateStateMachine, evaluated each time the state runs.
 */
public final class Intrinsics {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> FUNCTIONS = Set.of("Format", "StringToJson", "JsonToString", "Array",
            "ArrayPartition", "ArrayContains", "ArrayRange", "ArrayGetItem", "ArrayLength", "ArrayUnique",
            "Base64Encode", "Base64Decode", "Hash", "JsonMerge", "MathRandom", "MathAdd", "StringSplit", "UUID");
    private static final Map<String, String> HASHES = Map.of("MD5", "MD5", "SHA-1", "SHA-1", "SHA-256", "SHA-256",
            "SHA-384", "SHA-384", "SHA-512", "SHA-512");

    /** A parsed argument: a literal, a path, or a nested call. */
    private sealed interface Arg permits Literal, PathArg, Call {
    }

    private record Literal(JsonNode value) implements Arg {
    }

    private record PathArg(JsonPath path) implements Arg {
    }

    /** One intrinsic call, e.g. {@code States.MathAdd($.a, 1)}. */
    public record Call(String function, List<Arg> args) implements Arg {
    }

    private Intrinsics() {
    }

    /** True when a {@code .$} value is an intrinsic call rather than a path. */
    public static boolean isCall(String text) {
        return text.startsWith("States.");
    }

    /** Parses {@code States.X(...)}; {@link IllegalArgumentException} naming the problem otherwise. */
    public static Call parse(String text) {
        Parser parser = new Parser(text);
        Call call = parser.call();
        parser.skipSpaces();
        if (parser.pos != text.length()) {
            throw new IllegalArgumentException("'" + text + "': unexpected text after the call at " + parser.pos);
        }
        return call;
    }

    /** Evaluates a parsed call against the state's input and the context object. */
    public static JsonNode evaluate(Call call, JsonNode input, JsonNode context) {
        List<JsonNode> args = new ArrayList<>();
        for (Arg arg : call.args()) {
            if (arg instanceof Literal literal) {
                args.add(literal.value());
            } else if (arg instanceof PathArg path) {
                args.add(path.path().read(input, context));
            } else {
                args.add(evaluate((Call) arg, input, context));
            }
        }
        try {
            return apply(call.function(), args);
        } catch (StatesError e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(call.function(), e.getMessage());
        }
    }

    private static JsonNode apply(String function, List<JsonNode> args) {
        switch (function) {
            case "Format":
                return NODES.textNode(format(args));
            case "StringToJson":
                arity(function, args, 1);
                try {
                    return JSON.readTree(text(function, args.get(0)));
                } catch (JsonProcessingException e) {
                    throw failure(function, "the argument is not JSON: " + e.getOriginalMessage());
                }
            case "JsonToString":
                arity(function, args, 1);
                return NODES.textNode(args.get(0).toString());
            case "Array": {
                ArrayNode array = NODES.arrayNode();
                args.forEach(array::add);
                return array;
            }
            case "ArrayPartition": {
                arity(function, args, 2);
                JsonNode array = array(function, args.get(0));
                int size = integer(function, args.get(1));
                if (size <= 0) {
                    throw failure(function, "the chunk size must be positive, got " + size);
                }
                ArrayNode chunks = NODES.arrayNode();
                for (int i = 0; i < array.size(); i += size) {
                    ArrayNode chunk = chunks.addArray();
                    for (int j = i; j < Math.min(i + size, array.size()); j++) {
                        chunk.add(array.get(j));
                    }
                }
                return chunks;
            }
            case "ArrayContains": {
                arity(function, args, 2);
                for (JsonNode element : array(function, args.get(0))) {
                    if (element.equals(args.get(1)) || element.isNumber() && args.get(1).isNumber()
                            && element.decimalValue().compareTo(args.get(1).decimalValue()) == 0) {
                        return NODES.booleanNode(true);
                    }
                }
                return NODES.booleanNode(false);
            }
            case "ArrayRange": {
                arity(function, args, 3);
                int start = integer(function, args.get(0));
                int end = integer(function, args.get(1));
                int step = integer(function, args.get(2));
                if (step == 0) {
                    throw failure(function, "the step must not be 0");
                }
                ArrayNode range = NODES.arrayNode();
                for (int i = start; step > 0 ? i <= end : i >= end; i += step) {
                    if (range.size() >= 1000) {
                        throw failure(function, "the range has more than 1000 elements");
                    }
                    range.add(i);
                }
                return range;
            }
            case "ArrayGetItem": {
                arity(function, args, 2);
                JsonNode array = array(function, args.get(0));
                int index = integer(function, args.get(1));
                if (index < 0 || index >= array.size()) {
                    throw failure(function, "index " + index + " is outside the array of " + array.size());
                }
                return array.get(index);
            }
            case "ArrayLength":
                arity(function, args, 1);
                return NODES.numberNode(array(function, args.get(0)).size());
            case "ArrayUnique": {
                arity(function, args, 1);
                Set<JsonNode> unique = new LinkedHashSet<>();
                array(function, args.get(0)).forEach(unique::add);
                ArrayNode array = NODES.arrayNode();
                unique.forEach(array::add);
                return array;
            }
            case "Base64Encode":
                arity(function, args, 1);
                return NODES.textNode(Base64.getEncoder().encodeToString(
                        text(function, args.get(0)).getBytes(StandardCharsets.UTF_8)));
            case "Base64Decode":
                arity(function, args, 1);
                try {
                    return NODES.textNode(new String(Base64.getDecoder().decode(text(function, args.get(0))),
                            StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw failure(function, "the argument is not base64: " + e.getMessage());
                }
            case "Hash":
                arity(function, args, 2);
                return NODES.textNode(hash(function, args.get(0), text(function, args.get(1))));
            case "JsonMerge": {
                arity(function, args, 3);
                if (!args.get(0).isObject() || !args.get(1).isObject()) {
                    throw failure(function, "both arguments to merge must be JSON objects");
                }
                if (args.get(2).asBoolean(true)) {
                    throw failure(function, "deep merging (true as the third argument) is not supported by AWS "
                            + "either; pass false");
                }
                ObjectNode merged = args.get(0).deepCopy();
                merged.setAll((ObjectNode) args.get(1));
                return merged;
            }
            case "MathRandom": {
                if (args.size() != 2 && args.size() != 3) {
                    throw failure(function, "takes a start, an end and an optional seed; got " + args.size());
                }
                int start = integer(function, args.get(0));
                int end = integer(function, args.get(1));
                if (end <= start) {
                    throw failure(function, "the end must be greater than the start");
                }
                Random random = args.size() == 3 ? new Random(integer(function, args.get(2)))
                        : ThreadLocalRandom.current();
                return NODES.numberNode(start + random.nextInt(end - start));
            }
            case "MathAdd":
                arity(function, args, 2);
                return NODES.numberNode(integer(function, args.get(0)) + integer(function, args.get(1)));
            case "StringSplit": {
                arity(function, args, 2);
                String value = text(function, args.get(0));
                String delimiters = text(function, args.get(1));
                ArrayNode parts = NODES.arrayNode();
                StringBuilder part = new StringBuilder();
                for (char c : value.toCharArray()) {
                    if (delimiters.indexOf(c) >= 0) {
                        if (!part.isEmpty()) {
                            parts.add(part.toString());
                        }
                        part.setLength(0);
                    } else {
                        part.append(c);
                    }
                }
                if (!part.isEmpty()) {
                    parts.add(part.toString());
                }
                return parts;
            }
            case "UUID":
                arity(function, args, 0);
                return NODES.textNode(UUID.randomUUID().toString());
            default:
                throw failure(function, "no such intrinsic function");
        }
    }

    private static String format(List<JsonNode> args) {
        if (args.isEmpty()) {
            throw failure("Format", "needs a template string");
        }
        String template = text("Format", args.get(0));
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length() && "{}".indexOf(template.charAt(i + 1)) >= 0) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw failure("Format", "the template has more {} than arguments");
                }
                JsonNode arg = args.get(next++);
                out.append(arg.isTextual() ? arg.asText() : arg.toString());
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw failure("Format", "the template has fewer {} (" + (next - 1) + ") than arguments ("
                    + (args.size() - 1) + ")");
        }
        return out.toString();
    }

    private static String hash(String function, JsonNode data, String algorithm) {
        String name = HASHES.get(algorithm);
        if (name == null) {
            throw failure(function, "algorithm '" + algorithm + "' is not one of MD5, SHA-1, SHA-256, SHA-384, "
                    + "SHA-512");
        }
        try {
            byte[] digest = MessageDigest.getInstance(name)
                    .digest((data.isTextual() ? data.asText() : data.toString()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM lacks " + name, e);
        }
    }

    private static void arity(String function, List<JsonNode> args, int expected) {
        if (args.size() != expected) {
            throw failure(function, "takes " + expected + " argument(s), got " + args.size());
        }
    }

    private static String text(String function, JsonNode node) {
        if (!node.isTextual()) {
            throw failure(function, "expected a string argument, got " + node);
        }
        return node.asText();
    }

    private static JsonNode array(String function, JsonNode node) {
        if (!node.isArray()) {
            throw failure(function, "expected an array argument, got " + node);
        }
        return node;
    }

    private static int integer(String function, JsonNode node) {
        if (!node.isNumber()) {
            throw failure(function, "expected an integer argument, got " + node);
        }
        try {
            return node.decimalValue().intValueExact();
        } catch (ArithmeticException e) {
            throw failure(function, "expected an integer argument, got " + node);
        }
    }

    private static StatesError failure(String function, String message) {
        return new StatesError(StatesError.INTRINSIC_FAILURE, "States." + function + ": " + message);
    }

    /** A recursive-descent reader of one intrinsic expression. */
    private static final class Parser {

        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Call call() {
            skipSpaces();
            if (!text.startsWith("States.", pos)) {
                throw error("expected States.<Function>(");
            }
            int open = text.indexOf('(', pos);
            if (open < 0) {
                throw error("expected '(' after the function name");
            }
            String name = text.substring(pos + "States.".length(), open).trim();
            if (!FUNCTIONS.contains(name)) {
                throw new IllegalArgumentException("'" + text + "': States." + name + " is not an intrinsic "
                        + "function; known: " + String.join(", ", FUNCTIONS.stream().sorted().toList()));
            }
            pos = open + 1;
            List<Arg> args = new ArrayList<>();
            skipSpaces();
            if (peek() == ')') {
                pos++;
                return new Call(name, args);
            }
            while (true) {
                args.add(arg());
                skipSpaces();
                char c = peek();
                pos++;
                if (c == ')') {
                    return new Call(name, args);
                }
                if (c != ',') {
                    throw error("expected ',' or ')'");
                }
            }
        }

        private Arg arg() {
            skipSpaces();
            char c = peek();
            if (c == '\'') {
                return new Literal(NODES.textNode(string()));
            }
            if (c == '$') {
                int start = pos;
                int depth = 0;
                while (pos < text.length()) {
                    char d = text.charAt(pos);
                    if (d == '[') {
                        depth++;
                    } else if (d == ']') {
                        depth--;
                    } else if (depth == 0 && (d == ',' || d == ')' || d == ' ')) {
                        break;
                    }
                    pos++;
                }
                return new PathArg(JsonPath.parse(text.substring(start, pos)));
            }
            if (text.startsWith("States.", pos)) {
                return call();
            }
            int start = pos;
            while (pos < text.length() && ",) ".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            String token = text.substring(start, pos);
            switch (token) {
                case "true":
                    return new Literal(NODES.booleanNode(true));
                case "false":
                    return new Literal(NODES.booleanNode(false));
                case "null":
                    return new Literal(NODES.nullNode());
                default:
                    try {
                        if (!token.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
                            throw error("'" + token + "' is not a string, number, boolean, null, path or call");
                        }
                        // Integers are read as Jackson reads them in the input, so the two compare equal.
                        return new Literal(JSON.readTree(token));
                    } catch (JsonProcessingException e) {
                        throw error("'" + token + "' is not a string, number, boolean, null, path or call");
                    }
            }
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    char escaped = text.charAt(pos++);
                    // \{ and \} stay escaped for States.Format, which must not treat them as placeholders.
                    out.append(escaped == '{' || escaped == '}' ? "\\" + escaped : String.valueOf(escaped));
                } else if (c == '\'') {
                    return out.toString();
                } else {
                    out.append(c);
                }
            }
            throw error("unterminated string");
        }

        private char peek() {
            if (pos >= text.length()) {
                throw error("unexpected end");
            }
            return text.charAt(pos);
        }

        void skipSpaces() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("'" + text + "': " + problem + " at " + pos);
        }
    }
}

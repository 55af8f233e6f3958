package dev.serverlesslab.emulator.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The subset of JSONPath the Amazon States Language uses: {@code $}, {@code $.a.b}, {@code $['a b']},
 * {@code $.a[0]}, {@code $.a[-1]}, {@code $.a[*].b}, and {@code $$.} for the context object. Written here rather than
 * taken from a library because ASL needs so little of JSONPath and its own rules for ResultPath (create missing
 * objects, a definite path only), which no library gives.
 */
public final class JsonPath {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One step: a field name, an array index (negative counts from the end), or a wildcard. */
    private record Step(String field, Integer index, boolean wildcard) {
    }

    private final String text;
    private final boolean context;
    private final List<Step> steps;

    private JsonPath(String text, boolean context, List<Step> steps) {
        this.text = text;
        this.context = context;
        this.steps = steps;
    }

    /** Parses a path; {@link IllegalArgumentException} saying what is wrong when it is not one ASL accepts. */
    public static JsonPath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("'" + text + "' is not a JSONPath: it must start with '$'");
        }
        boolean context = text.startsWith("$$");
        int i = context ? 2 : 1;
        List<Step> steps = new ArrayList<>();
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '.') {
                    throw new IllegalArgumentException("'" + text + "': deep scan (..) is not supported");
                }
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                String field = text.substring(i + 1, end);
                if (field.isEmpty()) {
                    throw new IllegalArgumentException("'" + text + "' has an empty field name at " + i);
                }
                steps.add(field.equals("*") ? new Step(null, null, true) : new Step(field, null, false));
                i = end;
            } else if (c == '[') {
                int end = text.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("'" + text + "' has an unclosed '[' at " + i);
                }
                String inside = text.substring(i + 1, end).trim();
                if (inside.equals("*")) {
                    steps.add(new Step(null, null, true));
                } else if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
                        || inside.startsWith("\"") && inside.endsWith("\""))) {
                    steps.add(new Step(inside.substring(1, inside.length() - 1), null, false));
                } else {
                    try {
                        steps.add(new Step(null, Integer.parseInt(inside), false));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + text + "': [" + inside + "] is neither an index, "
                                + "a quoted name nor *; filters and slices are not supported");
                    }
                }
                i = end + 1;
            } else {
                throw new IllegalArgumentException("'" + text + "': unexpected '" + c + "' at " + i);
            }
        }
        return new JsonPath(text, context, List.copyOf(steps));
    }

    /** True for a path into the context object ({@code $$.Execution.Id}). */
    public boolean isContext() {
        return context;
    }

    /** True when the path names at most one node (no wildcard), as ResultPath requires. */
    public boolean isDefinite() {
        return steps.stream().noneMatch(Step::wildcard);
    }

    /** The node this path selects, or empty when a step finds nothing. */
    public Optional<JsonNode> find(JsonNode input, JsonNode contextObject) {
        JsonNode current = context ? contextObject : input;
        boolean collected = false;
        for (Step step : steps) {
            if (current == null) {
                return Optional.empty();
            }
            if (collected) {
                ArrayNode next = NODES.arrayNode();
                for (JsonNode element : current) {
                    JsonNode found = step(element, step);
                    if (step.wildcard() && found != null) {
                        found.forEach(next::add);
                    } else if (found != null) {
                        next.add(found);
                    }
                }
                current = next;
            } else {
                current = step(current, step);
                collected = step.wildcard();
            }
        }
        return Optional.ofNullable(current);
    }

    /** The selected node, or {@code States.Runtime} naming the path when nothing is there, as AWS fails. */
    public JsonNode read(JsonNode input, JsonNode contextObject) {
        return find(input, contextObject).orElseThrow(() -> new StatesError(StatesError.RUNTIME,
                "Invalid path '" + text + "' : No results for path: " + text));
    }

    /**
     * {@code input} with {@code value} placed where this path points, creating missing objects on the way (ResultPath);
     * {@code $} answers the value itself. Fails with {@code States.ResultPathMatchFailure} when the way is blocked by
     * something that is not an object.
     */
    public JsonNode put(JsonNode input, JsonNode value) {
        if (steps.isEmpty()) {
            return value;
        }
        JsonNode root = input.deepCopy();
        if (!root.isObject() && steps.get(0).field() != null) {
            throw resultPathFailure(input);
        }
        JsonNode current = root;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            boolean last = i == steps.size() - 1;
            if (step.field() != null && current instanceof ObjectNode object) {
                if (last) {
                    object.set(step.field(), value);
                } else {
                    JsonNode next = object.get(step.field());
                    if (next == null || next.isNull()) {
                        next = object.putObject(step.field());
                    }
                    current = next;
                }
            } else if (step.index() != null && current instanceof ArrayNode array) {
                int index = step.index() < 0 ? array.size() + step.index() : step.index();
                if (index < 0 || index >= array.size()) {
                    throw resultPathFailure(input);
                }
                if (last) {
                    array.set(index, value);
                } else {
                    current = array.get(index);
                }
            } else {
                throw resultPathFailure(input);
            }
        }
        return root;
    }

    private StatesError resultPathFailure(JsonNode input) {
        return new StatesError(StatesError.RESULT_PATH_MATCH_FAILURE, "Unable to apply ResultPath \"" + text
                + "\" to input " + input);
    }

    private static JsonNode step(JsonNode node, Step step) {
        if (step.wildcard()) {
            if (node.isArray() || node.isObject()) {
                ArrayNode all = NODES.arrayNode();
                node.forEach(all::add);
                return all;
            }
            return null;
        }
        if (step.field() != null) {
            return node.isObject() ? node.get(step.field()) : null;
        }
        if (!node.isArray()) {
            return null;
        }
        int index = step.index() < 0 ? node.size() + step.index() : step.index();
        return index >= 0 && index < node.size() ? node.get(index) : null;
    }

    @Override
    public String toString() {
        return text;
    }
}

package dev.serverlesslab.emulator.events;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a target receives of a matched event, as "Transforming target input" in the EventBridge guide describes: the
 * whole event, a constant {@code Input}, the part an {@code InputPath} selects, or an {@code InputTemplate} with
 * {@code <name>} placeholders filled from {@code InputPathsMap} and the reserved {@code aws.events.*} variables. A
 * placeholder inside a JSON string gets the value's text (escaped for JSON); outside a string it gets the value as
 * JSON (a string with its quotes, an object as an object).
 */
final class TargetInput {

    private static final Pattern PATH = Pattern.compile("\\$((\\.[^.\\[\\]]+|\\[\\d+\\]|\\['[^']*'\\])*)");
    private static final Pattern STEP = Pattern.compile("\\.([^.\\[\\]]+)|\\[(\\d+)\\]|\\['([^']*)'\\]");
    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.\\-]+)>");

    private TargetInput() {
    }

    /** Checks a JSONPath as InputPath and InputPathsMap take it; {@code ValidationException} otherwise. */
    static void checkPath(String path, String field) {
        if (path == null || !PATH.matcher(path).matches()) {
            throw EventsErrors.validation(field + " '" + path + "' is not a JSONPath EventBridge reads, e.g. $.detail"
                    + " or $.detail.items[0].id");
        }
    }

    /** The body sent to the target for this event. */
    static String render(JsonNode event, String eventJson, RuleTarget target, Rule rule, long ingestionMillis) {
        if (target.input() != null) {
            return target.input();
        }
        if (target.inputPath() != null) {
            JsonNode selected = select(event, target.inputPath());
            return selected.isMissingNode() ? "null" : selected.toString();
        }
        if (target.inputTemplate() != null) {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            target.inputPathsMap().forEach((name, path) -> values.put(name, select(event, path)));
            return fill(target.inputTemplate(), values, eventJson, rule, ingestionMillis);
        }
        return eventJson;
    }

    static JsonNode select(JsonNode root, String path) {
        Matcher whole = PATH.matcher(path);
        if (!whole.matches()) {
            return MissingNode.getInstance();
        }
        JsonNode node = root;
        Matcher step = STEP.matcher(whole.group(1));
        while (step.find() && !node.isMissingNode()) {
            if (step.group(2) != null) {
                node = node.path(Integer.parseInt(step.group(2)));
            } else {
                node = node.path(step.group(1) != null ? step.group(1) : step.group(3));
            }
        }
        return node;
    }

    private static String fill(String template, Map<String, JsonNode> values, String eventJson, Rule rule,
            long ingestionMillis) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '\\' && inString && i + 1 < template.length()) {
                out.append(c).append(template.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '"') {
                inString = !inString;
            }
            Matcher placeholder = PLACEHOLDER.matcher(template);
            if (c == '<' && placeholder.find(i) && placeholder.start() == i) {
                String name = placeholder.group(1);
                String replacement = value(name, values, eventJson, rule, ingestionMillis, inString);
                if (replacement != null) {
                    out.append(replacement);
                    i = placeholder.end();
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** The text for one placeholder, or null when the name is no variable (the text is then kept as written). */
    private static String value(String name, Map<String, JsonNode> values, String eventJson, Rule rule,
            long ingestionMillis, boolean inString) {
        JsonNode value;
        switch (name) {
            case "aws.events.rule-arn" -> value = TextNode.valueOf(rule.arn());
            case "aws.events.rule-name" -> value = TextNode.valueOf(rule.name());
            case "aws.events.event.ingestion-time" -> value = TextNode.valueOf(
                    Instant.ofEpochMilli(ingestionMillis).toString());
            case "aws.events.event", "aws.events.event.json" -> {
                return inString ? escape(eventJson) : eventJson;
            }
            default -> {
                if (!values.containsKey(name)) {
                    return null;
                }
                value = values.get(name);
            }
        }
        if (value == null || value.isMissingNode()) {
            value = NullNode.getInstance();
        }
        if (inString) {
            return escape(value.isTextual() ? value.asText() : value.isNull() ? "" : value.toString());
        }
        return value.toString();
    }

    private static String escape(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }
}

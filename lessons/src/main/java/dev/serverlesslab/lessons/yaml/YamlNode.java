package dev.serverlesslab.lessons.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.serverlesslab.lessons.ContentException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers the line it was written on, so content errors can point authors at the right line.
 *
 * <p>The line of a mapping's value is the line of its key; the line of a list item is the item's own line.
 *
 * <p>Jackson's tree model drops source locations, so this walks the streaming parser instead. The value is a
 * {@code Map<String, YamlNode>} for mappings (in source order), a {@code List<YamlNode>} for sequences, or a plain
 * scalar: {@code String}, {@code Number}, {@code Boolean} or null.
 */
public record YamlNode(Object value, int line) {

    private static final YAMLFactory YAML = new YAMLFactory();

    /**
     * Parses one YAML document.
     *
     * @param yaml      the YAML text
     * @param firstLine the line of the enclosing file that the text starts on (1 for a whole file)
     * @return the root node; a null-valued node on {@code firstLine} when the text holds no value at all
     * @throws ContentException without a file, at the offending line, when the text is not valid YAML
     */
    public static YamlNode parse(String yaml, int firstLine) {
        int offset = firstLine - 1;
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlNode(null, firstLine);
            }
            YamlNode root = readValue(parser, offset, lineOf(parser, offset));
            if (parser.nextToken() != null) {
                throw new ContentException(null, lineOf(parser, offset),
                        "a second YAML document starts here; keep a single document");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw syntaxError(e, offset, firstLine);
        } catch (IOException e) {
            throw new ContentException(null, firstLine, "YAML could not be read: " + e.getMessage(), e);
        }
    }

    private static YamlNode readValue(JsonParser parser, int offset, int line) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> new YamlNode(readMapping(parser, offset), line);
            case START_ARRAY -> new YamlNode(readSequence(parser, offset), line);
            case VALUE_STRING -> new YamlNode(parser.getText(), line);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new YamlNode(parser.getNumberValue(), line);
            case VALUE_TRUE, VALUE_FALSE -> new YamlNode(token == JsonToken.VALUE_TRUE, line);
            case VALUE_NULL -> new YamlNode(null, line);
            default -> new YamlNode(parser.getText(), line);
        };
    }

    private static Map<String, YamlNode> readMapping(JsonParser parser, int offset) throws IOException {
        Map<String, YamlNode> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            int keyLine = lineOf(parser, offset);
            parser.nextToken();
            // A field's value is located at its key: a nested list starts a line further down, but the key is
            // what an author looks for when told that the field is wrong.
            YamlNode previous = fields.put(name, readValue(parser, offset, keyLine));
            // YAML forbids duplicate keys, but Jackson's streaming parser lets the last one silently win.
            if (previous != null) {
                throw new ContentException(null, keyLine,
                        "field '" + name + "' appears twice (first at line " + previous.line() + "); keep one");
            }
        }
        return Collections.unmodifiableMap(fields);
    }

    private static List<YamlNode> readSequence(JsonParser parser, int offset) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readValue(parser, offset, lineOf(parser, offset)));
        }
        return Collections.unmodifiableList(items);
    }

    private static int lineOf(JsonParser parser, int offset) {
        return parser.currentTokenLocation().getLineNr() + offset;
    }

    private static ContentException syntaxError(JsonProcessingException e, int offset, int firstLine) {
        // SnakeYAML, under Jackson, knows both where the broken construct started (its context) and where parsing
        // failed (the problem); Jackson keeps only the start. The author needs the failing line and both texts.
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            int line = yaml.getProblemMark().getLine() + 1 + offset;
            String problem = "not valid YAML: " + yaml.getProblem();
            if (yaml.getContext() != null && yaml.getContextMark() != null) {
                problem += " (" + yaml.getContext() + " that starts on line "
                        + (yaml.getContextMark().getLine() + 1 + offset) + ")";
            }
            return new ContentException(null, line, problem, e);
        }
        JsonLocation location = e.getLocation();
        int line = location == null || location.getLineNr() < 1 ? firstLine : location.getLineNr() + offset;
        String message = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage().lines()
                .findFirst().orElse("syntax error").strip();
        return new ContentException(null, line, "not valid YAML: " + message, e);
    }

    public boolean isMapping() {
        return value instanceof Map;
    }

    public boolean isSequence() {
        return value instanceof List;
    }

    public boolean isText() {
        return value instanceof String;
    }

    public boolean isNull() {
        return value == null;
    }

    /** The fields of a mapping, in source order; empty for any other kind of value. */
    @SuppressWarnings("unchecked")
    public Map<String, YamlNode> fields() {
        return isMapping() ? (Map<String, YamlNode>) value : Map.of();
    }

    /** The items of a sequence; empty for any other kind of value. */
    @SuppressWarnings("unchecked")
    public List<YamlNode> items() {
        return isSequence() ? (List<YamlNode>) value : List.of();
    }

    /** The text of a string scalar, or null for any other kind of value. */
    public String text() {
        return isText() ? (String) value : null;
    }

    /** The kind of value in words, for error messages such as "must be text, not a list". */
    public String kind() {
        if (isMapping()) {
            return "a mapping";
        }
        if (isSequence()) {
            return "a list";
        }
        if (isText()) {
            return "text";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "true/false";
        }
        return "empty";
    }

    /** The value as plain Java data (maps, lists, scalars) without line numbers, e.g. for templates. */
    public Object toPlain() {
        if (isMapping()) {
            Map<String, Object> plain = new LinkedHashMap<>();
            fields().forEach((name, node) -> plain.put(name, node.toPlain()));
            return Collections.unmodifiableMap(plain);
        }
        if (isSequence()) {
            List<Object> plain = new ArrayList<>();
            items().forEach(node -> plain.add(node.toPlain()));
            return Collections.unmodifiableList(plain);
        }
        return value;
    }
}

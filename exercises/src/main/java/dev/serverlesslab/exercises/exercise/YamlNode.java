package dev.serverlesslab.exercises.exercise;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value read from Jackson's streaming parser, keeping the line each value starts on so every complaint about
 * a descriptor can point at its line (Jackson's tree model forgets positions).
 */
sealed interface YamlNode {

    int line();

    /** What a person calls this kind of value, for "must be X, got Y" messages. */
    String describe();

    /** A single value; {@code text} is null for an empty value, {@code token} tells strings from numbers. */
    record Scalar(String text, JsonToken token, int line) implements YamlNode {
        @Override
        public String describe() {
            return "a single value";
        }

        boolean isString() {
            return token == JsonToken.VALUE_STRING;
        }

        boolean isNull() {
            return text == null;
        }
    }

    /** A list. */
    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A mapping; each entry remembers the line of its key. */
    record Mapping(Map<String, YamlNode> entries, Map<String, Integer> keyLines, int line) implements YamlNode {
        @Override
        public String describe() {
            return "a nested mapping";
        }
    }

    /**
     * Reads the value the parser's current token starts, naming duplicate keys by their field path.
     *
     * @param path the field path of this value, e.g. {@code resources.tables}; empty at the top
     */
    static YamlNode read(JsonParser parser, String path, DescriptorLocation at) throws IOException {
        JsonToken token = parser.currentToken();
        int line = parser.currentTokenLocation().getLineNr();
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(parser, path + "[" + index++ + "]", at));
            }
            return new Sequence(Collections.unmodifiableList(items), line);
        }
        if (token == JsonToken.START_OBJECT) {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = parser.currentTokenLocation().getLineNr();
                String field = path.isEmpty() ? key : path + "." + key;
                if (keyLines.containsKey(key)) {
                    throw at.error(keyLine, "field '" + field + "' is given twice (first on line "
                            + keyLines.get(key) + "): keep one");
                }
                keyLines.put(key, keyLine);
                parser.nextToken();
                entries.put(key, read(parser, field, at));
            }
            return new Mapping(Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keyLines), line);
        }
        return new Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), token, line);
    }
}

package dev.serverlesslab.content;

import dev.serverlesslab.content.YamlNode.Mapping;
import dev.serverlesslab.content.YamlNode.Scalar;
import dev.serverlesslab.content.YamlNode.Sequence;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of the values of one content file by field path ({@code modules[0].title}, {@code resources.tables}),
 * each failing with a {@link ContentException} in the shape {@code file:line: field 'path': what is wrong and what is
 * allowed}, so lessons and exercises word their complaints alike.
 */
public final class YamlFields {

    private final String file;

    /** @param file the file as authors know it, e.g. {@code content/course.yml}; null while not known yet */
    public YamlFields(String file) {
        this.file = file;
    }

    /** The file the values come from. */
    public String file() {
        return file;
    }

    public ContentException error(int line, String field, String problem) {
        return new ContentException(file, line, "field '" + field + "': " + problem);
    }

    public ContentException error(int line, String problem) {
        return new ContentException(file, line, problem);
    }

    /** Rejects keys of {@code mapping} outside {@code allowed}, naming the first unknown one. */
    public void allowOnly(Mapping mapping, String path, List<String> allowed) {
        for (var entry : mapping.entries().entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                throw error(entry.getValue().line(), "unknown field '" + join(path, entry.getKey())
                        + "': allowed fields are " + String.join(", ", allowed));
            }
        }
    }

    public Mapping mapping(YamlNode node, String field, String example) {
        if (node instanceof Mapping mapping) {
            return mapping;
        }
        throw error(node.line(), field, "must be a mapping of names to values, e.g. " + example
                + ", got " + node.kind());
    }

    public Sequence sequence(YamlNode node, String field, String example) {
        if (node instanceof Sequence sequence) {
            return sequence;
        }
        throw error(node.line(), field, "must be a list, e.g. " + example + ", got " + node.kind());
    }

    /** A non-empty single value, stripped; numbers and booleans as written. */
    public String text(YamlNode node, String field) {
        if (!(node instanceof Scalar scalar)) {
            throw error(node.line(), field, "must be a single value, got " + node.kind());
        }
        if (scalar.isNull() || scalar.text().isBlank()) {
            throw error(node.line(), field, "is empty: give it a value");
        }
        return scalar.text().strip();
    }

    /** The value of a required key of {@code mapping}. */
    public YamlNode required(Mapping mapping, String path, String key, String hint) {
        YamlNode node = mapping.entries().get(key);
        if (node == null) {
            throw error(mapping.line(), "missing required field '" + join(path, key) + "': " + hint);
        }
        return node;
    }

    /** The non-empty single value of a required key of {@code mapping}. */
    public String requiredText(Mapping mapping, String path, String key, String hint) {
        return text(required(mapping, path, key, hint), join(path, key));
    }

    /** The single value of an optional key, stripped; empty when the key is absent or has no value. */
    public String optionalText(Mapping mapping, String path, String key) {
        YamlNode node = mapping.entries().get(key);
        return node == null || node.isNull() ? "" : text(node, join(path, key));
    }

    /** A list of non-empty single values, e.g. lesson or exercise ids. */
    public List<String> textList(YamlNode node, String field, String example) {
        List<YamlNode> items = sequence(node, field, example).items();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            texts.add(text(items.get(i), field + "[" + i + "]"));
        }
        return texts;
    }

    /** A single value that must be one of {@code allowed}. */
    public String oneOf(YamlNode node, String field, List<String> allowed) {
        String value = text(node, field);
        if (!allowed.contains(value)) {
            throw error(node.line(), field, "'" + value + "' is not one of " + String.join(", ", allowed));
        }
        return value;
    }

    /** {@code path.key}, or {@code key} at the top. */
    public static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}

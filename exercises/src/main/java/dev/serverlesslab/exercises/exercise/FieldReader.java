package dev.serverlesslab.exercises.exercise;

import dev.serverlesslab.content.YamlNode;
import dev.serverlesslab.content.YamlNode.Mapping;
import dev.serverlesslab.content.YamlNode.Scalar;
import dev.serverlesslab.content.YamlNode.Sequence;
import java.util.List;

/**
 * Typed reads of descriptor values by field path, each failing with the file, line, field and what is allowed.
 */
final class FieldReader {

    private final DescriptorLocation at;

    FieldReader(DescriptorLocation at) {
        this.at = at;
    }

    DescriptorLocation at() {
        return at;
    }

    /** Rejects keys of {@code mapping} outside {@code allowed}, naming the first unknown one. */
    void allowOnly(Mapping mapping, String path, List<String> allowed) {
        for (var entry : mapping.entries().entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                throw at.error(entry.getValue().line(), "unknown field '" + join(path, entry.getKey())
                        + "': allowed fields are " + String.join(", ", allowed));
            }
        }
    }

    Mapping mapping(YamlNode node, String field, String example) {
        if (node instanceof Mapping mapping) {
            return mapping;
        }
        throw at.error(node.line(), field, "must be a mapping of names to values, e.g. " + example
                + ", got " + node.kind());
    }

    Sequence sequence(YamlNode node, String field, String example) {
        if (node instanceof Sequence sequence) {
            return sequence;
        }
        throw at.error(node.line(), field, "must be a list, e.g. " + example + ", got " + node.kind());
    }

    /** A non-empty single value, stripped. */
    String text(YamlNode node, String field) {
        if (!(node instanceof Scalar scalar)) {
            throw at.error(node.line(), field, "must be a single value, got " + node.kind());
        }
        if (scalar.isNull() || scalar.text().isBlank()) {
            throw at.error(node.line(), field, "is empty: give it a value");
        }
        return scalar.text().strip();
    }

    /** The value of a required key of {@code mapping}. */
    YamlNode required(Mapping mapping, String path, String key, String hint) {
        YamlNode node = mapping.entries().get(key);
        if (node == null) {
            throw at.error(mapping.line(), "missing required field '" + join(path, key) + "': " + hint);
        }
        return node;
    }

    /** A single value that must be one of {@code allowed}. */
    String oneOf(YamlNode node, String field, List<String> allowed) {
        String value = text(node, field);
        if (!allowed.contains(value)) {
            throw at.error(node.line(), field, "'" + value + "' is not one of " + String.join(", ", allowed));
        }
        return value;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}

package dev.serverlesslab.lessons.course;

import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.content.YamlNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Typed, located access to the fields of one YAML mapping, so every content error names the file, the line, the
 * field and what is expected.
 */
final class Fields {

    private final String file;
    private final String subject;
    private final YamlNode mapping;

    /**
     * @param file    the file as shown to authors, e.g. {@code content/course.yml}
     * @param subject how a field is called in messages, e.g. "front matter field" or "module field"
     * @param mapping the mapping to read
     * @param allowed the field names this mapping may contain, in the order they are listed in messages
     */
    Fields(String file, String subject, YamlNode mapping, List<String> allowed) {
        this.file = file;
        this.subject = subject;
        this.mapping = mapping;
        Set<String> known = Set.copyOf(allowed);
        mapping.fields().forEach((name, node) -> {
            if (!known.contains(name)) {
                throw new ContentException(file, node.line(),
                        "unknown " + subject + " '" + name + "'; allowed fields: " + String.join(", ", allowed));
            }
        });
    }

    String requiredText(String name) {
        YamlNode node = required(name);
        String text = text(name, node);
        if (text.isBlank()) {
            throw new ContentException(file, node.line(), subject + " '" + name + "' is empty; fill it in");
        }
        return text.strip();
    }

    String optionalText(String name) {
        YamlNode node = mapping.fields().get(name);
        return node == null || node.isNull() ? "" : text(name, node).strip();
    }

    List<YamlNode> requiredList(String name, String example) {
        return list(name, required(name), example);
    }

    /** A list of non-blank strings, e.g. lesson or exercise ids; empty when the field is absent. */
    List<String> optionalTextList(String name, String example) {
        YamlNode node = mapping.fields().get(name);
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (YamlNode item : list(name, node, example)) {
            texts.add(listedText(name, item, example));
        }
        return texts;
    }

    /** Checks one item of a list field is non-blank text. */
    String listedText(String name, YamlNode item, String example) {
        if (!item.isText() || item.text().isBlank()) {
            throw new ContentException(file, item.line(), "each entry of " + subject + " '" + name
                    + "' must be a non-empty name, not " + item.kind() + "; write it like " + example);
        }
        return item.text().strip();
    }

    private YamlNode required(String name) {
        YamlNode node = mapping.fields().get(name);
        if (node == null || node.isNull()) {
            int line = node == null ? mapping.line() : node.line();
            throw new ContentException(file, line, subject + " '" + name + "' is required");
        }
        return node;
    }

    private String text(String name, YamlNode node) {
        if (!node.isText()) {
            // Unquoted YAML such as `title: 1.10` arrives as a number that no longer reads as written, so ask for
            // quotes instead of guessing the author's text back.
            throw new ContentException(file, node.line(), subject + " '" + name + "' must be text, not "
                    + node.kind() + "; put the value in quotes if it is meant as text");
        }
        return node.text();
    }

    private List<YamlNode> list(String name, YamlNode node, String example) {
        if (!node.isSequence()) {
            throw new ContentException(file, node.line(),
                    subject + " '" + name + "' must be a list, not " + node.kind() + "; write it like " + example);
        }
        return node.items();
    }
}

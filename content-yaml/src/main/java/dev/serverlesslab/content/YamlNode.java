package dev.serverlesslab.content;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Constructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A value of a content YAML file (course.yml, front matter, quizzes, exercise.yml) that remembers the line it was
 * written on, so every content error can say {@code file:line: field 'x': ...}.
 *
 * <p>Read with SnakeYAML's node API ({@link Yaml#composeAll}), which keeps each node's position. The line of a
 * mapping's value is the line of its key (a nested list starts a line further down, but the key is what an author
 * looks for); the line of a list item is the item's own line.
 */
public sealed interface YamlNode {

    /** The 1-based line of the file the value is written on. */
    int line();

    /** What kind of value this is, in words, for messages such as "must be text, not a list". */
    String kind();

    /**
     * Parses one YAML document.
     *
     * @param yaml      the YAML text
     * @param firstLine the line of the enclosing file that the text starts on (1 for a whole file)
     * @return the root; an empty scalar on {@code firstLine} when the text holds no value at all
     * @throws ContentException without a file, at the offending line, when the text is not one valid YAML document
     *                          or repeats a key
     */
    static YamlNode parse(String yaml, int firstLine) {
        return Reader.parse(yaml, firstLine);
    }

    /** A single value: its text as written ({@code null} when empty) and what YAML reads it as. */
    record Scalar(String text, Type type, int line) implements YamlNode {

        /** How YAML reads a scalar; quoted scalars are always {@link #STRING}. */
        public enum Type { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

        @Override
        public String kind() {
            return switch (type) {
                case STRING -> "text";
                case INTEGER, FLOAT -> "a number";
                case BOOLEAN -> "true/false";
                case NULL -> "empty";
            };
        }
    }

    /** A list. */
    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A mapping, in source order; each value is located at its key. */
    record Mapping(Map<String, YamlNode> entries, int line) implements YamlNode {
        @Override
        public String kind() {
            return "a mapping";
        }
    }

    default boolean isMapping() {
        return this instanceof Mapping;
    }

    default boolean isSequence() {
        return this instanceof Sequence;
    }

    /** Whether this is a string scalar (quoted, or plain text YAML does not read as a number, boolean or null). */
    default boolean isText() {
        return this instanceof Scalar scalar && scalar.type() == Scalar.Type.STRING;
    }

    default boolean isNull() {
        return this instanceof Scalar scalar && scalar.type() == Scalar.Type.NULL;
    }

    /** The fields of a mapping, in source order; empty for any other kind of value. */
    default Map<String, YamlNode> fields() {
        return this instanceof Mapping mapping ? mapping.entries() : Map.of();
    }

    /** The items of a sequence; empty for any other kind of value. */
    default List<YamlNode> items() {
        return this instanceof Sequence sequence ? sequence.items() : List.of();
    }

    /** A scalar's text as written (also for numbers and booleans); null when empty, and for mappings and lists. */
    default String text() {
        return null;
    }

    /** A scalar as Java data: {@code String}, {@code Integer}/{@code Long}/{@code BigInteger}, {@code Double},
     * {@code Boolean} or null; null for mappings and lists too. */
    default Object value() {
        return this instanceof Scalar scalar ? Reader.value(scalar) : null;
    }

    /** The value as plain Java data (maps, lists, scalars) without line numbers, e.g. for templates. */
    default Object toPlain() {
        if (this instanceof Mapping mapping) {
            Map<String, Object> plain = new LinkedHashMap<>();
            mapping.entries().forEach((name, node) -> plain.put(name, node.toPlain()));
            return Collections.unmodifiableMap(plain);
        }
        if (this instanceof Sequence sequence) {
            List<Object> plain = new ArrayList<>();
            sequence.items().forEach(node -> plain.add(node.toPlain()));
            return Collections.unmodifiableList(plain);
        }
        return value();
    }

    /** Turns SnakeYAML's node graph into located values. */
    final class Reader {

        // Plain scalars are typed as YAML 1.2's core schema (and Jackson, which read content before) types them: only
        // true/false are booleans, so `answer: yes` or `country: NO` stay text, unlike SnakeYAML's YAML 1.1 resolver.
        private static final Pattern CORE_NULL = Pattern.compile("^(?:~|null|Null|NULL|)$");
        private static final Pattern CORE_BOOLEAN = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
        private static final Pattern CORE_INTEGER = Pattern.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$");
        private static final Pattern CORE_FLOAT = Pattern.compile(
                "^(?:[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$");

        private Reader() {
        }

        static YamlNode parse(String yaml, int firstLine) {
            int offset = firstLine - 1;
            LoaderOptions options = new LoaderOptions();
            options.setProcessComments(false);
            try {
                Yaml reader = new Yaml(new Constructor(options), new Representer(new DumperOptions()),
                        new DumperOptions(), options, new CoreSchema());
                Iterator<Node> documents = reader.composeAll(new StringReader(yaml)).iterator();
                if (!documents.hasNext()) {
                    return new Scalar(null, Scalar.Type.NULL, firstLine);
                }
                Node root = documents.next();
                YamlNode result = root == null ? new Scalar(null, Scalar.Type.NULL, firstLine)
                        : read(root, "", lineOf(root, offset), offset);
                if (documents.hasNext()) {
                    Node second = documents.next();
                    int line = second == null ? firstLine : lineOf(second, offset);
                    throw new ContentException(null, line,
                            "a second YAML document starts here; keep a single document (remove the '---')");
                }
                return result;
            } catch (MarkedYAMLException e) {
                throw syntaxError(e, offset, firstLine);
            } catch (YAMLException e) {
                throw new ContentException(null, firstLine, "not valid YAML: " + e.getMessage(), e);
            }
        }

        private static YamlNode read(Node node, String path, int line, int offset) {
            if (node instanceof MappingNode mapping) {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    int keyLine = lineOf(tuple.getKeyNode(), offset);
                    String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
                    if (key == null) {
                        throw new ContentException(null, keyLine, "a field name must be plain text, not a "
                                + (tuple.getKeyNode() instanceof SequenceNode ? "list" : "mapping"));
                    }
                    String field = path.isEmpty() ? key : path + "." + key;
                    YamlNode previous = entries.put(key, read(tuple.getValueNode(), field, keyLine, offset));
                    // YAML forbids duplicate keys; SnakeYAML's composer leaves that to its constructor.
                    if (previous != null) {
                        throw new ContentException(null, keyLine, "field '" + field
                                + "' is given twice (first on line " + previous.line() + "): keep one");
                    }
                }
                return new Mapping(Collections.unmodifiableMap(entries), line);
            }
            if (node instanceof SequenceNode sequence) {
                List<YamlNode> items = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    items.add(read(item, path + "[" + items.size() + "]", lineOf(item, offset), offset));
                }
                return new Sequence(Collections.unmodifiableList(items), line);
            }
            ScalarNode scalar = (ScalarNode) node;
            Scalar.Type type = type(scalar);
            return new Scalar(type == Scalar.Type.NULL ? null : scalar.getValue(), type, line);
        }

        private static Scalar.Type type(ScalarNode scalar) {
            Tag tag = scalar.getTag();
            if (Tag.INT.equals(tag)) {
                return Scalar.Type.INTEGER;
            }
            if (Tag.FLOAT.equals(tag)) {
                return Scalar.Type.FLOAT;
            }
            if (Tag.BOOL.equals(tag)) {
                return Scalar.Type.BOOLEAN;
            }
            return Tag.NULL.equals(tag) ? Scalar.Type.NULL : Scalar.Type.STRING;
        }

        static Object value(Scalar scalar) {
            String text = scalar.text();
            return switch (scalar.type()) {
                case NULL -> null;
                case STRING -> text;
                case BOOLEAN -> Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
                case INTEGER -> integer(text);
                case FLOAT -> floating(text);
            };
        }

        private static Object integer(String text) {
            BigInteger value;
            try {
                if (text.startsWith("0x")) {
                    value = new BigInteger(text.substring(2), 16);
                } else if (text.startsWith("0o")) {
                    value = new BigInteger(text.substring(2), 8);
                } else {
                    value = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
                }
            } catch (NumberFormatException e) {
                return text;
            }
            if (value.bitLength() < 32) {
                return value.intValue();
            }
            return value.bitLength() < 64 ? (Object) value.longValue() : value;
        }

        private static Object floating(String text) {
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".inf")) {
                return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (lower.equals(".nan")) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return text;
            }
        }

        /** Types plain scalars by YAML 1.2's core schema; quoted and explicitly tagged scalars keep their tag. */
        private static final class CoreSchema extends Resolver {
            @Override
            protected void addImplicitResolvers() {
                // The last argument lists the first characters a match can start with ("\0" for the empty value).
                addImplicitResolver(Tag.NULL, CORE_NULL, "~nN\0");
                addImplicitResolver(Tag.BOOL, CORE_BOOLEAN, "tTfF");
                addImplicitResolver(Tag.INT, CORE_INTEGER, "-+0123456789");
                addImplicitResolver(Tag.FLOAT, CORE_FLOAT, "-+0123456789.");
            }
        }

        private static int lineOf(Node node, int offset) {
            return node.getStartMark().getLine() + 1 + offset;
        }

        private static ContentException syntaxError(MarkedYAMLException e, int offset, int firstLine) {
            // SnakeYAML knows where the broken construct started (its context) and where parsing failed (the
            // problem); the author needs the failing line and both texts.
            if (e.getProblemMark() == null) {
                return new ContentException(null, firstLine, "not valid YAML: " + e.getProblem(), e);
            }
            int line = e.getProblemMark().getLine() + 1 + offset;
            String problem = "not valid YAML: " + e.getProblem();
            if (e.getContext() != null && e.getContextMark() != null) {
                problem += " (" + e.getContext() + " that starts on line "
                        + (e.getContextMark().getLine() + 1 + offset) + ")";
            }
            return new ContentException(null, line, problem, e);
        }
    }
}

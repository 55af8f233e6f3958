package dev.serverlesslab.exercises.exercise;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one {@code exercise.yml} with Jackson's streaming YAML parser, so each complaint can name its line.
 */
final class ExerciseDescriptorParser {

    static final List<String> FIELDS = List.of("title", "lesson", "runtime", "handler", "memory", "timeout", "points");
    static final List<String> RUNTIMES = List.of("java11", "java17", "java21");

    private static final String DEFAULT_RUNTIME = "java17";
    private static final int DEFAULT_MEMORY_MB = 512;
    private static final int DEFAULT_TIMEOUT_S = 10;

    // Lambda's Java runtime accepts "pkg.Class::method", or "pkg.Class" when the class implements a handler interface.
    private static final String IDENTIFIER = "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*";
    private static final Pattern HANDLER =
            Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")*(::" + IDENTIFIER + ")?");

    private final YAMLFactory yaml = new YAMLFactory();

    /**
     * Parses the descriptor of the exercise in {@code directory}.
     *
     * @param defaultPoints points to use when the descriptor leaves them out (the number of checks)
     */
    Exercise parse(String id, Path directory, Path file, int defaultPoints) {
        Fields fields = readFields(file);
        Map<String, Value> values = fields.values();
        Location at = new Location(file, fields.line());

        String title = requiredText(values, "title", at,
                "add the name students will see, e.g. title: Hello, Lambda");
        String lesson = requiredText(values, "lesson", at,
                "add the id of the lesson it belongs to, e.g. lesson: 01-intro");
        String handler = requiredText(values, "handler", at,
                "add the Lambda handler, e.g. handler: example.Hello::handleRequest");
        if (!HANDLER.matcher(handler).matches()) {
            throw at.error(values.get("handler").line(), "handler", "must look like 'package.Class::method' or "
                    + "'package.Class', got '" + handler + "'");
        }
        String runtime = values.containsKey("runtime") ? text(values.get("runtime"), "runtime", at) : DEFAULT_RUNTIME;
        if (!RUNTIMES.contains(runtime)) {
            throw at.error(values.get("runtime").line(), "runtime",
                    "must be one of " + String.join(", ", RUNTIMES) + ", got '" + runtime + "'");
        }
        int memory = number(values, "memory", DEFAULT_MEMORY_MB, 128, 10240, "MB", at);
        int timeout = number(values, "timeout", DEFAULT_TIMEOUT_S, 1, 900, "seconds", at);
        int points = number(values, "points", defaultPoints, 0, Integer.MAX_VALUE, "points", at);
        return new Exercise(id, title, lesson, runtime, handler, memory, timeout, points, directory);
    }

    /**
     * A scalar field value with the line it was written on; {@code text} is null for an empty value, {@code number}
     * is null unless the value is a whole number that fits a long.
     */
    private record Value(String text, Long number, int line) {
    }

    /** The fields of the descriptor, and the line where they start (to point at when a field is missing). */
    private record Fields(Map<String, Value> values, int line) {
    }

    /** Builds messages in the "file:line: field 'x': what is wrong" shape. */
    private record Location(Path file, int line) {
        ExerciseDefinitionException error(int line, String field, String problem) {
            return new ExerciseDefinitionException(file + ":" + line + ": field '" + field + "': " + problem);
        }

        ExerciseDefinitionException error(int line, String problem) {
            return new ExerciseDefinitionException(file + ":" + line + ": " + problem);
        }
    }

    private Fields readFields(Path file) {
        Location at = new Location(file, 1);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonParser parser = yaml.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw at.error(1, "the file is empty: it needs at least title, lesson and handler");
            }
            if (first != JsonToken.START_OBJECT) {
                throw at.error(line(parser), "expected fields written as 'name: value' ("
                        + String.join(", ", FIELDS) + "), got " + describe(first));
            }
            Map<String, Value> values = new HashMap<>();
            int mappingLine = line(parser);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int line = line(parser);
                if (!FIELDS.contains(name)) {
                    throw at.error(line, "unknown field '" + name + "': allowed fields are "
                            + String.join(", ", FIELDS));
                }
                if (values.containsKey(name)) {
                    throw at.error(line, "field '" + name + "' is given twice (first on line "
                            + values.get(name).line() + "): keep one");
                }
                JsonToken valueToken = parser.nextToken();
                if (valueToken.isStructStart()) {
                    throw at.error(line, name, "must be a single value, got " + describe(valueToken));
                }
                String text = valueToken == JsonToken.VALUE_NULL ? null : parser.getText();
                values.put(name, new Value(text, wholeNumber(parser, valueToken), line));
            }
            if (parser.nextToken() != null) {
                throw at.error(line(parser), "the file holds more than one YAML document: remove the '---' separator");
            }
            return new Fields(values, mappingLine);
        } catch (JsonProcessingException e) {
            throw new ExerciseDefinitionException(file + ":" + errorLine(e) + ": not valid YAML: " + problem(e)
                    + ": check the indentation and quoting on this line and the one before", e);
        } catch (IOException e) {
            throw new ExerciseDefinitionException(file + ": cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    private static String requiredText(Map<String, Value> values, String field, Location at, String hint) {
        Value value = values.get(field);
        if (value == null) {
            throw at.error(at.line(), "missing required field '" + field + "': " + hint);
        }
        return text(value, field, at);
    }

    private static String text(Value value, String field, Location at) {
        if (value.text() == null || value.text().isBlank()) {
            throw at.error(value.line(), field, "is empty: give it a value");
        }
        return value.text().strip();
    }

    private static int number(Map<String, Value> values, String field, int fallback, int min, int max, String unit,
                              Location at) {
        Value value = values.get(field);
        if (value == null) {
            return fallback;
        }
        String range = max == Integer.MAX_VALUE ? "a whole number >= " + min : min + ".." + max + " " + unit;
        Long number = value.number();
        if (number == null || number < min || number > max) {
            String got = value.text() == null ? "nothing" : value.text();
            throw at.error(value.line(), field, "must be " + range + ", got " + got);
        }
        return number.intValue();
    }

    private static Long wholeNumber(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            return null;
        }
        JsonParser.NumberType type = parser.getNumberType();
        // A BigInteger is out of every allowed range; treating it as "not a number" gives the same message.
        return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG ? parser.getLongValue() : null;
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a nested mapping";
            default -> "a single value";
        };
    }

    // SnakeYAML's own mark points at the offending character; Jackson's location can lag one token behind.
    private static int errorLine(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return marked.getProblemMark().getLine() + 1;
        }
        return e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
    }

    private static String problem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
            return marked.getProblem() + context;
        }
        return e.getOriginalMessage();
    }
}

package dev.serverlesslab.exercises.exercise;

import dev.serverlesslab.content.YamlFields;
import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.content.YamlNode;
import dev.serverlesslab.exercises.build.SdkModules;
import dev.serverlesslab.content.YamlNode.Mapping;
import dev.serverlesslab.content.YamlNode.Scalar;
import dev.serverlesslab.content.YamlNode.Sequence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one {@code exercise.yml} through the content YAML reader, so each complaint can name its line.
 */
final class ExerciseDescriptorParser {

    static final List<String> FIELDS = List.of("title", "lesson", "runtime", "handler", "memory", "timeout",
            "sdk", "environment", "resources", "readOnly", "allowNewFiles", "hints", "solution", "functions");
    static final List<String> FUNCTION_FIELDS = List.of("handler", "memory", "timeout", "environment");
    static final List<String> RUNTIMES = List.of("java11", "java17", "java21", "java25");

    private static final String DEFAULT_RUNTIME = "java17";
    private static final int DEFAULT_MEMORY_MB = 512;
    private static final int DEFAULT_TIMEOUT_S = 10;

    // Lambda's Java runtime accepts "pkg.Class::method", or "pkg.Class" when the class implements a handler interface.
    private static final String IDENTIFIER = "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*";
    private static final Pattern HANDLER =
            Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")*(::" + IDENTIFIER + ")?");
    // Function names end up inside Lambda function names (64 characters at most) beside the exercise id.
    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-z][a-z0-9-]{0,19}");

    /** Parses the descriptor of the exercise in {@code directory}. */
    Exercise parse(String id, Path directory, Path file) {
        YamlFields read = new YamlFields(file.toString());
        Mapping root = readDocument(file, read);
        YamlNode points = root.entries().get("points");
        if (points != null) {
            // One source for what an exercise is worth: what grading counts, so a page never disagrees with a grade.
            throw read.error(points.line(), "points", "is not set here: an exercise is worth the @Points of its "
                    + "checks (1 for a check without), as grading counts them; remove this line");
        }
        read.allowOnly(root, "", FIELDS);
        Map<String, YamlNode> values = root.entries();

        String title = requiredText(read, root, "title", "add the name students will see, e.g. title: Hello, Lambda");
        String lesson = requiredText(read, root, "lesson",
                "add the id of the lesson it belongs to, e.g. lesson: 01-intro");
        Mapping declaredFunctions = values.containsKey("functions")
                ? read.mapping(values.get("functions"), "functions",
                        "functions: {validate: {handler: orders.Validate::handleRequest}}") : null;
        String handler = declaredFunctions != null && !values.containsKey("handler") ? null
                : requiredText(read, root, "handler", "add the Lambda handler, e.g. handler: "
                        + "example.Hello::handleRequest (or list several under functions:)");
        if (handler != null) {
            checkHandler(read, values.get("handler"), "handler", handler);
        }
        Set<String> functionNames = declaredFunctions == null ? Set.of(Exercise.DEFAULT_FUNCTION)
                : functionNames(read, declaredFunctions);
        String runtime = values.containsKey("runtime") ? read.text(values.get("runtime"), "runtime") : DEFAULT_RUNTIME;
        if (!RUNTIMES.contains(runtime)) {
            throw read.error(values.get("runtime").line(), "runtime",
                    "must be one of " + String.join(", ", RUNTIMES) + ", got '" + runtime + "'");
        }
        int memory = number(read, values.get("memory"), "memory", DEFAULT_MEMORY_MB, 128, 10240, "MB");
        int timeout = number(read, values.get("timeout"), "timeout", DEFAULT_TIMEOUT_S, 1, 900, "seconds");
        List<String> sdk = values.containsKey("sdk") ? sdk(read, values.get("sdk")) : List.of();
        ExerciseResources resources = values.containsKey("resources")
                ? new ResourcesParser(read, functionNames).parse(values.get("resources")) : ExerciseResources.none();
        Map<String, String> environment = values.containsKey("environment")
                ? new EnvironmentParser(read).parse(values.get("environment"), "environment", resources) : Map.of();
        Map<String, FunctionSpec> functions = declaredFunctions == null ? Map.of()
                : functions(read, declaredFunctions, handler, memory, timeout, environment, resources);
        if (handler == null) {
            handler = functions.values().iterator().next().handler();
        }
        ExerciseFiles files = new ExerciseFiles(readOnly(read, values.get("readOnly"), directory.resolve("starter")),
                flag(read, values.get("allowNewFiles"), "allowNewFiles"));
        ExerciseAids aids = new AidsParser(read).parse(values, directory);
        return new Exercise(id, title, lesson, runtime, handler, memory, timeout, directory, sdk, environment,
                resources, files, aids, functions);
    }

    private static void checkHandler(YamlFields at, YamlNode node, String field, String handler) {
        if (!HANDLER.matcher(handler).matches()) {
            throw at.error(node.line(), field, "must look like 'package.Class::method' or 'package.Class', got '"
                    + handler + "'");
        }
    }

    private static Set<String> functionNames(YamlFields read, Mapping functions) {
        if (functions.entries().isEmpty()) {
            throw read.error(functions.line(), "functions", "is empty: list at least one function, e.g. "
                    + "functions: {validate: {handler: orders.Validate::handleRequest}}");
        }
        for (String name : functions.entries().keySet()) {
            if (!FUNCTION_NAME.matcher(name).matches()) {
                throw read.error(functions.entries().get(name).line(), "functions." + name, "'" + name + "' is not "
                        + "a usable function name: use 1 to 20 of a-z, 0-9 and '-', starting with a letter");
            }
        }
        return new LinkedHashSet<>(functions.entries().keySet());
    }

    /** The declared functions, each taking the top-level handler, memory, timeout and environment as defaults. */
    private Map<String, FunctionSpec> functions(YamlFields read, Mapping declared, String defaultHandler,
            int defaultMemory, int defaultTimeout, Map<String, String> defaultEnvironment,
            ExerciseResources resources) {
        Map<String, FunctionSpec> functions = new java.util.LinkedHashMap<>();
        declared.entries().forEach((name, node) -> {
            String path = "functions." + name;
            Mapping function = node instanceof Scalar scalar && scalar.isNull()
                    ? new Mapping(Map.of(), node.line())
                    : read.mapping(node, path, "{handler: orders.Validate::handleRequest, timeout: 5}");
            read.allowOnly(function, path, FUNCTION_FIELDS);
            Map<String, YamlNode> fields = function.entries();
            String handler;
            if (fields.containsKey("handler")) {
                handler = read.text(fields.get("handler"), path + ".handler");
                checkHandler(read, fields.get("handler"), path + ".handler", handler);
            } else if (defaultHandler != null) {
                handler = defaultHandler;
            } else {
                throw read.error(function.line(), "missing required field '" + path + ".handler': add the "
                        + "function's Lambda handler, e.g. handler: orders.Validate::handleRequest");
            }
            int memory = number(read, fields.get("memory"), path + ".memory", defaultMemory, 128, 10240, "MB");
            int timeout = number(read, fields.get("timeout"), path + ".timeout", defaultTimeout, 1, 900, "seconds");
            Map<String, String> environment = new java.util.LinkedHashMap<>(defaultEnvironment);
            if (fields.containsKey("environment")) {
                environment.putAll(new EnvironmentParser(read).parse(fields.get("environment"),
                        path + ".environment", resources));
            }
            functions.put(name, new FunctionSpec(name, handler, memory, timeout, environment));
        });
        return functions;
    }

    private static Mapping readDocument(Path file, YamlFields at) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ContentException(file.toString(), 0, "cannot read the file (" + e.getMessage() + ")", e);
        }
        YamlNode document;
        try {
            document = YamlNode.parse(text, 1);
        } catch (ContentException e) {
            String hint = e.problem().startsWith("not valid YAML")
                    ? ": check the indentation and quoting on this line and the one before" : "";
            throw new ContentException(file.toString(), e.line(), e.problem() + hint, e.getCause());
        }
        if (document.isNull()) {
            throw at.error(1, "the file is empty: it needs at least title, lesson and handler");
        }
        if (!(document instanceof Mapping root)) {
            throw at.error(document.line(), "expected fields written as 'name: value' ("
                    + String.join(", ", FIELDS) + "), got " + document.kind());
        }
        return root;
    }

    private static List<String> sdk(YamlFields read, YamlNode node) {
        Sequence list = read.sequence(node, "sdk", "sdk: [dynamodb, ssm]");
        List<String> modules = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            String field = "sdk[" + i + "]";
            String module = read.oneOf(list.items().get(i), field, SdkModules.ALLOWED);
            if (modules.contains(module)) {
                throw read.error(list.items().get(i).line(), field, "'" + module + "' is listed twice: keep one");
            }
            modules.add(module);
        }
        return modules;
    }

    /** Starter files the learner may not change; each must be a .java file of {@code starter/}, listed once. */
    private static Set<String> readOnly(YamlFields read, YamlNode node, Path starter) {
        if (node == null) {
            return Set.of();
        }
        Sequence list = read.sequence(node, "readOnly", "readOnly: [orders/Json.java]");
        Set<String> paths = new LinkedHashSet<>();
        for (int i = 0; i < list.items().size(); i++) {
            String field = "readOnly[" + i + "]";
            YamlNode item = list.items().get(i);
            String path = read.text(item, field);
            if (!path.endsWith(".java") || path.contains("..") || path.startsWith("/") || path.contains("\\")
                    || !Files.isRegularFile(starter.resolve(path))) {
                throw read.error(item.line(), field, "'" + path + "' is not a .java file of starter/: give its "
                        + "path below starter/, e.g. orders/Json.java");
            }
            if (!paths.add(path)) {
                throw read.error(item.line(), field, "'" + path + "' is listed twice: keep one");
            }
        }
        return paths;
    }

    private static boolean flag(YamlFields read, YamlNode node, String field) {
        if (node == null) {
            return false;
        }
        if (node instanceof Scalar scalar && scalar.type() == Scalar.Type.BOOLEAN) {
            return (Boolean) scalar.value();
        }
        String got = node instanceof Scalar scalar && scalar.text() != null ? "'" + scalar.text() + "'"
                : node.kind();
        throw read.error(node.line(), field, "must be true or false, got " + got);
    }

    private static String requiredText(YamlFields read, Mapping root, String field, String hint) {
        return read.text(read.required(root, "", field, hint), field);
    }

    private static int number(YamlFields read, YamlNode node, String field, int fallback, int min, int max,
                              String unit) {
        if (node == null) {
            return fallback;
        }
        if (!(node instanceof Scalar scalar)) {
            throw read.error(node.line(), field, "must be a single value, got " + node.kind());
        }
        String range = max == Integer.MAX_VALUE ? "a whole number >= " + min : min + ".." + max + " " + unit;
        Long number = wholeNumber(scalar);
        if (number == null || number < min || number > max) {
            String got = scalar.text() == null ? "nothing" : scalar.text();
            throw read.error(node.line(), field, "must be " + range + ", got " + got);
        }
        return number.intValue();
    }

    private static Long wholeNumber(Scalar scalar) {
        if (scalar.type() != Scalar.Type.INTEGER) {
            return null;
        }
        try {
            return Long.parseLong(scalar.text());
        } catch (NumberFormatException e) {
            // Out of every allowed range (or written in a base Long does not read); the caller says what is allowed.
            return null;
        }
    }
}

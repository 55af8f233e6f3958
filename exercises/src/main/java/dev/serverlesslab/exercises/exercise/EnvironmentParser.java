package dev.serverlesslab.exercises.exercise;

import dev.serverlesslab.content.YamlFields;
import dev.serverlesslab.content.YamlNode;
import dev.serverlesslab.content.YamlNode.Mapping;
import dev.serverlesslab.content.YamlNode.Scalar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code environment} section and checks every {@code ${...}} reference against the declared resources,
 * so a typo fails when the course loads rather than as an empty variable in the learner's function.
 */
final class EnvironmentParser {

    // Lambda's own rule for variable names.
    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]+");
    // Lambda reserves these; AWS_ENDPOINT_URL is how handlers reach the backend, so the platform owns it too.
    private static final List<String> RESERVED = List.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION",
            "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "AWS_ENDPOINT_URL");

    private final YamlFields read;

    EnvironmentParser(YamlFields read) {
        this.read = read;
    }

    /** @param path where the section is, {@code environment} or {@code functions.NAME.environment} */
    Map<String, String> parse(YamlNode node, String path, ExerciseResources resources) {
        Mapping mapping = read.mapping(node, path, "environment: {TABLE_NAME: '${table:orders}'}");
        Map<String, String> environment = new LinkedHashMap<>();
        mapping.entries().forEach((name, value) -> {
            String field = path + "." + name;
            int line = mapping.entries().get(name).line();
            if (!NAME.matcher(name).matches()) {
                throw read.error(line, field, "variable names start with a letter and use only letters, digits "
                        + "and '_' (at least 2 characters)");
            }
            if (RESERVED.contains(name) || name.startsWith("AWS_LAMBDA_")) {
                throw read.error(line, field, "is set by Lambda or the platform itself: choose another name");
            }
            if (!(value instanceof Scalar scalar)) {
                throw read.error(value.line(), field, "must be a single value, got " + value.kind());
            }
            String text = scalar.isNull() ? "" : scalar.text();
            List<ResourceReference> references;
            try {
                references = ResourceReference.findIn(text);
            } catch (IllegalArgumentException e) {
                throw read.error(value.line(), field, e.getMessage());
            }
            references.forEach(reference -> check(reference, resources, value.line(), field));
            environment.put(name, text);
        });
        return environment;
    }

    private void check(ResourceReference reference, ExerciseResources resources, int line, String field) {
        String problem = switch (reference.kind()) {
            case "table" -> missing(reference, resources.tables().keySet(), "resources.tables");
            case "key", "keyArn", "alias" -> missing(reference, resources.keys().keySet(), "resources.keys");
            case "parameter" -> missing(reference, resources.parameters().keySet(), "resources.parameters");
            case "api" -> !reference.name().equals("url") ? "the API offers only ${api:url}"
                    : resources.api().isEmpty() ? "no API is declared: add resources.api: {type: http} or remove it"
                    : null;
            case "bucket", "queue", "queueArn", "topic", "bus", "stateMachine", "stream" -> missing(reference,
                    resources.events().declared(reference.kind()), "resources." + section(reference.kind()));
            case "function" -> "${function} and ${function:NAME} are for state machine definitions; a function "
                    + "reads its own ARN from context.getInvokedFunctionArn()";
            default -> reference.name().isEmpty() ? null : "write the region as ${region}, without a name";
        };
        if (problem != null) {
            throw read.error(line, field, "'" + reference.text() + "': " + problem);
        }
    }

    private static String section(String kind) {
        return switch (kind) {
            case "queueArn" -> "queues";
            case "bus" -> "buses";
            default -> kind + "s";
        };
    }

    private static String missing(ResourceReference reference, Set<String> declared, String section) {
        if (declared.contains(reference.name())) {
            return null;
        }
        return "'" + reference.name() + "' is not declared under " + section + ResourcesParser.known(declared);
    }
}

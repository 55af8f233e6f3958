package dev.serverlesslab.exercises.exercise;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.exercises.build.SourceDiagnostic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state machine definitions a learner writes ({@code from: submission} in exercise.yml), taken from a submission
 * and checked the way the exercise's own are when it is loaded: JSON, an Amazon States Language document with
 * {@code StartAt} and {@code States}, and {@code ${...}} references that name the exercise's functions and declared
 * resources. What the states mean is left to Step Functions, whose CreateStateMachine answers
 * {@code InvalidDefinition} with the reason.
 *
 * @param definitions the submission's definition text, by the state machine's logical name; empty when there are
 *                    problems
 * @param problems    what to fix, each naming the learner's file and, where known, its line
 */
public record LearnerDefinitions(Map<String, String> definitions, List<SourceDiagnostic> problems) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public LearnerDefinitions {
        definitions = Map.copyOf(definitions);
        problems = List.copyOf(problems);
    }

    /** Whether every learner-written definition can be deployed as far as can be told before Step Functions sees it. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** The learner-written definitions of {@code exercise} in the submission's {@code files} (path → text). */
    public static LearnerDefinitions of(Exercise exercise, Map<String, String> files) {
        Map<String, String> definitions = new LinkedHashMap<>();
        List<SourceDiagnostic> problems = new ArrayList<>();
        for (StateMachineSpec machine : exercise.resources().events().stateMachines().values()) {
            if (!machine.learnerWritten()) {
                continue;
            }
            String file = machine.definitionFile();
            String text = files.get(file);
            if (text == null) {
                problems.add(error(file, 0, "the definition of the state machine '" + machine.logicalName()
                        + "' is missing from your submission: add " + file + " again (the starter has one to begin "
                        + "from)"));
                continue;
            }
            int before = problems.size();
            check(exercise, file, text, problems);
            if (problems.size() == before) {
                definitions.put(machine.logicalName(), text);
            }
        }
        return new LearnerDefinitions(problems.isEmpty() ? definitions : Map.of(), problems);
    }

    private static void check(Exercise exercise, String file, String text, List<SourceDiagnostic> problems) {
        List<ResourceReference> references;
        try {
            references = ResourceReference.findIn(text);
        } catch (IllegalArgumentException e) {
            problems.add(error(file, 0, e.getMessage()));
            return;
        }
        JsonNode parsed;
        try {
            // References stand inside JSON strings; replaced by a plain word, lines stay where they are.
            parsed = JSON.readTree(ResourceReference.substitute(text, reference -> "ref"));
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(error(file, line, "not valid JSON: " + e.getOriginalMessage()));
            return;
        }
        if (parsed == null || !parsed.isObject()) {
            problems.add(error(file, 1, "an Amazon States Language definition is one JSON object, "
                    + "{\"StartAt\": \"FirstState\", \"States\": {...}}"));
            return;
        }
        if (!parsed.path("StartAt").isTextual()) {
            problems.add(error(file, 1, "\"StartAt\" is missing: name the state the execution begins with"));
        }
        if (!parsed.path("States").isObject()) {
            problems.add(error(file, 1, "\"States\" is missing: it is an object of the states by name"));
        }
        Set<String> functions = exercise.functions().keySet();
        for (ResourceReference reference : references) {
            String fix = unknown(reference, exercise, functions);
            if (fix != null) {
                problems.add(error(file, lineOf(text, reference.text()), "'" + reference.text() + "' " + fix));
            }
        }
    }

    /** Why the reference names nothing a grading provides, or null when it does. */
    private static String unknown(ResourceReference reference, Exercise exercise, Set<String> functions) {
        String functionList = String.join(", ", functions.stream().map(f -> "${function:" + f + "}").toList());
        return switch (reference.kind()) {
            case "function" -> reference.name().isEmpty()
                    ? (functions.size() == 1 ? null : "does not say which function: use one of " + functionList)
                    : (functions.contains(reference.name()) ? null : "is not one of this exercise's functions: use "
                            + "one of " + functionList);
            case "region" -> reference.name().isEmpty() ? null : "takes no name: write ${region}";
            case "table" -> exercise.resources().tables().containsKey(reference.name()) ? null
                    : "names no table of this exercise";
            case "bucket", "queue", "queueArn", "topic", "bus", "stateMachine", "stream" ->
                    exercise.resources().events().declared(reference.kind()).contains(reference.name()) ? null
                            : "names no " + reference.kind() + " of this exercise";
            default -> "cannot be used in a state machine definition: use ${function:NAME}, ${region} or a "
                    + "declared table, bucket, queue, topic, bus, state machine or stream";
        };
    }

    private static long lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return at < 0 ? 0 : text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static SourceDiagnostic error(String file, long line, String message) {
        return new SourceDiagnostic(file, line, 0, "error", message);
    }
}

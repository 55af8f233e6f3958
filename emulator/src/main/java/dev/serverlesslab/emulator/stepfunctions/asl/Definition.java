package dev.serverlesslab.emulator.stepfunctions.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A state machine definition in the Amazon States Language, checked as CreateStateMachine checks it: every state
 * has a known type with the fields that type allows, transitions name existing states, paths and intrinsic calls
 * parse, and task resources are ones the emulator can run. Problems are reported as AWS words them
 * ({@code MISSING_TRANSITION_TARGET: ... at /States/A/Next}).
 */
public record Definition(JsonNode root) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MACHINE_FIELDS = Set.of("Comment", "StartAt", "States", "Version",
            "TimeoutSeconds", "QueryLanguage");
    private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "Pass", Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "Result"),
            "Task", Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector",
                    "Resource", "Retry", "Catch", "TimeoutSeconds"),
            "Choice", Set.of("Choices", "Default", "InputPath", "OutputPath"),
            "Wait", Set.of("Next", "End", "InputPath", "OutputPath", "Seconds", "Timestamp", "SecondsPath",
                    "TimestampPath"),
            "Succeed", Set.of("InputPath", "OutputPath"),
            "Fail", Set.of("Error", "Cause", "ErrorPath", "CausePath"),
            "Parallel", Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters",
                    "ResultSelector", "Branches", "Retry", "Catch"),
            "Map", Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "ItemSelector",
                    "ResultSelector", "ItemsPath", "MaxConcurrency", "Iterator", "ItemProcessor", "Retry", "Catch"));
    private static final Set<String> PATH_FIELDS = Set.of("InputPath", "OutputPath", "ResultPath", "ItemsPath",
            "SecondsPath", "TimestampPath", "ErrorPath", "CausePath");

    /** The definition's problems, each as AWS words it; thrown by {@link #parse}. */
    public static final class InvalidDefinition extends RuntimeException {

        private static final long serialVersionUID = 1L;

        InvalidDefinition(List<String> problems) {
            super("Invalid State Machine Definition: '" + String.join(", ", problems) + "'", null, false, false);
        }
    }

    /**
     * Reads and checks a definition.
     *
     * @param resourceProblem for a Task's {@code Resource}, why it cannot run here, or empty when it can
     */
    public static Definition parse(String text, Function<String, Optional<String>> resourceProblem) {
        JsonNode root;
        try {
            root = JSON.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            throw new InvalidDefinition(List.of("INVALID_JSON_DESCRIPTION: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidDefinition(List.of("SCHEMA_VALIDATION_FAILED: The definition must be a JSON object "
                    + "with StartAt and States at /"));
        }
        List<String> problems = new ArrayList<>();
        checkMachine(root, "", MACHINE_FIELDS, resourceProblem, problems);
        if (!problems.isEmpty()) {
            throw new InvalidDefinition(problems);
        }
        return new Definition(root);
    }

    /** The machine-wide {@code TimeoutSeconds}, or empty. */
    public Optional<Long> timeoutSeconds() {
        return root.has("TimeoutSeconds") ? Optional.of(root.get("TimeoutSeconds").asLong()) : Optional.empty();
    }

    private static void checkMachine(JsonNode machine, String at, Set<String> allowed,
            Function<String, Optional<String>> resources, List<String> problems) {
        unknownFields(machine, at, allowed, problems);
        queryLanguage(machine, at, problems);
        JsonNode states = machine.get("States");
        if (!machine.path("StartAt").isTextual()) {
            problems.add("SCHEMA_VALIDATION_FAILED: The field 'StartAt' is required at " + at + "/");
        }
        if (states == null || !states.isObject() || states.isEmpty()) {
            problems.add("SCHEMA_VALIDATION_FAILED: The field 'States' is required and must hold at least one state"
                    + " at " + at + "/");
            return;
        }
        if (machine.path("StartAt").isTextual() && !states.has(machine.get("StartAt").asText())) {
            problems.add("MISSING_TRANSITION_TARGET: Missing 'Next' target: " + machine.get("StartAt").asText()
                    + " at " + at + "/StartAt");
        }
        if (machine.has("TimeoutSeconds") && !positiveInteger(machine.get("TimeoutSeconds"))) {
            problems.add("SCHEMA_VALIDATION_FAILED: TimeoutSeconds must be a positive integer at " + at
                    + "/TimeoutSeconds");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            checkState(entry.getKey(), entry.getValue(), states, at + "/States/" + entry.getKey(), resources,
                    problems);
        }
    }

    private static void checkState(String name, JsonNode state, JsonNode states, String at,
            Function<String, Optional<String>> resources, List<String> problems) {
        if (name.length() > 80) {
            problems.add("SCHEMA_VALIDATION_FAILED: State names must be at most 80 characters at " + at);
        }
        String type = state.path("Type").asText(null);
        if (type == null) {
            problems.add("SCHEMA_VALIDATION_FAILED: The field 'Type' is required at " + at);
            return;
        }
        Set<String> fields = FIELDS.get(type);
        if (fields == null) {
            problems.add("SCHEMA_VALIDATION_FAILED: Value is not a valid state type ('" + type + "'; one of "
                    + String.join(", ", FIELDS.keySet().stream().sorted().toList()) + ") at " + at + "/Type");
            return;
        }
        Set<String> allowed = new HashSet<>(fields);
        allowed.addAll(COMMON);
        unknownFields(state, at, allowed, problems);
        queryLanguage(state, at, problems);
        for (String field : PATH_FIELDS) {
            JsonNode value = state.get(field);
            if (value == null || value.isNull() && Set.of("InputPath", "OutputPath", "ResultPath").contains(field)) {
                continue;
            }
            if (!value.isTextual()) {
                problems.add("SCHEMA_VALIDATION_FAILED: " + field + " must be a JSONPath string at " + at + "/"
                        + field);
                continue;
            }
            try {
                JsonPath path = JsonPath.parse(value.asText());
                if (field.equals("ResultPath") && (!path.isDefinite() || path.isContext())) {
                    problems.add("SCHEMA_VALIDATION_FAILED: ResultPath must be a definite path into the input at "
                            + at + "/ResultPath");
                }
            } catch (IllegalArgumentException e) {
                problems.add("SCHEMA_VALIDATION_FAILED: " + e.getMessage() + " at " + at + "/" + field);
            }
        }
        for (String template : List.of("Parameters", "ResultSelector", "ItemSelector")) {
            if (state.has(template)) {
                PayloadTemplate.check(state.get(template), at + "/" + template, problems);
            }
        }
        boolean terminal = type.equals("Succeed") || type.equals("Fail") || type.equals("Choice");
        if (!terminal) {
            boolean end = state.path("End").asBoolean(false);
            if (end == state.has("Next")) {
                problems.add("SCHEMA_VALIDATION_FAILED: Exactly one of 'Next' or 'End: true' is required at " + at);
            }
        }
        transition(state.get("Next"), states, at + "/Next", problems);
        switch (type) {
            case "Task" -> checkTask(state, at, resources, problems);
            case "Choice" -> checkChoice(state, states, at, problems);
            case "Wait" -> checkWait(state, at, problems);
            case "Parallel" -> {
                JsonNode branches = state.get("Branches");
                if (branches == null || !branches.isArray() || branches.isEmpty()) {
                    problems.add("SCHEMA_VALIDATION_FAILED: The field 'Branches' is required at " + at);
                } else {
                    for (int i = 0; i < branches.size(); i++) {
                        checkMachine(branches.get(i), at + "/Branches[" + i + "]", Set.of("Comment", "StartAt",
                                "States"), resources, problems);
                    }
                }
            }
            case "Map" -> checkMap(state, at, resources, problems);
            default -> {
            }
        }
        if (state.has("Retry") || state.has("Catch")) {
            checkRetry(state.get("Retry"), at, problems);
            checkCatch(state.get("Catch"), states, at, problems);
        }
    }

    private static void checkTask(JsonNode state, String at, Function<String, Optional<String>> resources,
            List<String> problems) {
        if (!state.path("Resource").isTextual()) {
            problems.add("SCHEMA_VALIDATION_FAILED: The field 'Resource' is required at " + at);
        } else {
            resources.apply(state.get("Resource").asText()).ifPresent(problem -> problems.add(
                    "INVALID_RESOURCE: " + problem + " at " + at + "/Resource"));
        }
        if (state.has("TimeoutSeconds") && !positiveInteger(state.get("TimeoutSeconds"))) {
            problems.add("SCHEMA_VALIDATION_FAILED: TimeoutSeconds must be a positive integer at " + at
                    + "/TimeoutSeconds");
        }
    }

    private static void checkChoice(JsonNode state, JsonNode states, String at, List<String> problems) {
        JsonNode choices = state.get("Choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            problems.add("SCHEMA_VALIDATION_FAILED: The field 'Choices' must be a non-empty array at " + at);
            return;
        }
        for (int i = 0; i < choices.size(); i++) {
            ChoiceRules.check(choices.get(i), at + "/Choices[" + i + "]", true, problems);
            transition(choices.get(i).get("Next"), states, at + "/Choices[" + i + "]/Next", problems);
        }
        transition(state.get("Default"), states, at + "/Default", problems);
    }

    private static void checkWait(JsonNode state, String at, List<String> problems) {
        long given = List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath").stream().filter(state::has)
                .count();
        if (given != 1) {
            problems.add("SCHEMA_VALIDATION_FAILED: A Wait state needs exactly one of Seconds, Timestamp, "
                    + "SecondsPath or TimestampPath at " + at);
        }
        if (state.has("Seconds") && !(state.get("Seconds").canConvertToLong() && state.get("Seconds").asLong() >= 0
                && state.get("Seconds").isIntegralNumber())) {
            problems.add("SCHEMA_VALIDATION_FAILED: Seconds must be a non-negative integer at " + at + "/Seconds");
        }
        if (state.has("Timestamp") && (!state.get("Timestamp").isTextual()
                || ChoiceRules.timestamp(state.get("Timestamp").asText()) == null)) {
            problems.add("SCHEMA_VALIDATION_FAILED: Timestamp must be an RFC 3339 timestamp such as "
                    + "2026-01-01T00:00:00Z at " + at + "/Timestamp");
        }
    }

    private static void checkMap(JsonNode state, String at, Function<String, Optional<String>> resources,
            List<String> problems) {
        boolean processor = state.has("ItemProcessor");
        JsonNode iterator = processor ? state.get("ItemProcessor") : state.get("Iterator");
        if (iterator == null || !iterator.isObject()) {
            problems.add("SCHEMA_VALIDATION_FAILED: The field 'ItemProcessor' (or 'Iterator') is required at " + at);
            return;
        }
        JsonNode config = iterator.path("ProcessorConfig");
        if (!config.isMissingNode() && !"INLINE".equals(config.path("Mode").asText("INLINE"))) {
            problems.add("SCHEMA_VALIDATION_FAILED: Serverless Lab's emulator runs Map states INLINE only; "
                    + "ProcessorConfig.Mode " + config.path("Mode").asText() + " is not supported at " + at
                    + "/ItemProcessor/ProcessorConfig/Mode");
        }
        if (state.has("MaxConcurrency") && !(state.get("MaxConcurrency").isIntegralNumber()
                && state.get("MaxConcurrency").asInt() >= 0)) {
            problems.add("SCHEMA_VALIDATION_FAILED: MaxConcurrency must be a non-negative integer at " + at
                    + "/MaxConcurrency");
        }
        checkMachine(iterator, at + (processor ? "/ItemProcessor" : "/Iterator"),
                Set.of("Comment", "StartAt", "States", "ProcessorConfig"), resources, problems);
    }

    private static void checkRetry(JsonNode retry, String at, List<String> problems) {
        if (retry == null) {
            return;
        }
        if (!retry.isArray()) {
            problems.add("SCHEMA_VALIDATION_FAILED: Retry must be an array at " + at + "/Retry");
            return;
        }
        for (int i = 0; i < retry.size(); i++) {
            JsonNode retrier = retry.get(i);
            String where = at + "/Retry[" + i + "]";
            unknownFields(retrier, where, Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
                    "MaxDelaySeconds", "JitterStrategy", "Comment"), problems);
            errorEquals(retrier, where, problems);
            if (retrier.has("BackoffRate") && !(retrier.get("BackoffRate").isNumber()
                    && retrier.get("BackoffRate").asDouble() >= 1.0)) {
                problems.add("SCHEMA_VALIDATION_FAILED: BackoffRate must be a number >= 1.0 at " + where
                        + "/BackoffRate");
            }
            for (String field : List.of("IntervalSeconds", "MaxDelaySeconds")) {
                if (retrier.has(field) && !positiveInteger(retrier.get(field))) {
                    problems.add("SCHEMA_VALIDATION_FAILED: " + field + " must be a positive integer at " + where
                            + "/" + field);
                }
            }
            if (retrier.has("MaxAttempts") && !(retrier.get("MaxAttempts").isIntegralNumber()
                    && retrier.get("MaxAttempts").asInt() >= 0)) {
                problems.add("SCHEMA_VALIDATION_FAILED: MaxAttempts must be a non-negative integer at " + where
                        + "/MaxAttempts");
            }
            if (retrier.has("JitterStrategy") && !Set.of("FULL", "NONE").contains(retrier.get("JitterStrategy")
                    .asText())) {
                problems.add("SCHEMA_VALIDATION_FAILED: JitterStrategy must be FULL or NONE at " + where
                        + "/JitterStrategy");
            }
        }
    }

    private static void checkCatch(JsonNode catchers, JsonNode states, String at, List<String> problems) {
        if (catchers == null) {
            return;
        }
        if (!catchers.isArray()) {
            problems.add("SCHEMA_VALIDATION_FAILED: Catch must be an array at " + at + "/Catch");
            return;
        }
        for (int i = 0; i < catchers.size(); i++) {
            JsonNode catcher = catchers.get(i);
            String where = at + "/Catch[" + i + "]";
            unknownFields(catcher, where, Set.of("ErrorEquals", "Next", "ResultPath", "Comment"), problems);
            errorEquals(catcher, where, problems);
            if (!catcher.path("Next").isTextual()) {
                problems.add("SCHEMA_VALIDATION_FAILED: The field 'Next' is required at " + where);
            }
            transition(catcher.get("Next"), states, where + "/Next", problems);
            if (catcher.hasNonNull("ResultPath")) {
                try {
                    JsonPath.parse(catcher.get("ResultPath").asText());
                } catch (IllegalArgumentException e) {
                    problems.add("SCHEMA_VALIDATION_FAILED: " + e.getMessage() + " at " + where + "/ResultPath");
                }
            }
        }
    }

    private static void errorEquals(JsonNode node, String at, List<String> problems) {
        JsonNode errors = node.get("ErrorEquals");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            problems.add("SCHEMA_VALIDATION_FAILED: The field 'ErrorEquals' must be a non-empty array at " + at);
            return;
        }
        for (int i = 0; i < errors.size(); i++) {
            if (StatesError.ALL.equals(errors.get(i).asText()) && errors.size() > 1) {
                problems.add("SCHEMA_VALIDATION_FAILED: States.ALL must appear alone in ErrorEquals at " + at
                        + "/ErrorEquals");
            }
        }
    }

    private static void transition(JsonNode next, JsonNode states, String at, List<String> problems) {
        if (next != null && (!next.isTextual() || !states.has(next.asText()))) {
            problems.add("MISSING_TRANSITION_TARGET: Missing 'Next' target: " + next.asText() + " at " + at);
        }
    }

    private static void unknownFields(JsonNode node, String at, Set<String> allowed, List<String> problems) {
        if (!node.isObject()) {
            problems.add("SCHEMA_VALIDATION_FAILED: Expected an object at " + at);
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add("SCHEMA_VALIDATION_FAILED: The field '" + name + "' is not supported by Serverless "
                        + "Lab's emulator here (allowed: " + String.join(", ", allowed.stream().sorted().toList())
                        + ") at " + at + "/" + name);
            }
        }
    }

    private static void queryLanguage(JsonNode node, String at, List<String> problems) {
        if (node.has("QueryLanguage") && !"JSONPath".equals(node.get("QueryLanguage").asText())) {
            problems.add("SCHEMA_VALIDATION_FAILED: Serverless Lab's emulator supports QueryLanguage JSONPath only, "
                    + "not " + node.get("QueryLanguage").asText() + " at " + at + "/QueryLanguage");
        }
    }

    private static boolean positiveInteger(JsonNode node) {
        return node.isIntegralNumber() && node.asLong() > 0;
    }
}

package dev.serverlesslab.exercises.exercise;

import dev.serverlesslab.content.YamlFields;
import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.content.YamlNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.exercises.exercise.ExerciseAids.SolutionReveal;
import dev.serverlesslab.exercises.exercise.ExerciseAids.SolutionReveal.Rule;
import dev.serverlesslab.exercises.exercise.ExerciseAids.TestEvent;
import dev.serverlesslab.content.YamlNode.Mapping;
import dev.serverlesslab.content.YamlNode.Scalar;
import dev.serverlesslab.content.YamlNode.Sequence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads an exercise's {@code hints:}, {@code solution:} and {@code events/} folder, naming file and line on error. */
final class AidsParser {

    /** Hint levels are read one at a time; more than a handful is a lesson, not a hint. */
    static final int MAX_HINT_LEVELS = 5;
    /** A sample event is an example, not a data set; Lambda's own synchronous payload limit is 6 MB. */
    static final int MAX_EVENT_BYTES = 64 * 1024;
    /** Event names are shown in a menu and keyed in saved events' namespace. */
    static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,59}");

    private final YamlFields read;
    private final ObjectMapper json = new ObjectMapper();

    AidsParser(YamlFields read) {
        this.read = read;
    }

    ExerciseAids parse(Map<String, YamlNode> values, Path directory) {
        List<String> hints = values.containsKey("hints") ? hints(values.get("hints")) : List.of();
        SolutionReveal solution = values.containsKey("solution")
                ? solution(values.get("solution")) : SolutionReveal.NEVER;
        return new ExerciseAids(hints, solution, events(directory.resolve("events")));
    }

    private List<String> hints(YamlNode node) {
        Sequence list = read.sequence(node, "hints",
                "hints: [\"the idea\", \"the API to call\", \"the line of code\"]");
        if (list.items().size() > MAX_HINT_LEVELS) {
            throw read.error(node.line(), "hints", "has " + list.items().size() + " levels: keep at most "
                    + MAX_HINT_LEVELS + " (concept, then API, then code)");
        }
        List<String> hints = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            hints.add(read.text(list.items().get(i), "hints[" + i + "]"));
        }
        return hints;
    }

    private SolutionReveal solution(YamlNode node) {
        Mapping solution = read.mapping(node, "solution", "solution: {reveal: afterAttempts, attempts: 3}");
        read.allowOnly(solution, "solution", List.of("reveal", "attempts"));
        List<String> rules = Arrays.stream(Rule.values()).map(Rule::yaml).toList();
        YamlNode revealNode = read.required(solution, "solution", "reveal", "one of " + String.join(", ", rules));
        String reveal = read.oneOf(revealNode, "solution.reveal", rules);
        Rule rule = Arrays.stream(Rule.values()).filter(r -> r.yaml().equals(reveal)).findFirst().orElseThrow();
        YamlNode attemptsNode = solution.entries().get("attempts");
        if (rule != Rule.AFTER_ATTEMPTS) {
            if (attemptsNode != null) {
                throw read.error(attemptsNode.line(), "solution.attempts",
                        "only counts with reveal: afterAttempts: remove it or change reveal");
            }
            return new SolutionReveal(rule, 0);
        }
        if (attemptsNode == null) {
            throw read.error(revealNode.line(), "solution", "reveal: afterAttempts needs attempts: N, e.g. "
                    + "attempts: 3");
        }
        if (!(attemptsNode instanceof Scalar scalar) || !scalar.text().matches("[1-9][0-9]{0,2}")) {
            throw read.error(attemptsNode.line(), "solution.attempts", "must be a whole number 1..999");
        }
        return new SolutionReveal(rule, Integer.parseInt(scalar.text()));
    }

    /** Each {@code events/<name>.json}, checked to be one JSON value; a broken one names its file, line and column. */
    private List<TestEvent> events(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<TestEvent> events = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (!fileName.endsWith(".json")) {
                    throw new ContentException(file.toString(), 0, "the events/ folder holds only sample events "
                            + "named <name>.json");
                }
                String name = fileName.substring(0, fileName.length() - ".json".length());
                if (!EVENT_NAME.matcher(name).matches()) {
                    throw new ContentException(file.toString(), 0, "an event's name uses letters, digits, space, "
                            + "'.', '_' and '-' (at most 60), starting with a letter or digit");
                }
                if (Files.size(file) > MAX_EVENT_BYTES) {
                    throw new ContentException(file.toString(), 0, "a sample event is at most "
                            + MAX_EVENT_BYTES / 1024 + " KB");
                }
                String text = Files.readString(file, StandardCharsets.UTF_8);
                checkJson(file, text);
                events.add(new TestEvent(name, text));
            }
        } catch (IOException e) {
            throw new ContentException(folder.toString(), 0,
                    "cannot read the sample events (" + e.getMessage() + ")", e);
        }
        return events;
    }

    private void checkJson(Path file, String text) {
        try {
            json.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new ContentException(file.toString(), at == null ? 1 : at.getLineNr(),
                    "column " + (at == null ? 1 : at.getColumnNr()) + ": not valid JSON: " + e.getOriginalMessage());
        }
    }
}

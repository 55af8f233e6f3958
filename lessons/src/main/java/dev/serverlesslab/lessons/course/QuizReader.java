package dev.serverlesslab.lessons.course;

import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.content.YamlFields;
import dev.serverlesslab.content.YamlNode;
import dev.serverlesslab.content.YamlNode.Mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the quizzes of one lesson, as front matter {@code quiz:} (a list of them) or a {@code ```quiz} fence (one),
 * and refuses, naming file, line and field, a quiz that cannot be answered right: no correct option, no accepted
 * answer, both options and an answer, fewer than two options, or an id used twice in the lesson.
 *
 * <pre>
 * id: cold-start                      # required, unique in the lesson: answers are stored under it
 * question: When is a cold start paid?
 * options:                            # multiple choice; several "correct: true" make it check boxes
 *   - text: On the first request a new execution environment serves
 *     correct: true
 *     why: Init runs once per environment, before its first request.
 *   - text: On every request
 *     why: A warm environment skips init.
 * answer: [900, 900 seconds]          # or a short answer instead of options: one text or a list
 * why: Shown after any answer.
 * </pre>
 */
final class QuizReader {

    static final List<String> QUIZ_FIELDS = List.of("id", "question", "options", "answer", "why");
    private static final List<String> OPTION_FIELDS = List.of("text", "correct", "why");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");
    private static final String OPTIONS_EXAMPLE = "- text: ...\n    correct: true";

    private final String file;
    private final YamlFields read;
    private final Map<String, Integer> seen = new HashMap<>();
    private final List<Quiz> quizzes = new ArrayList<>();

    QuizReader(String file) {
        this.file = file;
        this.read = new YamlFields(file);
    }

    /** Reads front matter {@code quiz:}: a list of quizzes. */
    void readList(YamlNode list) {
        if (!list.isSequence()) {
            throw read.error(list.line(), "quiz", "must be a list of questions, each starting with '- id: ...', got "
                    + list.kind());
        }
        for (int i = 0; i < list.items().size(); i++) {
            readOne(list.items().get(i), "quiz[" + i + "]");
        }
    }

    /** Reads the YAML of a {@code ```quiz} fence: one quiz. */
    void readOne(YamlNode node) {
        readOne(node, "");
    }

    /** Reads one quiz: an item of the front matter list ({@code path} {@code quiz[i]}) or a fence's ({@code ""}). */
    private void readOne(YamlNode node, String path) {
        if (!node.isMapping()) {
            throw new ContentException(file, node.line(),
                    "a quiz must be fields such as 'id: ...' and 'question: ...', not " + node.kind());
        }
        Mapping fields = (Mapping) node;
        read.allowOnly(fields, path, QUIZ_FIELDS);
        String id = read.requiredText(fields, path, "id", "give it an id unique in the lesson, e.g. id: cold-start");
        if (!ID.matcher(id).matches()) {
            throw read.error(node.fields().get("id").line(), YamlFields.join(path, "id"), "'" + id
                    + "' is not an id: use lower-case letters, digits and dashes, e.g. cold-start");
        }
        Integer earlier = seen.putIfAbsent(id, node.fields().get("id").line());
        if (earlier != null) {
            throw read.error(node.fields().get("id").line(), YamlFields.join(path, "id"), "'" + id
                    + "' is already the id of the quiz on line " + earlier + "; each quiz of a lesson needs its own");
        }
        String question = read.requiredText(fields, path, "question", "ask something, e.g. question: When ...?");
        String why = read.optionalText(fields, path, "why");
        YamlNode options = node.fields().get("options");
        YamlNode answer = node.fields().get("answer");
        boolean hasOptions = options != null && !options.isNull();
        boolean hasAnswer = answer != null && !answer.isNull();
        if (hasOptions == hasAnswer) {
            throw new ContentException(file, node.line(), "quiz '" + id + "' needs either 'options:' (multiple "
                    + "choice) or 'answer:' (short answer), " + (hasOptions ? "not both" : "and has neither"));
        }
        quizzes.add(hasOptions
                ? new Quiz(id, question, options(id, path, options), List.of(), why, node.line())
                : new Quiz(id, question, List.of(), accepted(id, path, answer), why, node.line()));
    }

    List<Quiz> quizzes() {
        return List.copyOf(quizzes);
    }

    private List<Quiz.Option> options(String id, String path, YamlNode node) {
        String field = YamlFields.join(path, "options");
        List<YamlNode> items = read.sequence(node, field, OPTIONS_EXAMPLE).items();
        if (items.size() < 2) {
            throw read.error(node.line(), field, "quiz '" + id + "' needs at least two options to choose from");
        }
        List<Quiz.Option> options = new ArrayList<>();
        for (YamlNode item : items) {
            if (!item.isMapping()) {
                throw new ContentException(file, item.line(), "each option of quiz '" + id
                        + "' must be fields such as 'text: ...', not " + item.kind() + "; write it like "
                        + OPTIONS_EXAMPLE);
            }
            Mapping fields = (Mapping) item;
            String at = field + "[" + options.size() + "]";
            read.allowOnly(fields, at, OPTION_FIELDS);
            YamlNode correct = item.fields().get("correct");
            if (correct != null && !(correct.value() instanceof Boolean)) {
                throw read.error(correct.line(), at + ".correct", "must be true or false, got " + correct.kind());
            }
            options.add(new Quiz.Option(String.valueOf((char) ('a' + options.size())),
                    read.requiredText(fields, at, "text", "write the option, e.g. text: On every request"),
                    correct != null && (Boolean) correct.value(), read.optionalText(fields, at, "why")));
        }
        if (options.stream().noneMatch(Quiz.Option::correct)) {
            throw new ContentException(file, node.line(), "quiz '" + id + "' has no correct answer: mark at least "
                    + "one option 'correct: true'");
        }
        return options;
    }

    private List<String> accepted(String id, String path, YamlNode answer) {
        List<YamlNode> items = answer.isSequence() ? answer.items() : List.of(answer);
        List<String> accepted = new ArrayList<>();
        for (YamlNode item : items) {
            // YAML reads 900 as a number; an accepted answer is what a learner types, so scalars count as written.
            String text = item.text() == null ? "" : item.text().strip();
            if (text.isEmpty()) {
                throw read.error(item.line(), YamlFields.join(path, "answer"), "quiz '" + id
                        + "' needs the accepted answer as text, or a list of them, got " + item.kind());
            }
            accepted.add(text);
        }
        if (accepted.isEmpty()) {
            throw new ContentException(file, answer.line(), "quiz '" + id + "' has no correct answer: give "
                    + "'answer:' at least one accepted text");
        }
        return accepted;
    }
}

package dev.serverlesslab.lessons.course;

import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.content.YamlNode;

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
    private final Map<String, Integer> seen = new HashMap<>();
    private final List<Quiz> quizzes = new ArrayList<>();

    QuizReader(String file) {
        this.file = file;
    }

    /** Reads front matter {@code quiz:}: a list of quizzes. */
    void readList(YamlNode list) {
        if (!list.isSequence()) {
            throw new ContentException(file, list.line(), "front matter field 'quiz' must be a list of questions, "
                    + "each starting with '- id: ...', not " + list.kind());
        }
        list.items().forEach(this::readOne);
    }

    /** Reads one quiz: an item of the front matter list or the YAML of a {@code ```quiz} fence. */
    void readOne(YamlNode node) {
        if (!node.isMapping()) {
            throw new ContentException(file, node.line(),
                    "a quiz must be fields such as 'id: ...' and 'question: ...', not " + node.kind());
        }
        Fields fields = new Fields(file, "quiz field", node, QUIZ_FIELDS);
        String id = fields.requiredText("id");
        if (!ID.matcher(id).matches()) {
            throw new ContentException(file, node.fields().get("id").line(), "quiz field 'id' is '" + id
                    + "'; use lower-case letters, digits and dashes, e.g. cold-start");
        }
        Integer earlier = seen.putIfAbsent(id, node.fields().get("id").line());
        if (earlier != null) {
            throw new ContentException(file, node.fields().get("id").line(), "quiz field 'id': '" + id
                    + "' is already the id of the quiz on line " + earlier + "; each quiz of a lesson needs its own");
        }
        String question = fields.requiredText("question");
        String why = fields.optionalText("why");
        YamlNode options = node.fields().get("options");
        YamlNode answer = node.fields().get("answer");
        boolean hasOptions = options != null && !options.isNull();
        boolean hasAnswer = answer != null && !answer.isNull();
        if (hasOptions == hasAnswer) {
            throw new ContentException(file, node.line(), "quiz '" + id + "' needs either 'options:' (multiple "
                    + "choice) or 'answer:' (short answer), " + (hasOptions ? "not both" : "and has neither"));
        }
        quizzes.add(hasOptions
                ? new Quiz(id, question, options(id, fields, options), List.of(), why, node.line())
                : new Quiz(id, question, List.of(), accepted(id, answer), why, node.line()));
    }

    List<Quiz> quizzes() {
        return List.copyOf(quizzes);
    }

    private List<Quiz.Option> options(String id, Fields quizFields, YamlNode node) {
        List<YamlNode> items = quizFields.requiredList("options", OPTIONS_EXAMPLE);
        if (items.size() < 2) {
            throw new ContentException(file, node.line(),
                    "quiz field 'options' of '" + id + "' needs at least two options to choose from");
        }
        List<Quiz.Option> options = new ArrayList<>();
        for (YamlNode item : items) {
            if (!item.isMapping()) {
                throw new ContentException(file, item.line(), "each option of quiz '" + id
                        + "' must be fields such as 'text: ...', not " + item.kind() + "; write it like "
                        + OPTIONS_EXAMPLE);
            }
            Fields fields = new Fields(file, "quiz option field", item, OPTION_FIELDS);
            YamlNode correct = item.fields().get("correct");
            if (correct != null && !(correct.value() instanceof Boolean)) {
                throw new ContentException(file, correct.line(), "quiz option field 'correct' must be true or "
                        + "false, not " + correct.kind());
            }
            options.add(new Quiz.Option(String.valueOf((char) ('a' + options.size())), fields.requiredText("text"),
                    correct != null && (Boolean) correct.value(), fields.optionalText("why")));
        }
        if (options.stream().noneMatch(Quiz.Option::correct)) {
            throw new ContentException(file, node.line(), "quiz '" + id + "' has no correct answer: mark at least "
                    + "one option 'correct: true'");
        }
        return options;
    }

    private List<String> accepted(String id, YamlNode answer) {
        List<YamlNode> items = answer.isSequence() ? answer.items() : List.of(answer);
        List<String> accepted = new ArrayList<>();
        for (YamlNode item : items) {
            // YAML reads 900 as a number; an accepted answer is what a learner types, so scalars count as text.
            boolean scalar = !item.isMapping() && !item.isSequence() && !item.isNull();
            String text = scalar ? String.valueOf(item.value()).strip() : "";
            if (text.isEmpty()) {
                throw new ContentException(file, item.line(), "quiz field 'answer' of '" + id
                        + "' must be the accepted answer as text, or a list of them, not " + item.kind());
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

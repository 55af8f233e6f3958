package dev.serverlesslab.lessons.course;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A question in a lesson that learners answer and get checked at once: multiple choice (one or several options
 * correct) or short answer (the text typed is compared with the accepted answers, ignoring case and spacing).
 *
 * <p>Declared in a lesson's front matter ({@code quiz:}, a list) or in a {@code ```quiz} fence of the body; both
 * hold the same YAML, see {@link QuizReader}. Options are named {@code a}, {@code b}, {@code c}... by position, the
 * names forms post and answers are stored under.
 *
 * @param id          unique within the lesson; stored answers are kept under it, so keep it when rewording
 * @param question    the question as shown
 * @param options     the choices of a multiple-choice quiz, in the author's order; empty for a short answer
 * @param accepted    the accepted answers of a short-answer quiz; empty for multiple choice
 * @param explanation shown once the learner has answered, right or wrong; may be empty
 * @param line        the line of the quiz in its lesson file, for messages
 */
public record Quiz(String id, String question, List<Option> options, List<String> accepted, String explanation,
                   int line) {

    public Quiz {
        options = List.copyOf(options);
        accepted = List.copyOf(accepted);
    }

    /** Whether the learner types an answer rather than picking options. */
    public boolean isShortAnswer() {
        return options.isEmpty();
    }

    /** Whether several options are correct, so the form offers check boxes rather than radio buttons. */
    public boolean isMultipleAnswer() {
        return options.stream().filter(Option::correct).count() > 1;
    }

    /**
     * Checks an answer.
     *
     * @param chosen the option names picked (multiple choice), or the one text typed (short answer)
     */
    public Check check(List<String> chosen) {
        if (isShortAnswer()) {
            String typed = chosen.isEmpty() ? "" : normalized(chosen.get(0));
            boolean correct = accepted.stream().anyMatch(answer -> normalized(answer).equals(typed));
            return new Check(correct, List.of());
        }
        Set<String> picked = Set.copyOf(chosen);
        List<Feedback> feedback = new ArrayList<>();
        boolean correct = true;
        for (Option option : options) {
            boolean isPicked = picked.contains(option.name());
            correct &= isPicked == option.correct();
            feedback.add(new Feedback(option.name(), isPicked, option.correct(), option.explanation()));
        }
        return new Check(correct, feedback);
    }

    private static String normalized(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * One choice of a multiple-choice quiz.
     *
     * @param name        {@code a}, {@code b}, ... by position
     * @param explanation why this option is right or wrong, shown after answering; may be empty
     */
    public record Option(String name, String text, boolean correct, String explanation) {
    }

    /**
     * The verdict on one answer.
     *
     * @param feedback per option, in order, whether it was picked and whether it is correct; empty for short answers
     */
    public record Check(boolean correct, List<Feedback> feedback) {

        public Check {
            feedback = List.copyOf(feedback);
        }
    }

    /** What a learner's answer says about one option. */
    public record Feedback(String name, boolean picked, boolean correct, String explanation) {
    }
}

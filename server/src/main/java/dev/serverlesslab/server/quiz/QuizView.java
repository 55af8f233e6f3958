package dev.serverlesslab.server.quiz;

import dev.serverlesslab.lessons.course.Quiz;
import java.util.List;

/**
 * A quiz as the lesson page shows it to one learner: with their stored answer and its feedback, if they answered.
 *
 * @param picked the option names the learner picked last time; empty for a short answer or no answer yet
 * @param typed  the text the learner typed last time; empty for multiple choice or no answer yet
 * @param check  the verdict on that answer, or null when the learner has not answered yet
 */
public record QuizView(Quiz quiz, List<String> picked, String typed, Quiz.Check check) {

    public QuizView {
        picked = List.copyOf(picked);
    }

    /** Whether the learner picked the option last time. */
    public boolean picked(Quiz.Option option) {
        return picked.contains(option.name());
    }

    /** The verdict in words, or empty before the first answer. */
    public String message() {
        return check == null ? "" : message(check);
    }

    /** Whether the option is marked right or wrong on the page: only after an answer. */
    public String mark(Quiz.Option option) {
        if (check == null) {
            return "";
        }
        return option.correct() ? "correct" : picked(option) ? "wrong" : "";
    }

    static String message(Quiz.Check check) {
        return check.correct() ? "Correct." : "Not quite: read the notes below and try again.";
    }
}

package dev.serverlesslab.server.quiz;

import dev.serverlesslab.lessons.course.Lesson;
import dev.serverlesslab.lessons.course.Quiz;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a learner's answer to a lesson quiz, stores it as theirs and answers with the verdict: JSON (per option,
 * whether it was picked, whether it is right and why) for the lesson page's script, or, for a plain form post
 * without JavaScript, a redirect back to the quiz, where the lesson page shows the stored answer and its feedback.
 *
 * <p>The learner is always the viewer of the request; nothing in the form says whose answer it is.
 */
public final class QuizAnswers {

    /** Longer than any sensible short answer; a longer one is refused rather than cut. */
    static final int MAX_TYPED = 500;

    private final QuizStore store;

    public QuizAnswers(QuizStore store) {
        this.store = store;
    }

    /**
     * {@code POST /lessons/{lessonId}/quizzes/{quizId}} with form field {@code answer} (once per option picked, or
     * the text typed).
     */
    public void answer(Context ctx, Lesson lesson, long learnerId) {
        String quizId = ctx.pathParam("quizId");
        Quiz quiz = lesson.quiz(quizId).orElseThrow(() -> new NotFoundResponse("Lesson '" + lesson.id()
                + "' has no quiz '" + quizId + "'. Reload the lesson: it may have changed."));
        List<String> given = given(quiz, ctx.formParams("answer"));
        Quiz.Check check = quiz.check(given);
        store.record(learnerId, lesson.id(), quiz.id(), String.join(quiz.isShortAnswer() ? "" : ",", given),
                check.correct());
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("application/json")) {
            ctx.json(verdict(quiz, check));
        } else {
            ctx.redirect("/lessons/" + lesson.id() + "#quiz-" + quiz.id(), HttpStatus.SEE_OTHER);
        }
    }

    /** The lesson's quizzes with the learner's stored answers, as the lesson page shows them. */
    public List<QuizView> views(Lesson lesson, long learnerId) {
        if (lesson.quizzes().isEmpty()) {
            return List.of();
        }
        Map<String, QuizStore.Answer> answers = store.answers(learnerId, lesson.id());
        List<QuizView> views = new ArrayList<>();
        for (Quiz quiz : lesson.quizzes()) {
            QuizStore.Answer answer = answers.get(quiz.id());
            if (answer == null) {
                views.add(new QuizView(quiz, List.of(), "", null));
                continue;
            }
            List<String> given = quiz.isShortAnswer() ? List.of(answer.answer())
                    : Arrays.stream(answer.answer().split(",")).filter(name -> !name.isEmpty()).toList();
            // Checked again rather than trusting the stored verdict: the author may have corrected the quiz since.
            views.add(new QuizView(quiz, quiz.isShortAnswer() ? List.of() : given,
                    quiz.isShortAnswer() ? answer.answer() : "", quiz.check(given)));
        }
        return views;
    }

    /** Quizzes the learner answered right, by lesson id. */
    public Map<String, Integer> correctByLesson(long learnerId) {
        return store.correctByLesson(learnerId);
    }

    private static List<String> given(Quiz quiz, List<String> answers) {
        if (quiz.isShortAnswer()) {
            String typed = answers.isEmpty() ? "" : answers.get(0).strip();
            if (typed.isEmpty()) {
                throw new BadRequestResponse("Type an answer to '" + quiz.question() + "' before checking it.");
            }
            if (typed.length() > MAX_TYPED) {
                throw new BadRequestResponse("That answer is " + typed.length() + " characters long; a short "
                        + "answer takes at most " + MAX_TYPED + ".");
            }
            return List.of(typed);
        }
        List<String> names = quiz.options().stream().map(Quiz.Option::name).toList();
        List<String> picked = answers.stream().distinct().toList();
        if (picked.isEmpty()) {
            throw new BadRequestResponse("Pick an option of '" + quiz.question() + "' before checking it.");
        }
        for (String name : picked) {
            if (!names.contains(name)) {
                throw new BadRequestResponse("'" + name + "' is not an option of this quiz; the options are "
                        + String.join(", ", names) + ". Reload the lesson: it may have changed.");
            }
        }
        if (!quiz.isMultipleAnswer() && picked.size() > 1) {
            throw new BadRequestResponse("This quiz takes one option; " + picked.size() + " were sent.");
        }
        return names.stream().filter(picked::contains).toList();
    }

    private static Map<String, Object> verdict(Quiz quiz, Quiz.Check check) {
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("quizId", quiz.id());
        verdict.put("correct", check.correct());
        verdict.put("message", QuizView.message(check));
        verdict.put("explanation", quiz.explanation());
        verdict.put("options", check.feedback().stream().map(feedback -> Map.of(
                "name", feedback.name(), "picked", feedback.picked(), "correct", feedback.correct(),
                "explanation", feedback.explanation())).toList());
        return verdict;
    }
}

package dev.serverlesslab.lessons.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.lessons.markdown.MarkdownRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuizTests {

    private static final String FRONT_MATTER_QUIZ = """
            ---
            title: Cold starts
            summary: When init runs.
            quiz:
              - id: cold-start
                question: When does a cold start happen?
                options:
                  - text: On every request
                    why: A warm environment skips init.
                  - text: When a new execution environment serves its first request
                    correct: true
                    why: Init runs once per environment.
                why: Provisioned concurrency keeps environments initialised.
            ---
            # Cold starts

            Some text.

            ```quiz
            id: max-timeout
            question: What is the longest timeout, in seconds?
            answer: [900, 15 minutes]
            ```

            More text.
            """;

    @TempDir
    Path dir;

    @Test
    void frontMatterAndFencedQuizzes_areReadInOrder_andTheFenceLeavesNoCodeInTheHtml() {
        Lesson lesson = read(FRONT_MATTER_QUIZ);

        assertEquals(List.of("cold-start", "max-timeout"), lesson.quizzes().stream().map(Quiz::id).toList());
        Quiz choice = lesson.quizzes().get(0);
        assertEquals(List.of("a", "b"), choice.options().stream().map(Quiz.Option::name).toList());
        assertFalse(choice.isMultipleAnswer());
        assertTrue(lesson.quizzes().get(1).isShortAnswer());
        assertFalse(lesson.html().contains("max-timeout"), lesson.html());
        assertTrue(lesson.html().contains("More text."), lesson.html());
        assertEquals(20, lesson.quizzes().get(1).line(), "the first line inside the fence");
    }

    @Test
    void check_multipleChoice_givesFeedbackPerOption() {
        Quiz quiz = read(FRONT_MATTER_QUIZ).quiz("cold-start").orElseThrow();

        Quiz.Check wrong = quiz.check(List.of("a"));
        Quiz.Check right = quiz.check(List.of("b"));
        Quiz.Check both = quiz.check(List.of("a", "b"));

        assertFalse(wrong.correct());
        assertTrue(wrong.feedback().get(0).picked());
        assertEquals("A warm environment skips init.", wrong.feedback().get(0).explanation());
        assertTrue(right.correct());
        assertFalse(both.correct(), "picking a wrong option too is not right");
    }

    @Test
    void check_shortAnswer_ignoresCaseAndSpacing_andAcceptsNumbersWrittenUnquoted() {
        Quiz quiz = read(FRONT_MATTER_QUIZ).quiz("max-timeout").orElseThrow();

        assertTrue(quiz.check(List.of(" 900 ")).correct());
        assertTrue(quiz.check(List.of("15   Minutes")).correct());
        assertFalse(quiz.check(List.of("300")).correct());
        assertFalse(quiz.check(List.of()).correct());
    }

    @Test
    void quizWithoutCorrectOption_isRefusedWithFileAndLine() {
        ContentException e = assertThrows(ContentException.class, () -> read(FRONT_MATTER_QUIZ
                .replaceAll("\n *correct: true", "")));

        assertEquals("content/lessons/01-quiz.md", e.file());
        assertEquals(7, e.line(), "the line of 'options:'");
        assertTrue(e.problem().contains("no correct answer"), e.problem());
    }

    @Test
    void duplicateIds_areRefusedAtTheSecondOne() {
        ContentException e = assertThrows(ContentException.class, () -> read(FRONT_MATTER_QUIZ
                .replace("id: max-timeout", "id: cold-start")));

        assertEquals(20, e.line());
        assertTrue(e.problem().contains("'cold-start' is already the id of the quiz on line 5"), e.problem());
    }

    @Test
    void quizWithBothOrNeitherOptionsAndAnswer_unknownFieldsAndNonBooleanCorrect_areRefused() {
        assertTrue(assertThrows(ContentException.class, () -> read(FRONT_MATTER_QUIZ
                .replace("answer: [900, 15 minutes]", ""))).problem().contains("has neither"));
        assertTrue(assertThrows(ContentException.class, () -> read(FRONT_MATTER_QUIZ
                .replace("answer: [900, 15 minutes]", "answer: 900\noptions: [x, y]"))).problem().contains("not both"));
        assertTrue(assertThrows(ContentException.class, () -> read(FRONT_MATTER_QUIZ
                .replace("answer: [900", "answers: [900"))).problem().contains("unknown field 'answers': allowed fields are id, question, options, answer, why"));
        ContentException yes = assertThrows(ContentException.class, () -> read(FRONT_MATTER_QUIZ
                .replace("correct: true", "correct: yes please")));
        assertEquals(11, yes.line());
        assertTrue(yes.problem().contains("field 'quiz[0].options[1].correct': must be true or false, got text"),
                yes.problem());
    }

    private Lesson read(String markdown) {
        try {
            Path file = dir.resolve("01-quiz.md");
            Files.writeString(file, markdown);
            return new LessonReader(new MarkdownRenderer())
                    .read("01-quiz", new ContentFile(file, "content/lessons/01-quiz.md"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

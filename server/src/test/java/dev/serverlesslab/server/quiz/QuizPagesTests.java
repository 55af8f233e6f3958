package dev.serverlesslab.server.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.course.CourseLoader;
import dev.serverlesslab.lessons.course.Lesson;
import dev.serverlesslab.lessons.course.Quiz;
import dev.serverlesslab.server.TestApp;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Answering the course's quizzes through the lesson page's form, with and without JavaScript. */
class QuizPagesTests {

    private final Course course = CourseLoader.load(TestApp.CONTENT);
    private final ObjectMapper json = new ObjectMapper();
    private Backend backend;
    private TestApp app;

    @BeforeEach
    void start(@TempDir Path data) {
        backend = TestApp.nowhere();
        app = TestApp.start(data, backend);
    }

    @AfterEach
    void stop() {
        app.close();
        backend.close();
    }

    @Test
    void everyLessonOfTheCourse_showsItsQuizzesAsForms() {
        for (Lesson lesson : course.lessons()) {
            assertFalse(lesson.quizzes().isEmpty(), lesson.id() + " has a quiz");
            String page = app.get("/lessons/" + lesson.id()).body();
            for (Quiz quiz : lesson.quizzes()) {
                assertTrue(page.contains("action=\"/lessons/" + lesson.id() + "/quizzes/" + quiz.id() + "\""), page);
            }
        }
    }

    @Test
    void choiceAnswer_isCheckedAsJson_withFeedbackPerOption_andShownOnReturn() throws IOException {
        Lesson lesson = lessonWith(false);
        Quiz quiz = lesson.quizzes().stream().filter(q -> !q.isShortAnswer()).findFirst().orElseThrow();
        Quiz.Option wrong = quiz.options().stream().filter(option -> !option.correct()).findFirst().orElseThrow();

        HttpResponse<String> response = post(lesson, quiz, List.of(wrong.name()), true);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode verdict = json.readTree(response.body());
        assertFalse(verdict.get("correct").asBoolean());
        assertEquals(quiz.options().size(), verdict.get("options").size());
        JsonNode picked = verdict.get("options").get(quiz.options().indexOf(wrong));
        assertTrue(picked.get("picked").asBoolean());
        assertFalse(picked.get("correct").asBoolean());
        assertEquals(wrong.explanation(), picked.get("explanation").asText());

        List<String> right = quiz.options().stream().filter(Quiz.Option::correct).map(Quiz.Option::name).toList();
        assertTrue(json.readTree(post(lesson, quiz, right, true).body()).get("correct").asBoolean());
        String page = app.get("/lessons/" + lesson.id()).body();
        String form = page.substring(page.indexOf("id=\"quiz-" + quiz.id() + "\""));
        assertTrue(form.contains("Correct."), form);
        for (Quiz.Option option : quiz.options()) {
            boolean ticked = java.util.regex.Pattern.compile("id=\"quiz-" + quiz.id() + "-" + option.name()
                    + "\"[^>]*checked").matcher(form.substring(0, form.indexOf("</form>"))).find();
            assertEquals(option.correct(), ticked, "the stored answer is ticked again: " + form);
        }
    }

    /** Rendered pages are kept while nothing on them changes (ThymeleafRenderer); an answer changes the page. */
    @Test
    void lessonOpenedBeforeAndAfterEachAnswer_alwaysShowsTheLatestVerdict() {
        Lesson lesson = lessonWith(true);
        Quiz quiz = lesson.quizzes().stream().filter(Quiz::isShortAnswer).findFirst().orElseThrow();
        String before = app.get("/lessons/" + lesson.id()).body();
        assertEquals(before, app.get("/lessons/" + lesson.id()).body(), "nothing changed between two visits");
        assertFalse(before.contains("Not quite"), before);

        post(lesson, quiz, List.of("a first wrong try"), false);
        String afterWrong = app.get("/lessons/" + lesson.id()).body();
        post(lesson, quiz, List.of(quiz.accepted().get(0)), false);
        String afterRight = app.get("/lessons/" + lesson.id()).body();

        assertTrue(afterWrong.contains("Not quite") && afterWrong.contains("value=\"a first wrong try\""), afterWrong);
        assertFalse(afterRight.contains("a first wrong try") || afterRight.contains("Not quite"), afterRight);
        assertTrue(afterRight.contains("Correct."), afterRight);
    }

    @Test
    void formPostWithoutJavaScript_redirectsBackToTheQuiz_whichShowsTheVerdict() {
        Lesson lesson = lessonWith(true);
        Quiz quiz = lesson.quizzes().stream().filter(Quiz::isShortAnswer).findFirst().orElseThrow();

        HttpResponse<String> response = post(lesson, quiz, List.of("certainly not <b>this</b>"), false);

        assertEquals(303, response.statusCode(), response.body());
        assertEquals("/lessons/" + lesson.id() + "#quiz-" + quiz.id(),
                response.headers().firstValue("Location").orElseThrow());
        String page = app.get("/lessons/" + lesson.id()).body();
        assertTrue(page.contains("Not quite"), page);
        assertTrue(page.contains("value=\"certainly not &lt;b&gt;this&lt;/b&gt;\""), "typed text comes back escaped");
        assertFalse(page.contains("<b>this</b>"), page);
    }

    @Test
    void outline_countsQuizQuestionsAnsweredRight() {
        Lesson lesson = lessonWith(true);
        Quiz quiz = lesson.quizzes().stream().filter(Quiz::isShortAnswer).findFirst().orElseThrow();

        assertTrue(app.get("/").body().contains("0 of "), "nothing answered yet");
        post(lesson, quiz, List.of(quiz.accepted().get(0)), false);

        assertTrue(app.get("/").body().matches("(?s).*, 1 of \\d+ quiz questions? right.*"), app.get("/").body());
    }

    @Test
    void unknownOption_emptyAnswer_unknownQuiz_andCrossSitePost_areRefused_andNothingIsStored() {
        Lesson lesson = lessonWith(false);
        Quiz quiz = lesson.quizzes().stream().filter(q -> !q.isShortAnswer()).findFirst().orElseThrow();

        HttpResponse<String> unknown = post(lesson, quiz, List.of("z"), false);
        HttpResponse<String> empty = post(lesson, quiz, List.of(), false);
        HttpResponse<String> noQuiz = app.send(app.request("/lessons/" + lesson.id() + "/quizzes/no-such-quiz")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("answer=a")).build());
        HttpResponse<String> crossSite = app.send(app.request("/lessons/" + lesson.id() + "/quizzes/" + quiz.id())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("answer=" + quiz.options().get(0).name())).build());

        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("&#39;z&#39; is not an option of this quiz")
                || unknown.body().contains("'z' is not an option of this quiz"), unknown.body());
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("Pick an option"), empty.body());
        assertEquals(404, noQuiz.statusCode());
        assertEquals(403, crossSite.statusCode());
        assertFalse(app.get("/lessons/" + lesson.id()).body().contains("quiz-verdict\">Correct"),
                "no refused answer was stored");
        assertFalse(app.get("/lessons/" + lesson.id()).body().contains("Not quite"));
    }

    private Lesson lessonWith(boolean shortAnswer) {
        return course.lessons().stream()
                .filter(lesson -> lesson.quizzes().stream().anyMatch(quiz -> quiz.isShortAnswer() == shortAnswer))
                .findFirst().orElseThrow();
    }

    private HttpResponse<String> post(Lesson lesson, Quiz quiz, List<String> answers, boolean asScript) {
        String body = answers.stream().map(answer -> "answer=" + URLEncoder.encode(answer, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = app.request("/lessons/" + lesson.id() + "/quizzes/" + quiz.id())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (asScript) {
            request.header("Accept", "application/json");
        }
        return app.send(request.build());
    }
}

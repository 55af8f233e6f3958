package dev.serverlesslab.server.course;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.course.CourseLoader;
import dev.serverlesslab.lessons.course.Lesson;
import dev.serverlesslab.lessons.course.Quiz;
import dev.serverlesslab.server.SignedInClient;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.account.Role;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lesson pages are kept once rendered and answered from memory (ETag included) while the learner's progress version
 * stands still: whatever the learner does that the page shows must give a new page and a new tag at once, and no
 * learner ever gets a page or a 304 made for someone else.
 */
class LessonPageFreshnessTests {

    private static final Course COURSE = CourseLoader.load(TestApp.CONTENT);
    private static final String HELLO_LESSON = ExerciseCatalog.load(TestApp.CONTENT).find("hello-lambda")
            .orElseThrow().lesson();

    @TempDir
    Path data;
    private final Backend backend = TestApp.nowhere();
    private final CountDownLatch gradingMayFinish = new CountDownLatch(1);
    private TestApp app;

    @AfterEach
    void stop() {
        gradingMayFinish.countDown();
        if (app != null) {
            app.close();
        }
        backend.close();
    }

    @Test
    void lessonOpenedAgain_afterReadingAnother_marksThatOneRead_withANewTag() {
        app = TestApp.start(data, backend);
        Lesson first = COURSE.lessons().get(0);
        Lesson second = COURSE.lessons().get(1);
        HttpResponse<String> before = app.get("/lessons/" + first.id());
        String tag = etag(before);
        assertEquals(304, conditional(first, tag).statusCode(), "nothing changed: the browser's copy is current");

        app.get("/lessons/" + second.id());

        HttpResponse<String> after = conditional(first, tag);
        assertEquals(200, after.statusCode(), "the sidebar now marks the second lesson read: the old copy is stale");
        assertNotEquals(tag, etag(after));
        assertFalse(readMarked(before.body(), second), before.body());
        assertTrue(readMarked(after.body(), second), after.body());
    }

    @Test
    void lessonOpenedWhileItsExerciseWaitsToBeGraded_showsTheScoreOnceGraded() throws Exception {
        app = TestApp.start(TestApp.CONTENT, data, backend, (exercise, submission, listener) -> {
            try {
                if (!gradingMayFinish.await(2, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("the test never let the grading finish");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return new GradingReport("hello-lambda", Status.FAILED, "", List.of(), List.of(new CheckResult("greets",
                    Status.FAILED, null, 3, 2, 3, null, false)), List.of(), "", List.of(), 10);
        });
        String lesson = "/lessons/" + HELLO_LESSON;
        String ungraded = etag(app.get(lesson));
        String id = TestApp.submissionId(app.submit("hello-lambda", TestApp.starterFiles()));
        HttpResponse<String> waiting = app.get(lesson);
        assertFalse(waiting.body().contains("best 2 / 3 points"), "not graded yet");

        gradingMayFinish.countDown();
        app.awaitFinished(id);

        HttpResponse<String> graded = conditional(COURSE.lesson(HELLO_LESSON).orElseThrow(), etag(waiting));
        assertEquals(200, graded.statusCode(), "the grading changed the page: the copy from before is stale");
        assertTrue(graded.body().contains("best 2 / 3 points"), graded.body());
        assertNotEquals(ungraded, etag(graded));
        assertEquals(graded.body(), app.get(lesson).body(), "and it stays graded");
    }

    @Test
    void twoLearners_getPagesOfTheirOwn_andNeverTheOthersTag() {
        app = TestApp.startClass(data, backend);
        app.app().accounts().orElseThrow().create("ada", "Ada Lovelace", Role.STUDENT, null, "correct-horse-7", false);
        app.app().accounts().orElseThrow().create("bob", "Bob Babbage", Role.STUDENT, null, "battery-staple-9", false);
        SignedInClient ada = new SignedInClient(app).signIn("ada", "correct-horse-7");
        SignedInClient bob = new SignedInClient(app).signIn("bob", "battery-staple-9");
        Lesson lesson = COURSE.lessons().stream().filter(candidate -> candidate.quizzes().stream()
                .anyMatch(Quiz::isShortAnswer)).findFirst().orElseThrow();
        Quiz quiz = lesson.quizzes().stream().filter(Quiz::isShortAnswer).findFirst().orElseThrow();
        String path = "/lessons/" + lesson.id();

        ada.post(path + "/quizzes/" + quiz.id(), Map.of("answer", "ada's own guess"));
        HttpResponse<String> adas = ada.get(path);
        HttpResponse<String> bobs = bob.get(path);

        assertTrue(adas.body().contains("own guess") && adas.body().contains("Ada Lovelace"), adas.body());
        assertFalse(bobs.body().contains("own guess") || bobs.body().contains("Ada Lovelace"),
                "Bob's page holds nothing of Ada's: " + bobs.body());
        assertTrue(bobs.body().contains("Bob Babbage"), bobs.body());
        assertNotEquals(etag(adas), etag(bobs));
        HttpResponse<String> bobWithAdasTag = bob.send(app.request(path)
                .header("If-None-Match", etag(adas)).GET().build());
        assertEquals(200, bobWithAdasTag.statusCode(), "Ada's tag never revalidates Bob's page");
        assertEquals(bobs.body(), bobWithAdasTag.body());
    }

    @Test
    void clientThatAcceptsGzip_getsTheSamePageCompressed_underATagOfItsOwn_eachWithItsLength() throws IOException {
        app = TestApp.start(data, backend);
        String path = "/lessons/" + COURSE.lessons().get(0).id();
        HttpResponse<byte[]> plain = app.sendBytes(app.request(path).GET().build());
        HttpResponse<byte[]> zipped = app.sendBytes(app.request(path).header("Accept-Encoding", "gzip, deflate")
                .GET().build());

        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals(String.valueOf(zipped.body().length), zipped.headers().firstValue("Content-Length").orElse(null),
                "sent whole, with its length");
        assertEquals(String.valueOf(plain.body().length), plain.headers().firstValue("Content-Length").orElse(null));
        assertFalse(plain.headers().firstValue("Content-Encoding").isPresent());
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertArrayEquals(plain.body(), in.readAllBytes());
        }
        String zippedTag = zipped.headers().firstValue("ETag").orElseThrow();
        assertNotEquals(plain.headers().firstValue("ETag").orElseThrow(), zippedTag);
        assertTrue(zipped.headers().firstValue("Vary").orElse("").contains("Accept-Encoding"));
        HttpResponse<byte[]> notModified = app.sendBytes(app.request(path).header("Accept-Encoding", "gzip")
                .header("If-None-Match", zippedTag).GET().build());
        assertEquals(304, notModified.statusCode());
        assertEquals(0, notModified.body().length);
        assertEquals(String.valueOf(zipped.body().length), notModified.headers().firstValue("Content-Length")
                .orElse(String.valueOf(zipped.body().length)), "a 304's Content-Length, if any, is the gzip's length");
    }

    private HttpResponse<String> conditional(Lesson lesson, String tag) {
        return app.send(app.request("/lessons/" + lesson.id()).header("If-None-Match", tag).GET().build());
    }

    private static String etag(HttpResponse<?> response) {
        assertEquals(200, response.statusCode());
        return response.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag"));
    }

    /** Whether the sidebar's link to {@code lesson} carries the read mark. */
    private static boolean readMarked(String page, Lesson lesson) {
        int link = page.indexOf("href=\"/lessons/" + lesson.id() + "\"");
        assertTrue(link >= 0, "the sidebar links " + lesson.id());
        int end = page.indexOf('>', link);
        return page.substring(page.lastIndexOf('<', link), end).matches("(?s).*class=\"[^\"]*\\bread\\b.*");
    }
}

package dev.serverlesslab.server.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.lessons.cache.CourseCache;
import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.course.CourseLoader;
import dev.serverlesslab.lessons.course.CourseModule;
import dev.serverlesslab.lessons.course.Lesson;
import dev.serverlesslab.server.ContentCopy;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.WebAppConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve's start reads the course it kept at the last start when the content is unchanged, and renders it when a
 * lesson changed or the kept file is damaged; live reload always renders. A kept course that differs from the
 * rendering (a marker in a lesson's HTML) shows which of the two a page came from.
 */
class CourseCacheStartTests {

    private static final String LESSON = "01-what-serverless-is";
    private static final String MARKER = "<p>Kept at the last start.</p>";

    @TempDir
    Path temp;
    private Path content;
    private Path cacheDir;
    private CourseCache cache;

    @BeforeEach
    void copyContent() {
        content = ContentCopy.of(temp);
        cacheDir = temp.resolve("course-cache");
        cache = CourseCache.in(cacheDir);
    }

    @Test
    void start_withUnchangedContent_servesTheKeptCourse() {
        cache.store(content, withMarker(CourseLoader.load(content)));

        try (TestApp app = start()) {
            assertTrue(lessonPage(app).contains(MARKER), "the lesson page shows the kept HTML");
        }
    }

    @Test
    void start_afterALessonIsEdited_servesTheEditedLesson() throws IOException {
        cache.store(content, withMarker(CourseLoader.load(content)));
        Path file = content.resolve("lessons/" + LESSON + ".md");
        Files.writeString(file, Files.readString(file) + "\nWritten while the server was stopped.\n");

        try (TestApp app = start()) {
            String page = lessonPage(app);
            assertTrue(page.contains("Written while the server was stopped."), "the edit is shown");
            assertFalse(page.contains(MARKER), "the kept course is not");
        }
        assertFalse(readMarker(), "the next start's file holds the edited course");
    }

    @Test
    void start_withADamagedCacheFile_servesTheRenderedCourse_andKeepsItForTheNextStart() throws IOException {
        Files.createDirectories(cacheDir);
        Files.writeString(cache.file(content), "half a file");

        try (TestApp app = start()) {
            assertTrue(lessonPage(app).contains(html(CourseLoader.load(content))), "the rendered lesson");
        }
        assertTrue(cache.load(content).fromCache(), "rewritten");
    }

    @Test
    void start_withoutACacheConfigured_rendersEvenWhenOneIsKept() {
        cache.store(content, withMarker(CourseLoader.load(content)));

        try (TestApp app = TestApp.start(new WebAppConfig(content, temp.resolve("data"), "127.0.0.1", 0,
                TestApp.nowhere()))) {
            assertFalse(lessonPage(app).contains(MARKER));
        }
    }

    @Test
    void reload_rendersTheLessons_insteadOfReadingTheKeptCourse() {
        cache.store(content, withMarker(CourseLoader.load(content)));
        LiveContent live = LiveContent.loading(content, cache, Runnable::run);
        assertTrue(html(live.course()).contains(MARKER), "the start read the kept course");

        LiveContent.Snapshot reloaded = live.reload();

        assertEquals(2, reloaded.version(), reloaded.problems().toString());
        assertFalse(html(reloaded.course()).contains(MARKER), "the reload rendered");
        assertEquals(CourseLoader.load(content), reloaded.course());
    }

    private TestApp start() {
        return TestApp.start(new WebAppConfig(content, temp.resolve("data"), "127.0.0.1", 0, TestApp.nowhere())
                .cachingCourseIn(cacheDir));
    }

    private boolean readMarker() {
        CourseCache.Loaded loaded = cache.load(content);
        assertTrue(loaded.fromCache());
        return html(loaded.course()).contains(MARKER);
    }

    private static String lessonPage(TestApp app) {
        HttpResponse<String> page = app.get("/lessons/" + LESSON);
        assertEquals(200, page.statusCode());
        return page.body();
    }

    private static String html(Course course) {
        return course.lesson(LESSON).orElseThrow().html();
    }

    private static Course withMarker(Course course) {
        return new Course(course.title(), course.summary(), course.modules().stream()
                .map(module -> new CourseModule(module.title(), module.lessons().stream()
                        .map(lesson -> lesson.id().equals(LESSON) ? new Lesson(lesson.id(), lesson.title(),
                                lesson.summary(), lesson.exercises(), MARKER + lesson.html(), lesson.toc(),
                                lesson.file(), lesson.hasDiagram(), lesson.quizzes()) : lesson)
                        .toList()))
                .toList());
    }
}

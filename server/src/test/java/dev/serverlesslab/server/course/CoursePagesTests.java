package dev.serverlesslab.server.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.course.CourseLoader;
import dev.serverlesslab.lessons.markdown.Heading;
import dev.serverlesslab.lessons.course.Lesson;
import dev.serverlesslab.server.TestApp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoursePagesTests {

    private final Course course = CourseLoader.load(TestApp.CONTENT);
    private Backend backend;
    private TestApp app;

    @BeforeAll
    void start(@TempDir Path data) {
        backend = TestApp.nowhere();
        app = TestApp.start(data, backend);
    }

    @AfterAll
    void stop() {
        app.close();
        backend.close();
    }

    @Test
    void outline_listsEveryLessonAndTheHelloLambdaExercise() {
        HttpResponse<String> page = app.get("/");

        assertEquals(200, page.statusCode());
        assertTrue(course.lessons().size() >= 2, "the course has at least two lessons");
        for (Lesson lesson : course.lessons()) {
            assertTrue(page.body().contains("href=\"/lessons/" + lesson.id() + "\""), "links lesson " + lesson.id());
            assertTrue(page.body().contains(escaped(lesson.title())), "shows title of " + lesson.id());
        }
        assertTrue(page.body().contains("href=\"/exercises/hello-lambda\""), page.body());
    }

    @Test
    void lesson_showsHeadingsWithAnchors_andLinksThemFromTheTableOfContents() {
        for (Lesson lesson : course.lessons()) {
            String page = app.get("/lessons/" + lesson.id()).body();

            assertFalse(lesson.toc().isEmpty(), lesson.id() + " has headings");
            for (Heading heading : lesson.toc()) {
                assertTrue(page.contains("id=\"" + heading.anchor() + "\""), lesson.id() + " anchors " + heading.anchor());
                assertTrue(page.contains("href=\"#" + heading.anchor() + "\""), lesson.id() + " lists " + heading.anchor());
            }
        }
    }

    @Test
    void lesson_revalidatedWithItsETag_answers304WithoutABody_andAChangedPageAnswersInFull() throws Exception {
        Lesson lesson = course.lessons().get(0);
        HttpResponse<String> first = app.get("/lessons/" + lesson.id());
        String tag = first.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag"));
        assertEquals("private, no-cache", first.headers().firstValue("Cache-Control").orElse(""));

        HttpResponse<String> again = app.send(app.request("/lessons/" + lesson.id())
                .header("If-None-Match", "\"other\", W/" + tag).GET().build());
        HttpResponse<String> stale = app.send(app.request("/lessons/" + lesson.id())
                .header("If-None-Match", "\"0123456789abcdef0123456789abcdef\"").GET().build());
        HttpResponse<String> other = app.get("/lessons/" + course.lessons().get(1).id());

        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        // RFC 9110 8.6: a 304 carries no Content-Length, or the length the 200 would have had; never 0.
        assertEquals(String.valueOf(first.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
                again.headers().firstValue("Content-Length").orElse(first.headers().firstValue("Content-Length")
                        .orElseThrow()));
        assertEquals(200, stale.statusCode());
        assertEquals(first.body(), stale.body());
        assertNotEquals(tag, other.headers().firstValue("ETag").orElse(tag));
    }

    @Test
    void lessons_renderTheirMarkdownTables() {
        List<String> pages = course.lessons().stream().map(lesson -> app.get("/lessons/" + lesson.id()).body()).toList();

        assertTrue(pages.stream().anyMatch(page -> page.contains("<table") && page.contains("<td")),
                "some lesson shows a table");
    }

    @Test
    void lesson_linksItsNeighboursAndItsExercises() {
        Lesson first = course.lessons().get(0);
        Lesson second = course.lessons().get(1);

        String page = app.get("/lessons/" + second.id()).body();

        assertTrue(page.contains("href=\"/lessons/" + first.id() + "\""), "links back to " + first.id());
        for (String exercise : second.exercises()) {
            assertTrue(page.contains("href=\"/exercises/" + exercise + "\""), "links exercise " + exercise);
        }
        assertTrue(app.get("/lessons/" + first.id()).body().contains("href=\"/lessons/" + second.id() + "\""));
    }

    @Test
    void lesson_showsWhatItsExerciseIsGradedOutOf_onceCounted_andNeverAnotherFigure() {
        Lesson lesson = course.lessons().stream().filter(l -> l.exercises().contains("hello-lambda")).findFirst()
                .orElseThrow();
        Pattern shown = Pattern.compile("href=\"/exercises/hello-lambda\"[^<]*</a>\\s*<span class=\"points\"[^>]*>"
                + "(\\d+) points</span>");
        List<String> figures = new ArrayList<>();

        // Counted in the background from the compiled checks: the page shows nothing until then, then 8 (six one-point checks and a hidden one worth two).
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> {
            Matcher matcher = shown.matcher(app.get("/lessons/" + lesson.id()).body());
            if (matcher.find()) {
                figures.add(matcher.group(1));
            }
            return !figures.isEmpty();
        });
        assertEquals(List.of("8"), figures);
    }

    @Test
    void lesson_includesTheMarkdownStylesheetAndScript() {
        String page = app.get("/lessons/" + course.lessons().get(0).id()).body();

        assertTrue(page.contains("/markdown/style.css"), page);
        assertTrue(page.contains("/markdown/script.js"), page);
        assertEquals(200, app.get("/markdown/style.css").statusCode());
        assertEquals(200, app.get("/markdown/script.js").statusCode());
    }

    @Test
    void mermaid_isNamedOnlyByPagesWithADiagram_andTheWebjarItNamesIsServed() {
        Lesson withDiagram = course.lessons().stream().filter(Lesson::hasDiagram).findFirst().orElseThrow();
        String lessonPage = app.get("/lessons/" + withDiagram.id()).body();
        // hello-lambda's statement has no diagram: its page must stay light.
        String exercisePage = app.get("/exercises/hello-lambda").body();

        assertTrue(lessonPage.contains("<pre class=\"mermaid\">"), lessonPage);
        assertTrue(lessonPage.contains("data-mermaid=\"/webjars/mermaid/"), lessonPage);
        assertFalse(exercisePage.contains("/webjars/mermaid"), exercisePage);
        assertTrue(exercisePage.contains("/static/js/lesson.js"), "highlighting still loads");
        String mermaid = lessonPage.replaceAll("(?s).*data-mermaid=\"([^\"]+)\".*", "$1");
        assertEquals(200, app.get(mermaid).statusCode(), mermaid);
    }

    @Test
    void lesson_hasACourseWideSidebar_listingEveryLesson_withTheCurrentOneMarked() {
        Lesson current = course.lessons().get(1);
        String page = app.get("/lessons/" + current.id()).body();
        String sidebar = page.substring(page.indexOf("<nav class=\"course-nav\""), page.indexOf("</nav>"));

        for (Lesson lesson : course.lessons()) {
            assertTrue(sidebar.contains("href=\"/lessons/" + lesson.id() + "\""), lesson.id() + " in " + sidebar);
        }
        assertTrue(sidebar.contains("href=\"/lessons/" + current.id() + "\" aria-current=\"page\""), sidebar);
        assertEquals(1, sidebar.split("aria-current", -1).length - 1, sidebar);
    }

    @Test
    void search_findsLessonsByTheirText_andEscapesSnippetsAndTheQuery() {
        String page = app.get("/search?q=" + java.net.URLEncoder.encode("RequestHandler<I",
                java.nio.charset.StandardCharsets.UTF_8)).body();

        assertTrue(page.contains("href=\"/lessons/02-anatomy-of-a-lambda-function#"), page);
        assertTrue(page.contains("RequestHandler&lt;I, O&gt;"), "snippet escaped: " + page);
        assertFalse(page.contains("RequestHandler<I"), page);
        String hostile = app.get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").body();
        assertTrue(hostile.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), hostile);
        assertFalse(hostile.contains("<script>alert(1)"), hostile);
        assertEquals(400, app.get("/search?q=" + "x".repeat(201)).statusCode());
    }

    @Test
    void unknownLesson_answers404PageInTheLayout_withoutStackTrace() {
        HttpResponse<String> page = app.get("/lessons/no-such-lesson");

        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("There is no lesson &#39;no-such-lesson&#39;"), page.body());
        assertTrue(page.body().contains("Serverless Lab"), "rendered in the layout");
        assertFalse(page.body().contains("Exception"), page.body());
    }

    @Test
    void unknownPath_answers404Page() {
        HttpResponse<String> page = app.get("/no/such/page");

        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("There is no page at /no/such/page"), page.body());
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
                .replace("\"", "&quot;");
    }
}

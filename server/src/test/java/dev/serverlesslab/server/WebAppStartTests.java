package dev.serverlesslab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.course.CourseLoader;
import dev.serverlesslab.server.database.DatabaseException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab serve} listens before the course has loaded and the database is migrated ({@link WebApp#starting}): a
 * request in that window still gets the whole course (it waits), or a "starting" page that asks again, never an
 * empty course or an error; a start that fails shows its reason on every page.
 */
class WebAppStartTests {

    private static final Duration LONG = Duration.ofMinutes(3);

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Backend backend = TestApp.nowhere();
    private WebApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        backend.close();
        threads.shutdownNow();
    }

    @Test
    void requestDuringTheStart_waitsForIt_andGetsTheWholeCourse() throws Exception {
        HeldStart held = new HeldStart(threads);
        app = WebApp.starting(config(TestApp.CONTENT, null), WebApp.Overrides.NONE.starting(held, LONG));

        // Sent while nothing of the start has run: the course is not loaded and the database not even opened.
        CompletableFuture<HttpResponse<String>> outline = http.sendAsync(get("/").build(),
                HttpResponse.BodyHandlers.ofString());
        held.release();

        HttpResponse<String> response = outline.get();
        assertEquals(200, response.statusCode(), response.body());
        Course course = CourseLoader.load(TestApp.CONTENT);
        assertTrue(course.lessons().size() > 1);
        course.lessons().forEach(lesson -> assertTrue(response.body().contains("/lessons/" + lesson.id()),
                "the outline links " + lesson.id()));
    }

    @Test
    void requestDuringALongStart_getsAStartingPageThatAsksAgain_thenTheCourse() throws Exception {
        HeldStart held = new HeldStart(threads);
        app = WebApp.starting(config(TestApp.CONTENT, null), WebApp.Overrides.NONE.starting(held, Duration.ZERO));

        HttpResponse<String> starting = send(get("/"));
        assertEquals(503, starting.statusCode());
        assertTrue(starting.body().contains("still starting"), starting.body());
        assertEquals("1", starting.headers().firstValue("Refresh").orElse(""), "the browser asks again by itself");
        assertEquals("1", starting.headers().firstValue("Retry-After").orElse(""));
        HttpResponse<String> json = send(get("/exercises/hello-lambda/attempts").header("Accept", "application/json"));
        assertEquals(503, json.statusCode());
        JsonNode answer = new ObjectMapper().readTree(json.body());
        assertTrue(answer.path("error").asText().contains("still starting"), json.body());

        held.release();
        app.ready().get();
        HttpResponse<String> outline = send(get("/"));
        assertEquals(200, outline.statusCode(), outline.body());
        assertTrue(outline.body().contains("/lessons/"), "the course is there");
    }

    @Test
    void brokenContent_failsTheStart_andEveryPageNamesTheFileAndLine() throws Exception {
        Path content = ContentCopy.of(data);
        ContentCopy.replace(content.resolve("course.yml"), "lessons: [01-what-serverless-is",
                "lessons: [no-such-lesson, 01-what-serverless-is");
        app = WebApp.starting(config(content, null), WebApp.Overrides.NONE.starting(threads, LONG));

        CompletionException failed = assertThrows(CompletionException.class, () -> app.ready().join());
        assertInstanceOf(ContentException.class, failed.getCause());
        HttpResponse<String> page = send(get("/"));
        assertEquals(503, page.statusCode());
        assertTrue(page.body().contains("could not start"), page.body());
        assertTrue(page.body().contains("course.yml:"), "names the file and line: " + page.body());
        assertTrue(page.body().contains("no-such-lesson"), page.body());
    }

    @Test
    void unreachableDatabase_failsTheStart_andPagesSaySo_withoutThePassword() throws Exception {
        app = WebApp.starting(config(TestApp.CONTENT, "jdbc:postgresql://127.0.0.1:9/lab?user=lab&password=s3cret"),
                WebApp.Overrides.NONE.starting(threads, LONG));

        CompletionException failed = assertThrows(CompletionException.class, () -> app.ready().join());
        assertInstanceOf(DatabaseException.class, failed.getCause());
        HttpResponse<String> page = send(get("/lessons/01-what-serverless-is"));
        assertEquals(503, page.statusCode());
        assertTrue(page.body().contains("cannot use the database PostgreSQL"), page.body());
        assertFalse(page.body().contains("s3cret"), page.body());
    }

    @Test
    void blockingStart_withBrokenContent_stillThrowsTheProblem() {
        Path content = ContentCopy.of(data);
        ContentCopy.replace(content.resolve("course.yml"), "lessons: [01-what-serverless-is",
                "lessons: [no-such-lesson, 01-what-serverless-is");

        ContentException e = assertThrows(ContentException.class, () -> WebApp.start(config(content, null)));
        assertTrue(e.getMessage().contains("no-such-lesson"), e.getMessage());
    }

    private WebAppConfig config(Path content, String databaseUrl) {
        return new WebAppConfig(content, data, "127.0.0.1", 0, backend, 1, databaseUrl);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).timeout(LONG);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs nothing the start hands it until released, then all of it on threads of its own. */
    private static final class HeldStart implements Executor {
        private final CompletableFuture<Void> released = new CompletableFuture<>();
        private final Executor threads;

        HeldStart(Executor threads) {
            this.threads = threads;
        }

        @Override
        public void execute(Runnable task) {
            released.thenRunAsync(task, threads);
        }

        void release() {
            released.complete(null);
        }
    }
}

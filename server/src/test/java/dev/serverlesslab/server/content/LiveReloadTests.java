package dev.serverlesslab.server.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.server.ContentCopy;
import dev.serverlesslab.server.TestApp;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab serve --watch}: an edited lesson is served without a restart, a broken exercise.yml shows its problem on
 * every page while the last good content is still served, and fixing it clears the problem; open pages hear it all
 * on {@code /_watch/events}.
 */
class LiveReloadTests {

    /** A reload follows a save within a debounce period, but the machine is shared: wait generously. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String LESSON = "lessons/01-what-serverless-is.md";
    private static final String BANNER = "The course content has a problem";

    @TempDir
    Path temp;
    private Path content;
    private TestApp app;

    @BeforeEach
    void start() {
        content = ContentCopy.of(temp);
        app = TestApp.startWatching(content, temp.resolve("data"), TestApp.nowhere());
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void anEditedLesson_isServedWithoutARestart() throws IOException {
        assertFalse(app.get("/lessons/01-what-serverless-is").body().contains("Freshly written paragraph"));

        append(content.resolve(LESSON), "\nFreshly written paragraph.\n");

        Awaitility.await().atMost(WAIT).until(() ->
                app.get("/lessons/01-what-serverless-is").body().contains("Freshly written paragraph"));
    }

    @Test
    void aBrokenExerciseYml_showsItsProblem_keepsTheLastGoodContent_andFixingItClearsTheProblem() throws IOException {
        Path descriptor = content.resolve("exercises/hello-lambda/exercise.yml");
        String good = Files.readString(descriptor);

        Files.writeString(descriptor, "title: [unclosed\n");

        Awaitility.await().atMost(WAIT).until(() -> app.get("/").body().contains(BANNER));
        String outline = app.get("/").body();
        assertTrue(outline.contains("content/exercises/hello-lambda/exercise.yml:"), outline);
        assertTrue(outline.contains("not valid YAML"), outline);
        HttpResponse<String> exercise = app.get("/exercises/hello-lambda");
        assertEquals(200, exercise.statusCode());
        assertTrue(exercise.body().contains("Hello, Lambda"), "the last good exercise is still served");
        assertTrue(exercise.body().contains(BANNER), "every page shows the problem");

        Files.writeString(descriptor, good);

        Awaitility.await().atMost(WAIT).until(() -> !app.get("/").body().contains(BANNER));
        assertTrue(app.get("/exercises/hello-lambda").body().contains("Hello, Lambda"));
    }

    @Test
    void openPages_hearReloads_andProblems_onTheEventStream() throws IOException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newHttpClient();
        client.sendAsync(HttpRequest.newBuilder(app.uri("/_watch/events"))
                        .header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
        assertEquals("event: hello", awaitEvent(lines, "hello"));

        append(content.resolve(LESSON), "\nAnother paragraph.\n");
        awaitEvent(lines, "reload");

        Files.writeString(content.resolve("exercises/hello-lambda/exercise.yml"), "title: [unclosed\n");
        awaitEvent(lines, "problem");
        String data = awaitLine(lines, "data:");
        assertTrue(data.contains("hello-lambda/exercise.yml:") && data.contains("not valid YAML"), data);
    }

    @Test
    void pagesLoadTheWatchScript_onlyInWatchMode() {
        assertTrue(app.get("/").body().contains("/static/js/watch.js"));
        app.close();
        app = TestApp.start(temp.resolve("data-2"), TestApp.nowhere());

        assertFalse(app.get("/").body().contains("/static/js/watch.js"));
        assertEquals(404, app.get("/_watch/events").statusCode());
    }

    private static String awaitEvent(BlockingQueue<String> lines, String event) {
        return awaitLine(lines, "event: " + event);
    }

    /** The next line starting with {@code prefix}, skipping others (keep-alive comments, earlier events). */
    private static String awaitLine(BlockingQueue<String> lines, String prefix) {
        List<String> seen = new ArrayList<>();
        Awaitility.await().atMost(WAIT).until(() -> {
            String line;
            while ((line = lines.poll()) != null) {
                seen.add(line);
                if (line.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        });
        return seen.get(seen.size() - 1);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, Files.readString(file) + text);
    }
}

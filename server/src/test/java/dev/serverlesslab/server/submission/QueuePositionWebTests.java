package dev.serverlesslab.server.submission;

import dev.serverlesslab.graders.run.CheckTallies;
import static dev.serverlesslab.server.submission.GradingQueueTests.DEADLINE;
import static dev.serverlesslab.server.submission.GradingQueueTests.passed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.system.ThymeleafRenderer;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The submission routes over HTTP with a grading held still, so the queue position can be read as the result page
 * reads it: submissions from one client queue behind each other and status.json counts down.
 */
class QueuePositionWebTests {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path root;

    @Test
    void submissionsFromOneClient_showHowManyOfTheirsAreAhead_andTheCountGoesDown() throws Exception {
        ExerciseCatalog catalog = ExerciseCatalog.load(TestApp.CONTENT);
        SubmissionStore store = new SubmissionStore(root, Clock.systemUTC());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstRunning = new CountDownLatch(1);
        try (GradingQueue queue = new GradingQueue(store, catalog, (exercise, files, listener) -> {
            firstRunning.countDown();
            try {
                release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return passed(exercise.id());
        }, new GradingDeadline(new CheckTallies())::of, 2)) {
            SubmissionPages pages = new SubmissionPages(catalog, store, queue, new SubmissionLimits(
                    SubmissionLimits.MAX_WAITING, SubmissionLimits.MAX_PER_MINUTE, Clock.systemUTC(), queue::isPending));
            Javalin app = Javalin.create(config -> {
                config.fileRenderer(new ThymeleafRenderer());
                // As WebApp's solo mode does: every request has a viewer before a handler runs.
                config.routes.beforeMatched(ctx -> Viewer.set(ctx, Viewer.solo(store.soloLearner())));
                config.routes.post("/exercises/{exerciseId}/submissions", pages::create);
                config.routes.get("/submissions/{submissionId}", pages::show);
                config.routes.get("/submissions/{submissionId}/status.json", pages::status);
            }).start("127.0.0.1", 0);
            try {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    ids.add(submit(app.port()));
                    if (i == 0) {
                        assertTrue(firstRunning.await(DEADLINE.toSeconds(), TimeUnit.SECONDS));
                    }
                }

                JsonNode third = status(app.port(), ids.get(2));
                assertEquals("QUEUED", third.get("state").asText(), "one learner has one grading running at a time, "
                        + "even with a worker free");
                assertEquals(1, third.get("ahead").asInt());
                assertEquals("Waiting for a grader: 1 ahead of you.", third.get("waitingText").asText());
                String page = get(app.port(), "/submissions/" + ids.get(2));
                assertTrue(page.contains("aria-live=\"polite\">Waiting for a grader: 1 ahead of you.</p>"), page);
                assertTrue(status(app.port(), ids.get(0)).get("ahead").isNull(), "the running one has no position");

                release.countDown();
                Awaitility.await("all three graded").atMost(DEADLINE)
                        .until(() -> ids.stream().allMatch(id -> status(app.port(), id).get("finished").asBoolean()));
            } finally {
                release.countDown();
                app.stop();
            }
        }
    }

    private String submit(int port) throws IOException, InterruptedException {
        String form = TestApp.solutionFiles().entrySet().stream()
                .map(f -> URLEncoder.encode("file:" + f.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/exercises/hello-lambda/submissions"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return TestApp.submissionId(response);
    }

    private JsonNode status(int port, String id) {
        try {
            return json.readTree(get(port, "/submissions/" + id + "/status.json"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}

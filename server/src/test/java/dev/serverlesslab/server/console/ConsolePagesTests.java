package dev.serverlesslab.server.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.check.LambdaReport;
import dev.serverlesslab.graders.console.TestResult;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.account.Role;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.database.Database;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test console's and hints' routes through the real app, with the backend run replaced by a stand-in that
 * records what it was asked and can be held still: limits, owner-only saved events, never an attempt, the solution
 * refused until the exercise's rule allows it.
 */
class ConsolePagesTests {

    private static final String EVENT = "{\"name\": \"Ada\"}";
    private static final LambdaReport REPORT = LambdaReport.parse("REPORT RequestId: r-1\tDuration: 12.50 ms\t"
            + "Billed Duration: 13 ms\tMemory Size: 256 MB\tMax Memory Used: 80 MB\tInit Duration: 400.00 ms")
            .orElseThrow();

    @TempDir
    Path data;

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicReference<Viewer> viewer = new AtomicReference<>();
    private final List<String> eventsRun = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final CountDownLatch entered = new CountDownLatch(1);
    private Backend backend;
    private Database database;
    private TestApp app;
    private Viewer ada;
    private Viewer bob;

    @BeforeEach
    void start() {
        backend = TestApp.nowhere();
        database = Database.embedded(data);
        ada = student("ada");
        bob = student("bob");
        viewer.set(ada);
        app = TestApp.startWithConsole(data, backend, viewer::get, (exercise, submission, event) -> {
            eventsRun.add(event);
            entered.countDown();
            try {
                gate.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new TestResult(TestResult.Outcome.SUCCEEDED, List.of(), "{\"greeting\":\"Hello, Ada!\"}", null,
                    null, List.of(), "START RequestId: r-1\nGreeting request r-1\nEND RequestId: r-1\n", REPORT,
                    null, 1500);
        });
    }

    @AfterEach
    void stop() {
        try {
            gate.countDown();
            app.close();
        } finally {
            database.close();
            backend.close();
        }
    }

    @Test
    void invoke_answersTheRunsResponseLogAndReport_andIsNeverAnAttempt() throws IOException {
        HttpResponse<String> response = invoke(EVENT);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode result = json.readTree(response.body());
        assertEquals("SUCCEEDED", result.path("outcome").asText());
        assertEquals("{\"greeting\":\"Hello, Ada!\"}", result.path("payload").asText());
        assertTrue(result.path("logOutput").asText().contains("Greeting request"));
        assertEquals(13, result.path("report").path("billedDurationMs").asInt());
        assertEquals(400.0, result.path("report").path("initDurationMs").asDouble());
        assertEquals(List.of(EVENT), eventsRun, "the event reaches the run as typed");
        assertEquals(0, submissionRows(), "a test is never stored as a submission");
        assertFalse(app.get("/exercises/hello-lambda").body().contains("Your attempts"), "nor listed as an attempt");
    }

    @Test
    void invoke_whileTheLearnersPreviousTestRuns_isRefusedWithRetryAfter() throws Exception {
        gate = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> invoke(EVENT));
        assertTrue(entered.await(1, TimeUnit.MINUTES), "the first run started");

        HttpResponse<String> second = invoke(EVENT);

        assertEquals(429, second.statusCode(), second.body());
        assertTrue(second.headers().firstValue("Retry-After").isPresent());
        assertTrue(json.readTree(second.body()).path("error").asText().contains("previous test is still running"));
        viewer.set(bob);
        gate.countDown();
        assertEquals(200, first.get(1, TimeUnit.MINUTES).statusCode());
        await().atMost(Duration.ofSeconds(30)).until(() -> invoke(EVENT).statusCode() == 200);
    }

    @Test
    void invoke_moreThanTwentyTimesAMinute_isRefusedSayingWhen() throws IOException {
        for (int i = 0; i < ConsoleLimits.MAX_PER_MINUTE; i++) {
            assertEquals(200, invoke(EVENT).statusCode());
        }

        HttpResponse<String> refused = invoke(EVENT);

        assertEquals(429, refused.statusCode());
        assertTrue(json.readTree(refused.body()).path("error").asText().contains("in the last minute"));
        viewer.set(bob);
        assertEquals(200, invoke(EVENT).statusCode(), "another learner's limit is their own");
    }

    @Test
    void invoke_eventThatIsNotJson_namesLineAndColumn_andRunsNothing() throws IOException {
        HttpResponse<String> response = invoke("{\n  \"name\": Ada\n}");

        assertEquals(400, response.statusCode());
        JsonNode error = json.readTree(response.body());
        assertTrue(error.path("error").asText().contains("line 2, column"), error.toString());
        assertEquals("2", error.path("line").asText());
        assertEquals(List.of(), eventsRun);
    }

    @Test
    void invoke_eventLargerThanLambdaAllowsAnAsyncEvent_isRefusedAndRunsNothing() throws IOException {
        HttpResponse<String> response = invoke("{\"pad\": \"" + "x".repeat(ConsolePages.MAX_EVENT_CHARS) + "\"}");

        assertEquals(413, response.statusCode());
        assertTrue(json.readTree(response.body()).path("error").asText().contains("at most 256 KB"));
        assertEquals(List.of(), eventsRun);
    }

    @Test
    void savedEvents_areSeenRenamedAndDeletedByTheirOwnerOnly() throws IOException {
        assertEquals(200, post("/exercises/hello-lambda/console/events", "name=my+ada&json=" + enc(EVENT)).statusCode());

        viewer.set(bob);
        assertEquals(0, json.readTree(app.get("/exercises/hello-lambda/console/events").body()).path("saved").size());
        assertEquals(404, post("/exercises/hello-lambda/console/events/delete", "name=my+ada").statusCode());
        assertEquals(404, post("/exercises/hello-lambda/console/events/rename", "name=my+ada&newName=mine")
                .statusCode());

        viewer.set(ada);
        JsonNode events = json.readTree(app.get("/exercises/hello-lambda/console/events").body());
        assertEquals("my ada", events.path("saved").get(0).path("name").asText());
        assertEquals(EVENT, events.path("saved").get(0).path("json").asText());
        assertEquals(200, post("/exercises/hello-lambda/console/events/rename", "name=my+ada&newName=lovelace")
                .statusCode());
        assertEquals(200, post("/exercises/hello-lambda/console/events/delete", "name=lovelace").statusCode());
        assertEquals(0, json.readTree(app.get("/exercises/hello-lambda/console/events").body()).path("saved").size());
    }

    @Test
    void events_offerTheExercisesOwnSamplesThenEveryBuiltInShape() throws IOException {
        JsonNode samples = json.readTree(app.get("/exercises/hello-lambda/console/events").body()).path("samples");

        assertEquals("exercise:ada", samples.get(0).path("id").asText());
        List<String> ids = samples.findValuesAsText("id");
        for (String shape : List.of("apigateway-rest", "apigateway-http", "sqs", "sns", "s3-put", "eventbridge",
                "scheduled", "dynamodb-stream")) {
            assertTrue(ids.contains("aws:" + shape), shape + " in " + ids);
        }
        JsonNode rest = json.readTree(samples.get(ids.indexOf("aws:apigateway-rest")).path("json").asText());
        assertEquals("GET", rest.path("httpMethod").asText(), "a v1 proxy event names its method as AWS does");
        JsonNode http = json.readTree(samples.get(ids.indexOf("aws:apigateway-http")).path("json").asText());
        assertEquals("2.0", http.path("version").asText());
    }

    @Test
    void solution_isRefusedUntilTheExercisesRuleAllowsIt() {
        HttpResponse<String> refused = app.get("/exercises/hello-lambda/solution");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("after 3 graded attempts"), refused.body());
        assertFalse(refused.body().contains("Hello, \" + name"), "no line of the solution leaks");
        assertFalse(app.get("/exercises/hello-lambda").body().contains("Show the reference solution"));

        for (int i = 0; i < 3; i++) {
            gradedAttempt(ada.learnerId(), "hello-lambda");
        }

        HttpResponse<String> shown = app.get("/exercises/hello-lambda/solution");
        assertEquals(200, shown.statusCode());
        assertTrue(shown.body().contains("context.getLogger().log"), "the solution's code, escaped as text");
        assertTrue(app.get("/exercises/hello-lambda").body().contains("Show the reference solution"));
        viewer.set(bob);
        assertEquals(403, app.get("/exercises/hello-lambda/solution").statusCode(), "Ada's attempts are not Bob's");
    }

    @Test
    void hints_openOneLevelAtATime_forTheLearnerWhoOpensThem() throws IOException {
        HttpRequest.Builder jsonPost = app.request("/exercises/hello-lambda/hints/next")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody());
        JsonNode first = json.readTree(app.send(jsonPost.build()).body());
        assertEquals(1, first.path("opened").asInt());
        assertEquals(1, first.path("hints").size());

        HttpResponse<String> plain = post("/exercises/hello-lambda/hints/next", "");
        assertEquals(303, plain.statusCode(), "a plain form goes back to the hints");
        assertEquals("/exercises/hello-lambda#hints", plain.headers().firstValue("Location").orElseThrow());
        String page = app.get("/exercises/hello-lambda").body();
        assertTrue(page.contains("Hint 2 of 3"), "two levels are open now");
        assertFalse(page.contains("Hint 3 of 3"));

        viewer.set(bob);
        assertFalse(app.get("/exercises/hello-lambda").body().contains("Hint 1 of 3"), "Bob opened none");
    }

    private HttpResponse<String> invoke(String event) {
        return post("/exercises/hello-lambda/console/invoke",
                TestApp.form(TestApp.starterFiles()) + "&event=" + enc(event));
    }

    private HttpResponse<String> post(String path, String body) {
        return app.send(app.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private Viewer student(String handle) {
        long id = database.jdbi().withHandle(h -> h.createUpdate(
                        "INSERT INTO learners (handle, display_name, created_at) VALUES (:handle, :handle, :now)")
                .bind("handle", handle)
                .bind("now", OffsetDateTime.now(ZoneOffset.UTC))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
        return new Viewer(id, id, handle, handle, Role.STUDENT);
    }

    private void gradedAttempt(long learner, String exercise) {
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO submissions (id, learner_id, exercise_id, "
                        + "created_at, state, sources, outcome, score, max_score) VALUES (:id, :learner, :exercise, "
                        + ":now, 'DONE', '{}', 'FAILED', 1, 6)")
                .bind("id", "t-" + System.nanoTime())
                .bind("learner", learner)
                .bind("exercise", exercise)
                .bind("now", OffsetDateTime.now(ZoneOffset.UTC))
                .execute());
    }

    private int submissionRows() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM submissions")
                .mapTo(Integer.class).one());
    }
}

package dev.serverlesslab.server.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.report.CheckInvocation;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.StageResult;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.account.Role;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.database.Database;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exercise page's run loop over HTTP: a submit asked for JSON answers 202 with the addresses to follow, and
 * {@code /submissions/{id}/events} streams stages, checks and the queue position as server-sent events, read here
 * with java.net.http as EventSource would, ending with {@code done} and the verdict. Gradings are a stand-in that
 * reports events and waits on a latch, so a stream can be watched mid-grading.
 */
class SubmissionEventsTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String MARKUP = "<img src=x onerror=alert(1)>";

    @TempDir
    Path data;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicReference<Viewer> viewer = new AtomicReference<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch checking = new CountDownLatch(1);
    private Database database;
    private TestApp app;
    private Viewer ada;

    /** What a grading reports while the latch holds it: two stages, a check started; then the check and verdict. */
    private GradingReport grade(GradingListener listener) {
        listener.stageStarted(Stage.VALIDATE);
        listener.stageFinished(new StageResult(Stage.VALIDATE, Status.PASSED, 3, "1 source file(s)"));
        listener.stageStarted(Stage.CHECK);
        listener.checkStarted("greets Ada");
        checking.countDown();
        try {
            if (!release.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the grading");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        CheckResult check = new CheckResult("greets Ada " + MARKUP, Status.FAILED,
                "expected Hello, Ada! but your function failed at example.Hello.handleRequest(Hello.java:7)", 5, 0, 2,
                "read the name", false, List.of(new CheckInvocation("req-1", "{\"name\":\"Ada\"}",
                        "{\"errorMessage\":\"" + MARKUP + "\"}", "Unhandled", "printed " + MARKUP + "\n",
                        "REPORT RequestId: req-1\tDuration: 2.50 ms\tBilled Duration: 3 ms\tMemory Size: 512 MB\t"
                                + "Max Memory Used: 60 MB")));
        listener.checkFinished(check);
        CheckResult hidden = new CheckResult("a hidden rule", Status.FAILED, "the secret expectation", 5, 0, 1,
                "secret hint", true, List.of(new CheckInvocation("req-2", "{\"name\":\"secret-event-data\"}", "{}",
                        null, "", null)));
        listener.checkFinished(hidden);
        StageResult checked = new StageResult(Stage.CHECK, Status.FAILED, 5, "0 of 2 checks passed");
        listener.stageFinished(checked);
        return new GradingReport("hello-lambda", Status.FAILED, "0 of 2 checks passed",
                List.of(new StageResult(Stage.VALIDATE, Status.PASSED, 3, "1 source file(s)"), checked),
                List.of(check, hidden), List.of(), "printed\n", List.of(check.invocations().get(0).report()), 10);
    }

    private void start() {
        database = Database.embedded(data);
        ada = Viewer.solo(new SubmissionStore(database, Clock.systemUTC()).soloLearner());
        viewer.set(ada);
        app = TestApp.start(data, TestApp.nowhere(), viewer::get, (exercise, submission, listener) -> grade(listener));
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (app != null) {
            app.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void submitAskingForJson_answers202_andTheEventStreamEndsInDoneWithTheVerdict() throws Exception {
        start();
        JsonNode answer = submitForJson();
        String id = answer.get("id").asText();
        assertEquals("/submissions/" + id + "/events", answer.get("eventsUrl").asText());
        assertEquals("/submissions/" + id + "/status.json", answer.get("statusUrl").asText());
        assertEquals("/submissions/" + id, answer.get("resultUrl").asText());
        assertTrue(checking.await(WAIT.toSeconds(), TimeUnit.SECONDS));

        EventStreamReader stream = EventStreamReader.open(app.uri("/submissions/" + id + "/events"));
        Awaitility.await("the stream shows the running check").atMost(WAIT)
                .until(() -> stream.names().contains("check-started"));
        assertFalse(stream.names().contains("done"), "the grading is held: no verdict yet");
        release.countDown();
        List<EventStreamReader.Event> events = stream.awaitEnd(WAIT.toMillis()).events();

        List<String> names = stream.names();
        assertEquals("done", names.get(names.size() - 1), names.toString());
        assertTrue(names.indexOf("stage") < names.indexOf("check-started")
                && names.indexOf("check-started") < names.indexOf("check"), names.toString());
        JsonNode firstStage = events.get(names.indexOf("stage")).data();
        assertEquals("Validate", firstStage.get("label").asText(), firstStage.toString());
        JsonNode check = events.get(names.indexOf("check")).data();
        assertEquals("failed", check.get("status").asText());
        assertEquals(2, check.get("maxPoints").asInt());

        JsonNode done = events.get(names.size() - 1).data();
        assertEquals("FAILED", done.get("outcome").asText());
        assertEquals("Not there yet: 0 of 2 checks passed, 0 of 3 points.", done.get("verdict").asText());
        assertTrue(done.get("next").isNull(), "no Next link before every check passes");
        JsonNode diagnostic = done.get("diagnostics").get(0);
        assertEquals("example/Hello.java", diagnostic.get("file").asText(), done.toString());
        assertEquals(7, diagnostic.get("line").asInt());
        String html = done.get("html").asText();
        assertTrue(html.contains("The invocation this check made"), html);
        assertTrue(html.contains("Max memory used") && html.contains("60 MB") && html.contains("2.50 ms"), html);
        assertFalse(html.contains(MARKUP), "learner text is escaped in the panel's HTML: " + html);
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), html);
        assertFalse(done.toString().contains("secret-event-data") || done.toString().contains("secret expectation"),
                "a student sees a hidden check's verdict, not its events or message: " + done);
        assertEquals(0, done.get("report").get("checks").get(1).get("invocations").size());

        String page = app.get("/submissions/" + id).body();
        assertTrue(page.contains("The invocation this check made") && page.contains("Max memory used"),
                "the result page shows the same per-check invocations and REPORT table");
        assertFalse(page.contains("secret-event-data"), page);

        JsonNode again = json.readTree(app.send(app.request("/submissions/" + id)
                .header("Accept", "application/json").GET().build()).body());
        assertEquals(done.get("verdict"), again.get("verdict"), "the result as JSON says the same as done");
    }

    @Test
    void aClientConnectingLate_getsTheWholeStateFirst_thenDone() throws Exception {
        start();
        String id = submitForJson().get("id").asText();
        release.countDown();
        app.awaitFinished(id);

        EventStreamReader stream = EventStreamReader.open(app.uri("/submissions/" + id + "/events"));

        assertEquals(List.of("stage", "stage", "check", "check", "done"), stream.awaitEnd(WAIT.toMillis()).names());
    }

    @Test
    void anotherLearner_getsTheSame404AsForAnUnknownId_andAStreamNeedsItsAcceptHeader() throws Exception {
        start();
        String id = submitForJson().get("id").asText();

        assertEquals(406, app.send(app.request("/submissions/" + id + "/events").GET().build()).statusCode());
        viewer.set(new Viewer(ada.learnerId() + 1000, 7, "eve", "Eve", Role.STUDENT));
        HttpResponse<String> theirs = app.send(eventsRequest(id));
        HttpResponse<String> unknown = app.send(eventsRequest("01UNKNOWN"));
        assertEquals(404, theirs.statusCode());
        assertEquals(404, unknown.statusCode());
        assertEquals(404, app.send(app.request("/submissions/" + id).header("Accept", "application/json").GET()
                .build()).statusCode());
    }

    @Test
    void aWaitingSubmission_streamsItsQueuePosition_untilItIsGraded() throws Exception {
        start();
        submitForJson();
        assertTrue(checking.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the first one is being graded");
        submitForJson();
        String third = submitForJson().get("id").asText();

        EventStreamReader stream = EventStreamReader.open(app.uri("/submissions/" + third + "/events"));
        Awaitility.await("the queue position").atMost(WAIT).until(() -> stream.names().contains("queued"));
        JsonNode queued = stream.events().get(0).data();
        assertEquals("queued", stream.events().get(0).name());
        assertEquals(1, queued.get("ahead").asInt(), "one of hers is ahead; the running one is not counted");
        assertEquals("Waiting for a grader: 1 ahead of you.", queued.get("waitingText").asText());

        release.countDown();
        List<EventStreamReader.Event> events = stream.awaitEnd(WAIT.toMillis()).events();
        List<String> names = stream.names();
        assertEquals("done", names.get(names.size() - 1), names.toString());
        // Released gradings take milliseconds here, so whether "running" was seen between two looks is chance.
        List<Integer> positions = events.stream().filter(e -> e.name().equals("queued"))
                .map(e -> e.data().get("ahead").asInt()).toList();
        assertEquals(1, positions.get(0));
        assertTrue(positions.size() == 1 || positions.get(1) == 0, "the count goes down: " + positions);
    }

    private JsonNode submitForJson() throws IOException {
        HttpResponse<String> response = app.send(app.request("/exercises/hello-lambda/submissions")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestApp.form(TestApp.starterFiles()))).build());
        assertEquals(202, response.statusCode(), response.body());
        return json.readTree(response.body());
    }

    private HttpRequest eventsRequest(String id) {
        return app.request("/submissions/" + id + "/events").header("Accept", "text/event-stream").GET().build();
    }

}

package dev.serverlesslab.server.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.account.Role;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.database.Database;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed check's hint levels opened one at a time over HTTP: only by the learner whose submission it is, never for
 * a hidden check, kept across reloads and later submissions, and counted per attempt in the dashboard's exports.
 */
class CheckHintsWebTests {

    static final List<String> LEVELS = List.of("Concept: events arrive as a Map.",
            "API: event.get(\"name\") reads it.", "Code: \"Hello, \" + name + \"!\" <b>not markup</b>");
    /** What the stand-in grader reports for every submission: a failed check with three levels, and the rest. */
    static final GradingReport REPORT = new GradingReport("hello-lambda", Status.FAILED, "1 of 3 checks passed",
            List.of(), List.of(
                    new CheckResult("greets the name", Status.FAILED, "expected Hello, Ada!", 5, 0, 1, null, false,
                            List.of(), LEVELS),
                    new CheckResult("secret rule", Status.FAILED, "expected 42", 5, 0, 2, null, true, List.of(),
                            List.of("secret concept", "secret code")),
                    new CheckResult("logs the id", Status.PASSED, null, 5, 1, 1, null, false)),
            List.of(), "", List.of(), 20);

    @TempDir
    Path data;
    private TestApp app;
    private Database database;
    private Backend backend;
    private final AtomicReference<Viewer> viewer = new AtomicReference<>();
    private Viewer ada;
    private Viewer bob;
    private Viewer teacher;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        backend = TestApp.nowhere();
        database = Database.embedded(data);
        TestLearners learners = new TestLearners(database);
        ada = new Viewer(learners.id("ada"), 0, "ada", "Ada", Role.STUDENT);
        bob = new Viewer(learners.id("bob"), 0, "bob", "Bob", Role.STUDENT);
        teacher = new Viewer(learners.id("teach"), 0, "teach", "Teacher", Role.INSTRUCTOR);
        viewer.set(ada);
        app = TestApp.start(data, backend, viewer::get, (exercise, submission, listener) -> REPORT);
    }

    @AfterEach
    void stop() {
        try {
            app.close();
        } finally {
            database.close();
            backend.close();
        }
    }

    @Test
    void owner_opensLevelsOneAtATime_andTheyStayOpenOnReload() throws IOException {
        String id = graded();

        String page = app.get("/submissions/" + id).body();
        assertTrue(page.contains("Show hint 1 of 3"), page);
        assertFalse(page.contains("Concept: events"), "no level is open before the learner asks: " + page);
        assertFalse(app.send(json("/submissions/" + id)).body().contains("Concept: events"),
                "the JSON report holds only opened levels too");
        assertFalse(app.get("/submissions/" + id + "/status.json").body().contains("Concept: events"),
                "nor does the status");

        JsonNode first = json.readTree(next(id, 1, true).body());
        assertEquals(1, first.path("opened").asInt());
        assertEquals(3, first.path("levels").asInt());
        assertEquals(List.of(LEVELS.get(0)), texts(first.path("hints")));

        page = app.get("/submissions/" + id).body();
        assertTrue(page.contains("Concept: events arrive as a Map."), page);
        assertTrue(page.contains("Show hint 2 of 3"), page);
        assertFalse(page.contains("event.get(&quot;name&quot;) reads it"), "level 2 is still closed: " + page);

        HttpResponse<String> form = next(id, 1, false);
        assertEquals(303, form.statusCode(), "without JavaScript the form comes back to the page");
        assertEquals("/submissions/" + id + "#check-1-hints", form.headers().firstValue("Location").orElseThrow());
        next(id, 1, true);
        JsonNode past = json.readTree(next(id, 1, true).body());
        assertEquals(3, past.path("opened").asInt(), "there is no fourth level");

        page = app.get("/submissions/" + id).body();
        assertTrue(page.contains("Code: &quot;Hello, &quot; + name + &quot;!&quot; &lt;b&gt;not markup&lt;/b&gt;"),
                "hint text is escaped: " + page);
        assertFalse(page.contains("Show hint"), "every level is open: " + page);
        assertTrue(app.send(json("/submissions/" + id)).body().contains("Code: \\\"Hello, "), "opened levels are in JSON");

        String later = graded();
        assertTrue(app.get("/submissions/" + later).body().contains("Hint 3 of 3"),
                "what the learner opened stays open for the same check in later submissions");
    }

    @Test
    void othersAndHiddenAndPassedChecks_openNothing() {
        String id = graded();

        viewer.set(bob);
        assertEquals(404, next(id, 1, true).statusCode(), "another student cannot tell the submission exists");
        viewer.set(teacher);
        assertEquals(403, next(id, 1, true).statusCode(), "staff read the submission but do not open its hints");
        viewer.set(ada);
        assertEquals(404, next(id, 2, true).statusCode(), "a hidden check has no hints");
        assertEquals(404, next(id, 3, true).statusCode(), "a passed check has no hints");
        assertEquals(404, next(id, 9, true).statusCode());
        assertEquals(404, app.send(app.request("/submissions/" + id + "/checks/x/hints/next")
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode());

        String page = app.get("/submissions/" + id).body();
        assertFalse(page.contains("secret concept"), page);
        assertFalse(page.contains("/checks/2/hints/next"), "no button for the hidden check: " + page);
        assertFalse(page.contains("/checks/3/hints/next"), "no button for the passed check: " + page);
        assertFalse(app.send(json("/submissions/" + id)).body().contains("secret concept"));

        next(id, 1, true);
        viewer.set(teacher);
        String staffPage = app.get("/submissions/" + id).body();
        assertTrue(staffPage.contains("Hint levels the learner opened: 1 of 3"), staffPage);
        assertFalse(staffPage.contains("/checks/1/hints/next"), "staff get no button on a learner's submission");
        assertTrue(staffPage.contains("Code: &quot;Hello, &quot;"), "staff read every level: " + staffPage);
    }

    @Test
    void eachAttempt_recordsTheHintLevelsOpenWhenItWasMade_inTheDashboardAndItsExports() throws IOException {
        String first = graded();
        next(first, 1, true);
        next(first, 1, true);
        String second = graded();

        viewer.set(teacher);
        JsonNode attempts = json.readTree(app.get("/dashboard/export/attempts.json").body()).path("attempts");
        assertEquals(second, attempts.get(0).path("submission").asText());
        assertEquals(2, attempts.get(0).path("hintsOpened").asInt());
        assertEquals(first, attempts.get(1).path("submission").asText());
        assertEquals(0, attempts.get(1).path("hintsOpened").asInt(), "opened after the first attempt was made");

        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(
                app.get("/dashboard/export/attempts.csv").body())).getRecords();
        int column = rows.get(0).toList().indexOf("hints opened");
        assertTrue(column >= 0, rows.get(0).toList().toString());
        assertEquals("2", rows.get(1).get(column));
        assertEquals("0", rows.get(2).get(column));

        String page = app.get("/dashboard/exercises/hello-lambda").body();
        assertTrue(page.contains("<th scope=\"col\">Hints opened</th>"), page);
    }

    /** A submission of Ada's, graded by the stand-in. */
    private String graded() {
        Viewer before = viewer.get();
        viewer.set(ada);
        try {
            String id = TestApp.submissionId(app.submit("hello-lambda", TestApp.starterFiles()));
            app.awaitFinished(id);
            return id;
        } finally {
            viewer.set(before);
        }
    }

    private HttpResponse<String> next(String submissionId, int check, boolean asJson) {
        HttpRequest.Builder request = app.request("/submissions/" + submissionId + "/checks/" + check + "/hints/next")
                .POST(HttpRequest.BodyPublishers.noBody());
        if (asJson) {
            request.header("Accept", "application/json");
        }
        return app.send(request.build());
    }

    private HttpRequest json(String path) {
        return app.request(path).header("Accept", "application/json").GET().build();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}

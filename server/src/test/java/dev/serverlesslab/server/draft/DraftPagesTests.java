package dev.serverlesslab.server.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.account.Role;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.submission.SubmissionStore;
import dev.serverlesslab.server.submission.TestLearners;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /exercises/{id}/draft} through the real app: each learner reads and writes only their own draft, the exercise
 * page opens with it, and drafts and submissions alike are held to the exercise's read-only files and new-file rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DraftPagesTests {

    private static final Path ORDERS = TestApp.CONTENT.resolve("exercises/dynamodb-orders");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Backend backend;
    private Database database;
    private TestApp app;
    private final AtomicReference<Viewer> viewer = new AtomicReference<>();
    private final Map<String, Viewer> learners = new LinkedHashMap<>();

    @BeforeAll
    void start(@TempDir Path data) {
        backend = TestApp.nowhere();
        database = Database.embedded(data);
        TestLearners ids = new TestLearners(database);
        for (String handle : new String[] {"ann", "bob", "cy", "dee", "eve", "fay"}) {
            learners.put(handle, new Viewer(ids.id(handle), 0, handle, handle, Role.STUDENT));
        }
        viewer.set(learners.get("ann"));
        app = TestApp.start(data, backend, viewer::get, (exercise, submission, listener) -> {
            throw new IllegalStateException("these tests never grade");
        });
    }

    @AfterAll
    void stop() {
        app.close();
        database.close();
        backend.close();
    }

    @Test
    void put_thenGet_returnsTheDraft_andTheExercisePageOpensWithIt() throws IOException {
        viewer.set(learners.get("ann"));
        Map<String, String> files = Map.of("example/Hello.java", "package example;\n// ann's <draft> & more\n");

        HttpResponse<String> saved = put("hello-lambda", files);

        assertEquals(200, saved.statusCode(), saved.body());
        String updatedAt = JSON.readTree(saved.body()).path("updatedAt").asText();
        JsonNode draft = JSON.readTree(app.get("/exercises/hello-lambda/draft").body());
        assertEquals(files.get("example/Hello.java"), draft.path("files").path("example/Hello.java").asText());
        assertEquals(updatedAt, draft.path("updatedAt").asText());
        String page = app.get("/exercises/hello-lambda").body();
        assertTrue(page.contains("// ann&#39;s &lt;draft&gt; &amp; more"), "the draft, escaped, in the editor: " + page);
        assertTrue(page.contains("Opened your draft"), page);
    }

    @Test
    void exercisePage_withFrom_showsThatSubmission_notTheDraft() {
        viewer.set(learners.get("bob"));
        String submitted = "package example;\n// submitted earlier\n";
        String id = new SubmissionStore(database, Clock.systemUTC()).create(learners.get("bob").learnerId(),
                "hello-lambda", Submission.of(Map.of("example/Hello.java", submitted))).id();
        assertEquals(200, put("hello-lambda", Map.of("example/Hello.java", "// bob's draft\n")).statusCode());

        String page = app.get("/exercises/hello-lambda?from=" + id).body();

        assertTrue(page.contains("// submitted earlier"), page);
        assertFalse(page.contains("bob&#39;s draft"), "?from= wins over the draft");
        assertFalse(page.contains("Opened your draft"));
    }

    @Test
    void anotherLearner_neitherReadsNorReplacesNorDeletesTheDraft() throws IOException {
        viewer.set(learners.get("cy"));
        put("hello-lambda", Map.of("example/Hello.java", "// cy's secret\n"));

        viewer.set(learners.get("dee"));
        HttpResponse<String> theirs = app.get("/exercises/hello-lambda/draft");
        assertEquals(404, theirs.statusCode());
        assertFalse(theirs.body().contains("secret"));
        assertFalse(app.get("/exercises/hello-lambda").body().contains("secret"), "not on dee's page either");
        assertEquals(204, delete("hello-lambda").statusCode());
        put("hello-lambda", Map.of("example/Hello.java", "// dee's own\n"));

        viewer.set(learners.get("cy"));
        assertEquals("// cy's secret\n", JSON.readTree(app.get("/exercises/hello-lambda/draft").body())
                .path("files").path("example/Hello.java").asText());
    }

    @Test
    void delete_forgetsTheDraft_andThePageShowsTheStarterAgain() {
        viewer.set(learners.get("eve"));
        put("hello-lambda", Map.of("example/Hello.java", "// eve was here\n"));

        assertEquals(204, delete("hello-lambda").statusCode());

        assertEquals(404, app.get("/exercises/hello-lambda/draft").statusCode());
        String page = app.get("/exercises/hello-lambda").body();
        assertFalse(page.contains("eve was here"));
        assertFalse(page.contains("Opened your draft"));
    }

    @Test
    void put_keepsReadOnlyFilesAsTheStarterHasThem_andRefusesNewFiles() throws IOException {
        viewer.set(learners.get("fay"));
        Map<String, String> starter = Submission.fromDirectory(ORDERS.resolve("starter")).files();
        Map<String, String> changed = new LinkedHashMap<>(starter);
        changed.put("orders/Json.java", "// changed the given helper\n");
        changed.put("orders/OrdersHandler.java", "// fay's handler\n");

        assertEquals(200, put("dynamodb-orders", changed).statusCode());

        JsonNode draft = JSON.readTree(app.get("/exercises/dynamodb-orders/draft").body()).path("files");
        assertEquals(starter.get("orders/Json.java"), draft.path("orders/Json.java").asText());
        assertEquals("// fay's handler\n", draft.path("orders/OrdersHandler.java").asText());

        Map<String, String> extra = new LinkedHashMap<>(starter);
        extra.put("orders/Extra.java", "class Extra {}\n");
        HttpResponse<String> refused = put("dynamodb-orders", extra);
        assertEquals(400, refused.statusCode());
        assertTrue(JSON.readTree(refused.body()).path("error").asText().contains("orders/Extra.java is not a file of "
                + "this exercise"), refused.body());
    }

    @Test
    void put_withUnsafeNameOrNotJson_answers4xxSayingWhy() throws IOException {
        viewer.set(learners.get("fay"));
        HttpResponse<String> traversal = put("hello-lambda", Map.of("../../Evil.java", "class Evil {}"));
        assertEquals(400, traversal.statusCode());
        assertTrue(JSON.readTree(traversal.body()).path("error").asText().contains("'..' is not allowed"),
                traversal.body());

        HttpResponse<String> form = app.send(app.request("/exercises/hello-lambda/draft")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString(TestApp.form(TestApp.starterFiles()))).build());
        assertEquals(415, form.statusCode());
        assertEquals(404, put("no-such-exercise", TestApp.starterFiles()).statusCode());
    }

    @Test
    void submission_thatChangesAReadOnlyFile_isStoredAndGradedWithTheStartersVersion() {
        viewer.set(learners.get("fay"));
        Map<String, String> starter = Submission.fromDirectory(ORDERS.resolve("starter")).files();
        Map<String, String> sent = new LinkedHashMap<>(starter);
        sent.put("orders/Json.java", "package orders;\n// made to pass the checks\nfinal class Json {}\n");

        String id = TestApp.submissionId(app.submit("dynamodb-orders", sent));

        Map<String, String> stored = new SubmissionStore(database, Clock.systemUTC()).sources(id).files();
        assertEquals(starter.get("orders/Json.java"), stored.get("orders/Json.java"));
    }

    @Test
    void submission_withAFileTheExerciseDoesNotTake_isRefusedSayingSo() {
        viewer.set(learners.get("fay"));
        Map<String, String> sent = new LinkedHashMap<>(TestApp.starterFiles());
        sent.put("example/Helper.java", "package example;\nclass Helper {}\n");

        HttpResponse<String> page = app.submit("hello-lambda", sent);

        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("example/Helper.java is not a file of this exercise"), page.body());
    }

    private HttpResponse<String> put(String exerciseId, Map<String, String> files) {
        try {
            return app.send(app.request("/exercises/" + exerciseId + "/draft")
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("files", files))))
                    .build());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> delete(String exerciseId) {
        return app.send(app.request("/exercises/" + exerciseId + "/draft").DELETE().build());
    }
}

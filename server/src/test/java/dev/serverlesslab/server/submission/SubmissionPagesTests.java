package dev.serverlesslab.server.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.server.TestApp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Taking submissions over HTTP; these never wait for a grading, see {@link GradingTests} for that. */
class SubmissionPagesTests {

    @TempDir
    Path data;
    private Backend backend;
    private TestApp app;

    @BeforeEach
    void start() {
        backend = TestApp.nowhere();
        app = TestApp.start(data, backend);
    }

    @AfterEach
    void stop() {
        app.close();
        backend.close();
    }

    @Test
    void submit_storesTheSourcesBeforeGrading_andRedirectsToTheResultPage() {
        HttpResponse<String> response = app.submit("hello-lambda", TestApp.starterFiles());

        String id = TestApp.submissionId(response);
        assertEquals("/submissions/" + id, response.headers().firstValue("Location").orElseThrow());
        SubmissionStore store = new SubmissionStore(data, Clock.systemUTC());
        assertTrue(store.find(id).isPresent(), "stored before the redirect");
        assertEquals(TestApp.starterFiles(), store.sources(id).files());
        HttpResponse<String> page = app.get("/submissions/" + id);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(id), page.body());
    }

    @Test
    void submit_withWindowsLineBreaks_storesUnixLineBreaks() {
        String path = TestApp.starterFiles().keySet().iterator().next();
        String id = TestApp.submissionId(app.submit("hello-lambda", Map.of(path, "class A {\r\n}\r\n")));

        assertEquals("class A {\n}\n", new SubmissionStore(data, Clock.systemUTC()).sources(id).files().get(path));
    }

    @Test
    void submit_withFileNameLeavingTheFolder_answers400WithTheReason_andStoresNothing() {
        HttpResponse<String> page = app.submit("hello-lambda", Map.of("../../etc/Evil.java", "class Evil {}"));

        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("Evil.java"), "names the bad file: " + page.body());
        assertFalse(page.body().contains("Exception"), page.body());
        assertEquals(0, storedCount());
    }

    @Test
    void submit_withOversizedFile_answers400SayingSo_andStoresNothing() {
        String path = TestApp.starterFiles().keySet().iterator().next();
        String huge = "class A {}\n" + "//".repeat(200_000);

        HttpResponse<String> page = app.submit("hello-lambda", Map.of(path, huge));

        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains(path), "names the file: " + page.body());
        assertEquals(0, storedCount());
    }

    @Test
    void submit_withoutFiles_answers400_andStoresNothing() {
        HttpResponse<String> page = app.submit("hello-lambda", Map.of());

        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("no source files"), page.body());
        assertEquals(0, storedCount());
    }

    @Test
    void submit_toUnknownExercise_answers404_andStoresNothing() {
        assertEquals(404, app.submit("no-such-exercise", TestApp.starterFiles()).statusCode());
        assertEquals(0, storedCount());
    }

    @Test
    void resultPage_showsPointsAndHints_andRedactsHiddenChecksForStudents() {
        String id = TestApp.submissionId(app.submit("hello-lambda", TestApp.starterFiles()));
        app.awaitFinished(id);
        SubmissionStore store = new SubmissionStore(data, Clock.systemUTC());
        // A finished grading with a hidden check stands in for a real one; the page reads whatever the store holds.
        store.saveReport(id, new GradingReport("hello-lambda", Status.FAILED, "1 of 2 checks passed", List.of(),
                List.of(new CheckResult("greets Ada", Status.PASSED, null, 5, 2, 2, null, false),
                        new CheckResult("secret rule", Status.FAILED, "expected the secret value 42", 5, 0, 3,
                                "the secret hint", true),
                        new CheckResult("says goodbye", Status.FAILED, "expected Bye", 5, 0, 1, "read the event", false)),
                List.of(), "", List.of(), 20));
        store.save(store.find(id).orElseThrow().with(SubmissionState.DONE, null));

        String page = app.get("/submissions/" + id).body();

        assertTrue(page.contains("2 of 6 points"), page);
        assertTrue(page.contains("secret rule"), page);
        assertTrue(page.contains(CheckResult.HIDDEN), page);
        assertFalse(page.contains("expected the secret value 42"), page);
        assertFalse(page.contains("the secret hint"), page);
        assertTrue(page.contains("Show hint 1 of 1"), "a failed check's hint opens on demand: " + page);
        assertFalse(page.contains("read the event"), "not before the learner asks: " + page);
        assertTrue(page.contains("0/3 pts"), page);
    }

    @Test
    void unknownSubmission_answers404ForPageAndStatus() {
        assertEquals(404, app.get("/submissions/20240101-000000-000-zzzz").statusCode());
        assertEquals(404, app.get("/submissions/20240101-000000-000-zzzz/status.json").statusCode());
        assertEquals(404, app.get("/submissions/..%2F..%2Fetc").statusCode());
    }

    private long storedCount() {
        return new SubmissionStore(data, Clock.systemUTC()).count();
    }
}

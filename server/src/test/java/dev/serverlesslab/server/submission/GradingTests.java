package dev.serverlesslab.server.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.server.TestApp;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Whole gradings through the web app, deployed to the embedded emulator. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradingTests {

    private static final Pattern DIAGNOSTIC = Pattern.compile("[\\w/]+\\.java:\\d+");

    private Backend backend;

    @BeforeAll
    void startBackend() {
        backend = Backend.embedded();
    }

    @AfterAll
    void stopBackend() {
        backend.close();
    }

    @Test
    void solution_isGradedDone_withEveryCheckPassed_andShowsLogs(@TempDir Path data) {
        try (TestApp app = TestApp.start(data, backend)) {
            String id = TestApp.submissionId(app.submit("hello-lambda", TestApp.solutionFiles()));

            JsonNode status = app.awaitFinished(id);

            assertEquals("DONE", status.path("state").asText(), status.toString());
            GradingReport report = store(data).report(id).orElseThrow();
            assertEquals(Status.PASSED, report.status(), report.toJson());
            assertTrue(report.totalChecks() > 0, report.toJson());
            assertEquals(report.totalChecks(), report.passedChecks(), report.toJson());
            String page = app.get("/submissions/" + id).body();
            assertTrue(page.contains(report.totalChecks() + " of " + report.totalChecks() + " checks passed"), page);
            assertTrue(page.contains("REPORT RequestId"), page);
            assertTrue(page.contains("What this would cost on AWS: " + report.reportLines().size() + " invocations"),
                    "shows the cost estimate: " + page);
            assertTrue(page.contains("/exercises/hello-lambda?from=" + id), "links back to edit: " + page);
            assertFalse(page.contains("status.json"), "a finished page stops polling: " + page);
            String outline = app.get("/").body();
            assertTrue(outline.contains("✓ done, " + report.score() + " / " + report.maxScore() + " points"), outline);
        }
    }

    @Test
    void starter_isGradedDone_withSomeCheckFailedAndItsMessage(@TempDir Path data) {
        try (TestApp app = TestApp.start(data, backend)) {
            String id = TestApp.submissionId(app.submit("hello-lambda", TestApp.starterFiles()));

            JsonNode status = app.awaitFinished(id);

            assertEquals("DONE", status.path("state").asText(), status.toString());
            GradingReport report = store(data).report(id).orElseThrow();
            assertEquals(Status.FAILED, report.status(), report.toJson());
            assertTrue(report.passedChecks() < report.totalChecks(), report.toJson());
            String page = app.get("/submissions/" + id).body();
            assertTrue(page.contains("class=\"check failed\""), page);
            assertTrue(page.contains(report.passedChecks() + " of " + report.totalChecks() + " checks passed"), page);
            String history = app.get("/exercises/hello-lambda").body();
            assertTrue(history.contains("<span class=\"outcome outcome-failed\">failed</span>"), history);
        }
    }

    @Test
    void compileError_showsDiagnosticsWithFileAndLine(@TempDir Path data) {
        Map<String, String> broken = new TreeMap<>(TestApp.solutionFiles());
        String path = broken.keySet().stream().filter(p -> p.endsWith(".java")).findFirst().orElseThrow();
        broken.put(path, broken.get(path) + "\nthis is not java\n");

        try (TestApp app = TestApp.start(data, backend)) {
            String id = TestApp.submissionId(app.submit("hello-lambda", broken));

            app.awaitFinished(id);

            GradingReport report = store(data).report(id).orElseThrow();
            assertFalse(report.diagnostics().isEmpty(), report.toJson());
            String page = app.get("/submissions/" + id).body();
            assertTrue(page.contains("Compiler messages"), page);
            assertTrue(DIAGNOSTIC.matcher(page).find(), "a file:line diagnostic on the page: " + page);
            String history = app.get("/exercises/hello-lambda").body();
            assertTrue(history.contains("<span class=\"outcome outcome-compile-error\">compile error</span>"), history);
        }
    }

    @Test
    void submissionLeftQueued_isGradedAfterRestart(@TempDir Path data) {
        SubmissionStore store = store(data);
        StoredSubmission queued = store.create("hello-lambda", Submission.of(TestApp.solutionFiles()));
        StoredSubmission running = store.create("hello-lambda", Submission.of(TestApp.starterFiles()));
        store.save(running.with(SubmissionState.RUNNING, null));

        try (TestApp app = TestApp.start(data, backend)) {
            assertEquals("DONE", app.awaitFinished(queued.id()).path("state").asText());
            assertEquals("DONE", app.awaitFinished(running.id()).path("state").asText());
        }
        assertEquals(Status.PASSED, store.report(queued.id()).orElseThrow().status());
        assertEquals(Status.FAILED, store.report(running.id()).orElseThrow().status());
    }

    private static SubmissionStore store(Path data) {
        return new SubmissionStore(data, Clock.systemUTC());
    }
}

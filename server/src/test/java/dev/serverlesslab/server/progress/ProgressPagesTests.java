package dev.serverlesslab.server.progress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.submission.SubmissionState;
import dev.serverlesslab.server.submission.SubmissionStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learner's progress on the outline and lesson pages and their history on the exercise page. Gradings are
 * written to the store as the grading queue writes them (this app's backend grades nothing), so every outcome can be
 * shown; {@code GradingTests} shows the same after real gradings.
 */
class ProgressPagesTests {

    @TempDir
    Path data;
    private Backend backend;
    private TestApp app;
    private SubmissionStore store;
    private String lesson;

    @BeforeEach
    void start() {
        backend = TestApp.nowhere();
        app = TestApp.start(data, backend);
        store = new SubmissionStore(data, Clock.systemUTC());
        lesson = ExerciseCatalog.load(TestApp.CONTENT).find("hello-lambda").orElseThrow().lesson();
    }

    @AfterEach
    void stop() {
        app.close();
        backend.close();
    }

    /** Submits through the web app, then records the report as if that grading had produced it. */
    private String gradedAs(Status status, int score, int max, List<String> diagnostics) {
        String id = TestApp.submissionId(app.submit("hello-lambda", TestApp.starterFiles()));
        app.awaitFinished(id);
        store.saveReport(id, new GradingReport("hello-lambda", status, "", List.of(),
                List.of(new CheckResult("greets", score == max ? Status.PASSED : Status.FAILED, null, 3, score, max,
                        null, false)), diagnostics, "", List.of(), 10));
        store.save(store.find(id).orElseThrow().with(SubmissionState.DONE, null));
        return id;
    }

    @Test
    void outlineAndLesson_showTheBestScore_afterAGradedSubmission() {
        assertFalse(app.get("/").body().contains("progress-mark"), "nothing graded, no score yet");

        gradedAs(Status.FAILED, 2, 3, List.of());
        gradedAs(Status.FAILED, 1, 3, List.of());

        String outline = app.get("/").body();
        assertTrue(outline.contains("best 2 / 3 points"), outline);
        assertTrue(app.get("/lessons/" + lesson).body().contains("best 2 / 3 points"));
    }

    @Test
    void outline_marksAnExerciseDone_onceAnAttemptEarnedEveryPoint() {
        gradedAs(Status.PASSED, 3, 3, List.of());

        String outline = app.get("/").body();
        assertTrue(outline.contains("progress-mark done"), outline);
        assertTrue(outline.contains("✓ done, 3 / 3 points"), "done is said in words, not only by colour: " + outline);
    }

    @Test
    void history_labelsEachAttemptByOutcome_inWordsAndColour_newestFirst() {
        String compileError = gradedAs(Status.FAILED, 0, 3, List.of("example/Hello.java:3: ';' expected"));
        String failed = gradedAs(Status.FAILED, 1, 3, List.of());
        String passed = gradedAs(Status.PASSED, 3, 3, List.of());
        String notGraded = TestApp.submissionId(app.submit("hello-lambda", TestApp.starterFiles()));
        // This app's backend answers nothing, so its grading ends with an ERROR report: the platform could not grade.
        app.awaitFinished(notGraded);

        String page = app.get("/exercises/hello-lambda").body();

        assertTrue(page.contains("<span class=\"outcome outcome-failed\">failed</span>"), page);
        assertTrue(page.contains("<span class=\"outcome outcome-compile-error\">compile error</span>"), page);
        assertTrue(page.contains("<span class=\"outcome outcome-passed\">passed</span>"), page);
        assertTrue(page.contains("<span class=\"outcome outcome-error\">could not grade</span>"), page);
        assertFalse(page.contains(">DONE<"), "no raw state names: " + page);
        assertTrue(page.contains("1 / 3 points"), page);
        int newest = page.indexOf("/submissions/" + notGraded);
        assertTrue(newest > 0 && newest < page.indexOf("/submissions/" + passed)
                && page.indexOf("/submissions/" + passed) < page.indexOf("/submissions/" + failed)
                && page.indexOf("/submissions/" + failed) < page.indexOf("/submissions/" + compileError),
                "newest first: " + page);
        assertTrue(page.contains("/exercises/hello-lambda?from=" + failed), "each attempt can be edited again");
    }
}

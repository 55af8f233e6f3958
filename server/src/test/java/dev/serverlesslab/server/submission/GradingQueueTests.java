package dev.serverlesslab.server.submission;

import dev.serverlesslab.graders.run.CheckTallies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.StageResult;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.server.TestApp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue's bookkeeping with stand-in graders, so failures can be forced and moments held still. */
class GradingQueueTests {

    static final Duration DEADLINE = Duration.ofSeconds(60);

    private final ExerciseCatalog catalog = ExerciseCatalog.load(TestApp.CONTENT);

    @TempDir
    Path root;

    private SubmissionStore store() {
        return new SubmissionStore(root, Clock.systemUTC());
    }

    static GradingReport passed(String exerciseId) {
        return new GradingReport(exerciseId, Status.PASSED, "1 of 1 checks passed", List.of(),
                List.of(new CheckResult("greets", Status.PASSED, null, 1)), List.of(), "", List.of(), 1);
    }

    @Test
    void graderThrows_marksSubmissionFailedWithTheCause() {
        SubmissionStore store = store();
        StoredSubmission submission = store.create("hello-lambda", Submission.of(TestApp.starterFiles()));

        try (GradingQueue queue = new GradingQueue(store, catalog, (exercise, files, listener) -> {
            throw new IllegalStateException("the emulator went away");
        })) {
            queue.start();
            StoredSubmission failed = awaitFinished(store, submission.id());

            assertEquals(SubmissionState.FAILED, failed.state());
            assertTrue(failed.error().contains("the emulator went away"), failed.error());
            assertEquals(TestApp.starterFiles(), store.sources(submission.id()).files(), "the code is kept");
        }
    }

    @Test
    void exerciseGoneFromContent_marksSubmissionFailedSayingSo() {
        SubmissionStore store = store();
        StoredSubmission submission = store.create("retired-exercise", Submission.of(TestApp.starterFiles()));

        try (GradingQueue queue = new GradingQueue(store, catalog, (exercise, files, listener) -> passed(exercise.id()))) {
            queue.enqueue(submission.id(), "ann");
            StoredSubmission failed = awaitFinished(store, submission.id());

            assertEquals(SubmissionState.FAILED, failed.state());
            assertTrue(failed.error().contains("'retired-exercise' is no longer in the course content"), failed.error());
        }
    }

    @Test
    void progress_showsStagesAndChecksWhileGrading_andReportIsStoredWhenDone() throws InterruptedException {
        SubmissionStore store = store();
        StoredSubmission submission = store.create("hello-lambda", Submission.of(TestApp.starterFiles()));
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);

        try (GradingQueue queue = new GradingQueue(store, catalog, (exercise, files, listener) -> {
            listener.stageStarted(Stage.COMPILE);
            listener.stageFinished(new StageResult(Stage.COMPILE, Status.PASSED, 7, "ok"));
            listener.stageStarted(Stage.CHECK);
            listener.checkStarted("greets");
            listener.checkFinished(new CheckResult("greets", Status.PASSED, null, 1));
            listener.checkStarted("logs");
            checking.countDown();
            await(mayFinish);
            return passed(exercise.id());
        })) {
            queue.enqueue(submission.id(), "ann");
            assertTrue(checking.await(DEADLINE.toSeconds(), TimeUnit.SECONDS));

            StatusView.Lines lines = queue.progress(submission.id()).orElseThrow();
            assertEquals(SubmissionState.RUNNING, store.find(submission.id()).orElseThrow().state());
            assertEquals(List.of("Compile", "Run checks"), lines.stages().stream().map(StatusView.StageLine::label).toList());
            assertEquals(List.of("passed", "running"), lines.stages().stream().map(StatusView.StageLine::status).toList());
            assertEquals("greets", lines.checks().get(0).name());
            assertEquals("logs", lines.currentCheck());

            mayFinish.countDown();
            assertEquals(SubmissionState.DONE, awaitFinished(store, submission.id()).state());
            assertEquals(Status.PASSED, store.report(submission.id()).orElseThrow().status());
            // The worker drops the progress just after it records DONE, so wait for that moment too.
            awaitNoProgress(queue, submission.id());
        }
    }

    @Test
    void oneWorker_gradesOneLearnersSubmissionsOneAtATimeInArrivalOrder() {
        SubmissionStore store = store();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(store.create("hello-lambda", Submission.of(Map.of("example/A.java", "class A {} // " + i))).id());
        }
        List<String> order = new CopyOnWriteArrayList<>();
        AtomicInteger active = new AtomicInteger();
        AtomicInteger mostActive = new AtomicInteger();

        try (GradingQueue queue = new GradingQueue(store, catalog, (exercise, files, listener) -> {
            mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            order.add(files.files().get("example/A.java"));
            active.decrementAndGet();
            return passed(exercise.id());
        })) {
            ids.forEach(id -> queue.enqueue(id, "ann"));
            ids.forEach(id -> awaitFinished(store, id));
        }
        assertEquals(List.of("class A {} // 1", "class A {} // 2", "class A {} // 3"), order);
        assertEquals(1, mostActive.get());
    }

    @Test
    void gradingThatNeverReturns_isStoppedAtItsDeadline_markedFailedSayingWhere_andTheNextOneIsGraded() {
        SubmissionStore store = store();
        String stuck = store.create("hello-lambda", Submission.of(Map.of("example/A.java", "class A {} // stuck"))).id();
        String next = store.create("hello-lambda", Submission.of(Map.of("example/A.java", "class A {} // next"))).id();
        CountDownLatch release = new CountDownLatch(1);

        // The stand-in ignores interruption, as a grading stuck in a native call or a busy loop would.
        try (GradingQueue queue = new GradingQueue(store, catalog, (exercise, files, listener) -> {
            if (files.files().get("example/A.java").contains("stuck")) {
                listener.stageStarted(Stage.COMPILE);
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException ignored) {
                        // keeps hanging on purpose
                    }
                }
            }
            return passed(exercise.id());
        }, exercise -> Duration.ofMillis(300))) {
            queue.enqueue(stuck, "ann");
            queue.enqueue(next, "bob");

            StoredSubmission failed = awaitFinished(store, stuck);
            assertEquals(SubmissionState.FAILED, failed.state());
            assertTrue(failed.error().contains("took longer than 300 ms"), failed.error());
            assertTrue(failed.error().contains("'Compile' stage"), failed.error());
            assertEquals(SubmissionState.DONE, awaitFinished(store, next).state(), "the worker was freed");
            assertTrue(queue.progress(stuck).isEmpty());
        } finally {
            release.countDown();
        }
    }

    @Test
    void close_putsTheSubmissionItWasGradingBackInTheQueue_forTheNextRunToGrade() {
        SubmissionStore store = store();
        StoredSubmission submission = store.create("hello-lambda", Submission.of(TestApp.starterFiles()));
        CountDownLatch grading = new CountDownLatch(1);

        GradingQueue stopping = new GradingQueue(store, catalog, (exercise, files, listener) -> {
            grading.countDown();
            await(new CountDownLatch(1));
            return passed(exercise.id());
        });
        await(grading);
        stopping.close();
        assertEquals(SubmissionState.QUEUED, store.find(submission.id()).orElseThrow().state());

        try (GradingQueue next = new GradingQueue(store, catalog, (exercise, files, listener) -> passed(exercise.id()))) {
            next.start();
            assertEquals(SubmissionState.DONE, awaitFinished(store, submission.id()).state());
        }
    }

    @Test
    void deadline_growsWithTheExerciseTimeoutAndChecks_butIsBounded() {
        var hello = catalog.find("hello-lambda").orElseThrow();

        Duration deadline = new GradingDeadline(new CheckTallies()).of(hello);

        // hello-lambda has seven checks (six and a hidden one) and a 5 s timeout: each may run into it three times.
        assertEquals(GradingDeadline.FIXED_STAGES.plusSeconds(7 * 3 * 5), deadline);
        var slow = new dev.serverlesslab.exercises.exercise.Exercise("slow", "Slow", null, "java17", "a.B::c", 512, 900,
                hello.directory());
        assertEquals(GradingDeadline.CEILING, new GradingDeadline(new CheckTallies()).of(slow));
    }

    static StoredSubmission awaitFinished(SubmissionStore store, String id) {
        return Awaitility.await("submission " + id + " finished").atMost(DEADLINE)
                .until(() -> store.find(id).orElseThrow(), submission -> submission.state().finished());
    }

    private static void awaitNoProgress(GradingQueue queue, String id) {
        // The worker drops the progress just after it records the verdict.
        Awaitility.await("progress of " + id + " dropped").atMost(DEADLINE)
                .until(() -> queue.progress(id).isEmpty());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the grading finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

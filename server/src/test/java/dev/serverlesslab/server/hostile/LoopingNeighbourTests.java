package dev.serverlesslab.server.hostile;

import dev.serverlesslab.graders.run.CheckTallies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.Grader;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.submission.TestLearners;
import dev.serverlesslab.server.submission.GradingDeadline;
import dev.serverlesslab.server.submission.GradingQueue;
import dev.serverlesslab.server.submission.StoredSubmission;
import dev.serverlesslab.server.submission.SubmissionState;
import dev.serverlesslab.server.submission.SubmissionStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One learner's handler that never returns must not hold up another learner's correct solution: with two workers
 * the solution is graded beside the loop, which ends by the function's own timeout, failed, not by the queue, and
 * leaves no process behind.
 */
class LoopingNeighbourTests {

    private static final String LOOP = """
            package example;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.Map;

            public class Hello implements RequestHandler<Map<String, String>, Map<String, String>> {
                @Override
                public Map<String, String> handleRequest(Map<String, String> event, Context context) {
                    long spins = 0;
                    while (spins >= 0) {
                        spins++;
                    }
                    return Map.of("greeting", "never");
                }
            }
            """;

    @TempDir
    Path data;

    @Test
    void handlerThatLoopsForever_doesNotDelayAnotherLearnersSolution_andFailsByItsOwnTimeout() {
        Database database = Database.embedded(data);
        SubmissionStore store = new SubmissionStore(database, Clock.systemUTC());
        TestLearners learners = new TestLearners(database);
        String loop = store.create(learners.id("ann"), "hello-lambda",
                Submission.of(Map.of("example/Hello.java", LOOP))).id();
        List<String> events = new CopyOnWriteArrayList<>();

        try (Backend backend = Backend.embedded()) {
            Grader grader = new Grader(backend);
            try (GradingQueue queue = new GradingQueue(store, ExerciseCatalog.load(TestApp.CONTENT),
                    (exercise, files, listener) -> {
                        String who = files.files().get("example/Hello.java").contains("while") ? "loop" : "solution";
                        events.add(who + " started");
                        GradingReport report = grader.grade(exercise, files, listener);
                        events.add(who + " finished");
                        return report;
                    }, new GradingDeadline(new CheckTallies())::of, 2)) {
                queue.enqueue(loop, "ann");
                Awaitility.await("the loop being graded").atMost(Duration.ofMinutes(2))
                        .until(() -> events.contains("loop started"));
                // Seen while it runs, so the check for leftovers below is not vacuous.
                Awaitility.await("the looping function's environment").atMost(Duration.ofMinutes(2))
                        .until(() -> !functionEnvironments().isEmpty());
                // Submitted only now, so the loop is sure to be graded first.
                String solution = store.create(learners.id("bob"), "hello-lambda",
                        Submission.of(TestApp.solutionFiles())).id();
                queue.enqueue(solution, "bob");

                StoredSubmission solved = awaitFinished(store, solution);
                StoredSubmission looped = awaitFinished(store, loop);

                assertEquals(SubmissionState.DONE, solved.state(), String.valueOf(solved.error()));
                assertEquals(Status.PASSED, store.report(solution).orElseThrow().status());
                assertTrue(events.indexOf("solution started") < events.indexOf("loop finished"),
                        "the solution was graded beside the loop, not after it: " + events);
                assertEquals(SubmissionState.DONE, looped.state(), "the function's timeout ended it, not the "
                        + "queue's deadline: " + looped.error());
                GradingReport loopReport = store.report(loop).orElseThrow();
                assertEquals(Status.FAILED, loopReport.status(), loopReport.toJson());
                assertEquals(0, loopReport.passedChecks(), loopReport.toJson());
            }
        }
        Awaitility.await("no function environment left running").atMost(Duration.ofMinutes(1))
                .until(() -> functionEnvironments().isEmpty());
    }

    /** The emulator's execution-environment JVMs still alive: their arguments name a folder under its lambda/ dir. */
    private static List<ProcessHandle> functionEnvironments() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(argument -> argument.contains("/lambda/")))
                .toList();
    }

    private static StoredSubmission awaitFinished(SubmissionStore store, String id) {
        // Bounded by the exercise's own grading deadline; a little more for a loaded machine.
        return Awaitility.await("submission " + id + " graded").atMost(Duration.ofMinutes(5))
                .until(() -> store.find(id).orElseThrow(), submission -> submission.state().finished());
    }
}

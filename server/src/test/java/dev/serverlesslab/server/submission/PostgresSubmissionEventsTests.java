package dev.serverlesslab.server.submission;

import dev.serverlesslab.graders.run.CheckTallies;
import static dev.serverlesslab.server.submission.GradingQueueTests.DEADLINE;
import static dev.serverlesslab.server.submission.GradingQueueTests.passed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.database.TestDatabase;
import dev.serverlesslab.server.system.ThymeleafRenderer;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event stream on the PostgreSQL queue: a web app with no workers streams the progress and queue position of
 * gradings another process does, which it only knows from the submission rows (skipped where no PostgreSQL answers).
 */
class PostgresSubmissionEventsTests {

    private static final GradingQueue.Settings FAST = GradingQueue.Settings.shared()
            .withHeartbeat(Duration.ofMillis(500), Duration.ofSeconds(3))
            .withIdlePoll(Duration.ofMillis(200));

    private final ExerciseCatalog catalog = ExerciseCatalog.load(TestApp.CONTENT);
    private TestDatabase testDatabase;
    private Database workerPool;

    @BeforeEach
    void open() {
        testDatabase = TestDatabase.postgres();
        workerPool = Database.open(testDatabase.url());
    }

    @AfterEach
    void close() {
        if (workerPool != null) {
            workerPool.close();
        }
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void webAppWithNoWorkers_streamsAnotherProcesssGrading_fromTheRows() throws Exception {
        SubmissionStore store = new SubmissionStore(testDatabase.database(), Clock.systemUTC());
        long ann = new TestLearners(testDatabase.database()).id("ann");
        String first = store.create(ann, "hello-lambda", Submission.of(TestApp.solutionFiles())).id();
        String second = store.create(ann, "hello-lambda", Submission.of(TestApp.solutionFiles())).id();
        CountDownLatch release = new CountDownLatch(1);

        try (GradingQueue web = new GradingQueue(store, catalog, (exercise, files, listener) -> {
            throw new AssertionError("a web app with no workers grades nothing");
        }, new GradingDeadline(new CheckTallies())::of, 0, FAST);
             GradingQueue worker = new GradingQueue(new SubmissionStore(workerPool, Clock.systemUTC()), catalog,
                     (exercise, files, listener) -> {
                         listener.stageStarted(Stage.COMPILE);
                         listener.checkStarted("greets");
                         try {
                             release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                         } catch (InterruptedException e) {
                             Thread.currentThread().interrupt();
                         }
                         return passed(exercise.id());
                     }, new GradingDeadline(new CheckTallies())::of, 1, FAST);
             SubmissionEvents events = new SubmissionEvents()) {
            SubmissionPages pages = new SubmissionPages(catalog, store, web, new SubmissionLimits(
                    SubmissionLimits.MAX_WAITING, SubmissionLimits.MAX_PER_MINUTE, Clock.systemUTC(), web::isPending),
                    null, new ThymeleafRenderer(), events);
            Javalin app = Javalin.create(config -> {
                config.routes.beforeMatched(ctx -> Viewer.set(ctx, Viewer.solo(ann)));
                config.routes.get("/submissions/{submissionId}/events", pages::events);
            }).start("127.0.0.1", 0);
            try {
                EventStreamReader running = EventStreamReader.open(uri(app, first));
                EventStreamReader waiting = EventStreamReader.open(uri(app, second));
                Awaitility.await("the worker's progress, streamed by the web app").atMost(DEADLINE)
                        .until(() -> running.names().contains("check-started"));
                // Opened before the worker may have claimed the first, so it may say 1 ahead first, then 0.
                Awaitility.await("the position of the one waiting, once the first runs").atMost(DEADLINE)
                        .until(() -> waiting.events().stream().anyMatch(e -> e.name().equals("queued")
                                && e.data().get("ahead").asInt() == 0));
                assertEquals("queued", waiting.events().get(0).name(), "a waiting one's stream starts with its place");
                EventStreamReader.Event stage = running.events().stream().filter(e -> e.name().equals("stage"))
                        .findFirst().orElseThrow();
                assertEquals("Compile", stage.data().get("label").asText());
                assertEquals("running", stage.data().get("status").asText());

                release.countDown();
                List<String> firstNames = running.awaitEnd(DEADLINE.toMillis()).names();
                List<String> secondNames = waiting.awaitEnd(DEADLINE.toMillis()).names();
                assertEquals("done", firstNames.get(firstNames.size() - 1), firstNames.toString());
                assertEquals("done", secondNames.get(secondNames.size() - 1), secondNames.toString());
                assertTrue(running.events().get(firstNames.size() - 1).data().get("outcome").asText()
                        .equals("PASSED"));
            } finally {
                release.countDown();
                app.stop();
            }
        }
    }

    private static URI uri(Javalin app, String id) {
        return URI.create("http://127.0.0.1:" + app.port() + "/submissions/" + id + "/events");
    }
}

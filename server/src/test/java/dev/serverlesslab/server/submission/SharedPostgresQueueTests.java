package dev.serverlesslab.server.submission;

import dev.serverlesslab.graders.run.CheckTallies;
import static dev.serverlesslab.server.submission.GradingQueueTests.DEADLINE;
import static dev.serverlesslab.server.submission.GradingQueueTests.awaitFinished;
import static dev.serverlesslab.server.submission.GradingQueueTests.passed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.database.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several graders on one PostgreSQL, as a web app and {@code lab worker} processes on other machines share it:
 * fairness holds across them, and a worker killed in the middle of a grading loses nothing. Skipped, saying why,
 * where no PostgreSQL answers.
 */
class SharedPostgresQueueTests {

    /** Short, so a dead worker's claim is taken back within seconds; heartbeats come every half second. */
    private static final GradingQueue.Settings FAST = GradingQueue.Settings.shared()
            .withHeartbeat(Duration.ofMillis(500), Duration.ofSeconds(3))
            .withIdlePoll(Duration.ofMillis(200));

    private final ExerciseCatalog catalog = ExerciseCatalog.load(TestApp.CONTENT);
    private TestDatabase testDatabase;
    private final List<Database> extraPools = new ArrayList<>();

    @BeforeEach
    void open() {
        testDatabase = TestDatabase.postgres();
    }

    @AfterEach
    void close() {
        extraPools.forEach(Database::close);
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    /** A store on a connection pool of its own, as another process would have. */
    private SubmissionStore anotherProcessStore() {
        Database pool = Database.open(testDatabase.url());
        extraPools.add(pool);
        return new SubmissionStore(pool, Clock.systemUTC());
    }

    @Test
    void twoWorkerPools_neverRunTwoOfOneLearnersGradings_andServeTheOthersBeforeHerSecond() {
        SubmissionStore store = new SubmissionStore(testDatabase.database(), Clock.systemUTC());
        TestLearners learners = new TestLearners(testDatabase.database());
        List<String> anns = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            anns.add(store.create(learners.id("ann"), "hello-lambda", Submission.of(Map.of("example/A.java", "ann-" + i))).id());
        }
        String bob = store.create(learners.id("bob"), "hello-lambda", Submission.of(Map.of("example/A.java", "bob-1"))).id();
        String cat = store.create(learners.id("cat"), "hello-lambda", Submission.of(Map.of("example/A.java", "cat-1"))).id();
        List<String> started = new CopyOnWriteArrayList<>();
        Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
        Map<String, Integer> mostActive = new ConcurrentHashMap<>();
        Semaphore release = new Semaphore(0);
        GradingQueue.Grading grading = (exercise, files, listener) -> {
            String name = files.files().get("example/A.java");
            String learner = name.substring(0, 3);
            mostActive.merge(learner, active.computeIfAbsent(learner, k -> new AtomicInteger()).incrementAndGet(), Math::max);
            started.add(name);
            try {
                release.tryAcquire(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            active.get(learner).decrementAndGet();
            return passed(exercise.id());
        };

        try (GradingQueue first = new GradingQueue(anotherProcessStore(), catalog, grading, new GradingDeadline(new CheckTallies())::of, 1, FAST);
             GradingQueue second = new GradingQueue(anotherProcessStore(), catalog, grading, new GradingDeadline(new CheckTallies())::of, 1, FAST)) {
            Awaitility.await("both pools grading").atMost(DEADLINE).until(() -> started.size() == 2);
            // One grading ends, so one worker is free: whichever it was, cat is next, not ann's second.
            release.release(1);
            Awaitility.await("a third grading").atMost(DEADLINE).until(() -> started.size() == 3);
            assertEquals(Set.of("ann-1", "bob-1", "cat-1"), Set.copyOf(started.subList(0, 3)),
                    "bob's and cat's ran before ann's second: " + started);
            release.release(100);
            anns.forEach(id -> awaitFinished(store, id));
            awaitFinished(store, bob);
            awaitFinished(store, cat);
            Set<String> graders = Set.copyOf(testDatabase.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT DISTINCT worker_id FROM submissions").mapTo(String.class).list()));
            assertEquals(Set.of(first.workerId(), second.workerId()), graders, "both pools graded");
        } finally {
            release.release(100);
        }
        assertEquals(1, mostActive.get("ann"), "ann's four were graded one after another: " + started);
        assertEquals(List.of("ann-1", "ann-2", "ann-3", "ann-4"),
                started.stream().filter(name -> name.startsWith("ann")).toList(), "ann's in the order she sent them");
    }

    @Test
    void workerKilledMidGrading_itsSubmissionIsGradedOnceByAnother_andNothingIsLost() throws Exception {
        SubmissionStore store = new SubmissionStore(testDatabase.database(), Clock.systemUTC());
        String id = store.create(new TestLearners(testDatabase.database()).id("ann"), "hello-lambda",
                Submission.of(TestApp.solutionFiles())).id();
        Process worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BlockedWorkerProcess.class.getName(),
                testDatabase.url(), TestApp.CONTENT.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        AtomicInteger gradedHere = new AtomicInteger();
        try {
            Awaitility.await("the other process grading, its progress in the database").atMost(DEADLINE)
                    .until(() -> store.progress(id).map(lines -> lines.stages().size()).orElse(0) == 1);
            assertEquals("Compile", store.progress(id).orElseThrow().stages().get(0).label());
            String holder = workerOf(id);
            assertTrue(holder.contains("/" + worker.pid() + "/"),
                    "held by the child process: " + holder);

            worker.destroyForcibly();
            assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "the worker died");
            assertEquals(SubmissionState.RUNNING, store.find(id).orElseThrow().state(), "its claim outlives it");

            try (GradingQueue survivor = new GradingQueue(anotherProcessStore(), catalog, (exercise, files, listener) -> {
                gradedHere.incrementAndGet();
                return passed(exercise.id());
            }, new GradingDeadline(new CheckTallies())::of, 1, FAST)) {
                StoredSubmission graded = awaitFinished(store, id);
                assertEquals(SubmissionState.DONE, graded.state(), String.valueOf(graded.error()));
                assertEquals(survivor.workerId(), workerOf(id));
            }
        } finally {
            worker.destroyForcibly();
        }
        assertEquals(1, gradedHere.get(), "graded once by the survivor");
        int attempts = testDatabase.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT attempts FROM submissions WHERE id = :id").bind("id", id).mapTo(Integer.class).one());
        assertEquals(2, attempts,
                "the killed worker's attempt and the survivor's");
        assertEquals(dev.serverlesslab.graders.report.Status.PASSED, store.report(id).orElseThrow().status());
    }

    @Test
    void webAppWithNoWorkers_showsTheProgressAndQueuePosition_ofGradingsDoneByAnotherProcess() {
        SubmissionStore store = new SubmissionStore(testDatabase.database(), Clock.systemUTC());
        TestLearners learners = new TestLearners(testDatabase.database());
        String first = store.create(learners.id("ann"), "hello-lambda", Submission.of(TestApp.solutionFiles())).id();
        String second = store.create(learners.id("ann"), "hello-lambda", Submission.of(TestApp.solutionFiles())).id();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

        try (GradingQueue web = new GradingQueue(store, catalog, (exercise, files, listener) -> {
            throw new AssertionError("a web app with no workers grades nothing");
        }, new GradingDeadline(new CheckTallies())::of, 0, FAST);
             GradingQueue worker = new GradingQueue(anotherProcessStore(), catalog, (exercise, files, listener) -> {
                 listener.stageStarted(dev.serverlesslab.graders.report.Stage.COMPILE);
                 listener.checkStarted("greets");
                 try {
                     release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                 } catch (InterruptedException e) {
                     Thread.currentThread().interrupt();
                 }
                 return passed(exercise.id());
             }, new GradingDeadline(new CheckTallies())::of, 1, FAST)) {
            Awaitility.await("the worker's progress, seen by the web app").atMost(DEADLINE)
                    .until(() -> "greets".equals(web.progress(first).map(StatusView.Lines::currentCheck).orElse(null)));
            assertEquals("Compile", web.progress(first).orElseThrow().stages().get(0).label());
            assertTrue(web.ahead(first).isEmpty(), "running, so no queue position");
            assertEquals(java.util.OptionalInt.of(0), web.ahead(second));
            assertTrue(web.isPending(second));

            release.countDown();
            assertEquals(SubmissionState.DONE, awaitFinished(store, second).state());
            assertTrue(web.progress(first).isEmpty(), "no progress once finished");
        } finally {
            release.countDown();
        }
    }

    private String workerOf(String id) {
        return testDatabase.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT worker_id FROM submissions WHERE id = :id").bind("id", id).mapTo(String.class).one());
    }
}

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
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several workers and fairness between learners, with a stand-in grader that records which submission (its one
 * source line names it) runs when, and holds gradings still until the test lets them go.
 */
class GradingWorkersTests {

    private final ExerciseCatalog catalog = ExerciseCatalog.load(TestApp.CONTENT);

    @TempDir
    Path root;

    private SubmissionStore store;
    private TestLearners learners;

    /** A submission whose one source line is {@code name}, of the learner named before any '-' ("ann-2": ann). */
    private String submit(String name) {
        if (store == null) {
            Database database = Database.embedded(root);
            store = new SubmissionStore(database, Clock.systemUTC());
            learners = new TestLearners(database);
        }
        return store.create(learners.id(name.split("-")[0]), "hello-lambda",
                Submission.of(Map.of("example/A.java", name))).id();
    }

    private static String nameOf(Submission files) {
        return files.files().get("example/A.java");
    }

    @Test
    void threeWorkers_gradeThreeLearnersSubmissionsAtOnce() {
        List<String> ids = List.of(submit("ann"), submit("bob"), submit("cat"));
        AtomicInteger active = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);

        try (GradingQueue queue = queue(3, (exercise, files, listener) -> {
            active.incrementAndGet();
            await(release);
            return passed(exercise.id());
        })) {
            queue.enqueue(ids.get(0), "ann");
            queue.enqueue(ids.get(1), "bob");
            queue.enqueue(ids.get(2), "cat");

            Awaitility.await("three gradings running at once").atMost(DEADLINE).until(() -> active.get() == 3);
            release.countDown();
            ids.forEach(id -> assertEquals(SubmissionState.DONE, awaitFinished(store, id).state()));
        } finally {
            release.countDown();
        }
    }

    @Test
    void learnerWithFiveQueuedRuns_doesNotDelayAnothersSingleRunPastOneOfTheirs() {
        List<String> anns = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            anns.add(submit("ann-" + i));
        }
        String bobs = submit("bob-1");
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        try (GradingQueue queue = queue(1, (exercise, files, listener) -> {
            order.add(nameOf(files));
            firstRunning.countDown();
            await(release);
            return passed(exercise.id());
        })) {
            anns.forEach(id -> queue.enqueue(id, "ann"));
            await(firstRunning);
            queue.enqueue(bobs, "bob");
            release.countDown();
            awaitFinished(store, anns.get(4));
            awaitFinished(store, bobs);
        } finally {
            release.countDown();
        }
        assertEquals(List.of("ann-1", "bob-1", "ann-2", "ann-3", "ann-4", "ann-5"), order,
                "bob's one run comes right after the run of ann's that was already grading");
    }

    @Test
    void learner_neverHasTwoGradingsRunning_whileOthersUseTheFreeWorkers() {
        List<String> anns = List.of(submit("ann-1"), submit("ann-2"), submit("ann-3"));
        String bobs = submit("bob-1");
        Map<String, AtomicInteger> activeByLearner = new ConcurrentHashMap<>();
        Map<String, Integer> mostActive = new ConcurrentHashMap<>();
        Set<String> overlapped = ConcurrentHashMap.newKeySet();
        Semaphore release = new Semaphore(0);

        try (GradingQueue queue = queue(3, (exercise, files, listener) -> {
            String learner = nameOf(files).substring(0, 3);
            int now = activeByLearner.computeIfAbsent(learner, key -> new AtomicInteger()).incrementAndGet();
            mostActive.merge(learner, now, Math::max);
            if (activeByLearner.values().stream().filter(a -> a.get() > 0).count() > 1) {
                overlapped.add(learner);
            }
            acquire(release);
            activeByLearner.get(learner).decrementAndGet();
            return passed(exercise.id());
        })) {
            anns.forEach(id -> queue.enqueue(id, "ann"));
            queue.enqueue(bobs, "bob");
            Awaitility.await("ann and bob graded side by side").atMost(DEADLINE)
                    .until(() -> !overlapped.isEmpty());
            release.release(10);
            anns.forEach(id -> awaitFinished(store, id));
            awaitFinished(store, bobs);
        } finally {
            release.release(10);
        }
        assertEquals(1, mostActive.get("ann"), "ann's three runs were graded one after another");
    }

    @Test
    void queuePositions_areReportedWhileWaiting_andDecreaseAsOthersAreGraded() {
        String running = submit("zed");
        String ann = submit("ann");
        String bob = submit("bob");
        String cat = submit("cat");
        Semaphore release = new Semaphore(0);
        CountDownLatch zedRunning = new CountDownLatch(1);

        try (GradingQueue queue = queue(1, (exercise, files, listener) -> {
            zedRunning.countDown();
            acquire(release);
            return passed(exercise.id());
        })) {
            queue.enqueue(running, "zed");
            await(zedRunning);
            queue.enqueue(ann, "ann");
            queue.enqueue(bob, "bob");
            queue.enqueue(cat, "cat");

            assertEquals(OptionalInt.empty(), queue.ahead(running), "a running grading has no queue position");
            assertEquals(OptionalInt.of(0), queue.ahead(ann));
            assertEquals(OptionalInt.of(1), queue.ahead(bob));
            assertEquals(OptionalInt.of(2), queue.ahead(cat));

            release.release();
            Awaitility.await("ann's grading started").atMost(DEADLINE)
                    .until(() -> queue.ahead(ann).isEmpty());
            assertEquals(OptionalInt.of(1), queue.ahead(cat), "one fewer ahead once a grading finished");

            release.release();
            Awaitility.await("bob's grading started").atMost(DEADLINE).until(() -> queue.ahead(bob).isEmpty());
            assertEquals(OptionalInt.of(0), queue.ahead(cat));
            release.release(2);
            assertEquals(SubmissionState.DONE, awaitFinished(store, cat).state());
            assertEquals(OptionalInt.empty(), queue.ahead(cat));
        } finally {
            release.release(10);
        }
    }

    @Test
    void queuePosition_countsRoundRobinTurns_notArrivalOrder() {
        String running = submit("zed");
        String ann1 = submit("ann-1");
        String ann2 = submit("ann-2");
        String ann3 = submit("ann-3");
        String bob = submit("bob-1");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch zedRunning = new CountDownLatch(1);

        try (GradingQueue queue = queue(1, (exercise, files, listener) -> {
            zedRunning.countDown();
            await(release);
            return passed(exercise.id());
        })) {
            queue.enqueue(running, "zed");
            await(zedRunning);
            List.of(ann1, ann2, ann3).forEach(id -> queue.enqueue(id, "ann"));
            queue.enqueue(bob, "bob");

            assertEquals(OptionalInt.of(1), queue.ahead(bob), "only ann's first run is ahead of bob's");
            assertEquals(OptionalInt.of(2), queue.ahead(ann2), "ann's second run waits for bob's");
            assertEquals(OptionalInt.of(3), queue.ahead(ann3));
        } finally {
            release.countDown();
        }
    }

    @Test
    void gradingStuckOnOneWorker_doesNotStopTheOthers() {
        String stuck = submit("stuck");
        List<String> others = List.of(submit("bob"), submit("cat"), submit("dan"));
        CountDownLatch release = new CountDownLatch(1);

        // The stand-in ignores interruption and its deadline is far away, as a grading in a long busy loop would be.
        try (GradingQueue queue = queue(2, (exercise, files, listener) -> {
            if (nameOf(files).equals("stuck")) {
                awaitUninterruptibly(release);
            }
            return passed(exercise.id());
        })) {
            queue.enqueue(stuck, "ann");
            Awaitility.await("the stuck grading running").atMost(DEADLINE)
                    .until(() -> store.find(stuck).orElseThrow().state() == SubmissionState.RUNNING);
            others.forEach(id -> queue.enqueue(id, id));

            others.forEach(id -> assertEquals(SubmissionState.DONE, awaitFinished(store, id).state()));
            assertEquals(SubmissionState.RUNNING, store.find(stuck).orElseThrow().state(), "still held by its worker");
        } finally {
            release.countDown();
        }
    }

    @Test
    void start_requeuesWhatThePreviousRunLeftQueuedOrRunning_andGradesItOnce() {
        String queued = submit("queued");
        String wasRunning = submit("running");
        String done = submit("done");
        store.save(store.find(wasRunning).orElseThrow().with(SubmissionState.RUNNING, null));
        store.save(store.find(done).orElseThrow().with(SubmissionState.DONE, null));
        List<String> graded = new CopyOnWriteArrayList<>();

        try (GradingQueue queue = queue(2, (exercise, files, listener) -> {
            graded.add(nameOf(files));
            return passed(exercise.id());
        })) {
            queue.start();
            assertEquals(SubmissionState.DONE, awaitFinished(store, queued).state());
            assertEquals(SubmissionState.DONE, awaitFinished(store, wasRunning).state());
            Awaitility.await("both progress records dropped").atMost(DEADLINE)
                    .until(() -> !queue.isPending(queued) && !queue.isPending(wasRunning));
        }
        assertEquals(Set.of("queued", "running"), Set.copyOf(graded));
        assertEquals(2, graded.size(), "each graded once, the finished one not again");
    }

    private GradingQueue queue(int workers, GradingQueue.Grading grading) {
        return new GradingQueue(store, catalog, grading, new GradingDeadline(new CheckTallies())::of, workers);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the grading go on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void acquire(Semaphore semaphore) {
        try {
            if (!semaphore.tryAcquire(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the grading finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException ignored) {
                // keeps hanging on purpose, as stuck learner code does
            }
        }
    }
}

package dev.serverlesslab.server.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.database.TestDatabase;
import dev.serverlesslab.server.submission.SubmissionStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the progress store promises about lesson reads, where a learner left off and attempt history, on either database. */
abstract class ProgressStoreContract {

    private static final Instant NOON = Instant.parse("2025-03-01T12:00:00Z");
    private static final Submission FILES = Submission.of(Map.of("example/Hello.java", "class Hello {}\n"));

    @TempDir
    Path dataDir;

    private TestDatabase testDatabase;
    private long learner;
    private long otherLearner;

    /** A fresh, migrated database for one test. */
    abstract TestDatabase openDatabase(Path dir);

    @BeforeEach
    void open() {
        testDatabase = openDatabase(dataDir);
        learner = new SubmissionStore(database(), Clock.systemUTC()).soloLearner();
        otherLearner = addLearner(database(), "other");
    }

    @AfterEach
    void close() {
        // Null when the database was not there and the test was skipped.
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    /** A second learner, as class mode's sign-up would add one. */
    static long addLearner(Database database, String handle) {
        return database.jdbi().withHandle(handle1 -> handle1.createUpdate(
                        "INSERT INTO learners (handle, display_name, created_at) VALUES (:handle, :handle, :now)")
                .bind("handle", handle)
                .bind("now", OffsetDateTime.now(ZoneOffset.UTC))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
    }

    private Database database() {
        return testDatabase.database();
    }

    private ProgressStore progressAt(Instant now) {
        return new ProgressStore(database(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private String submitAt(Instant now, long who, String exerciseId) {
        return new SubmissionStore(database(), Clock.fixed(now, ZoneOffset.UTC)).create(who, exerciseId, FILES).id();
    }

    private Instant storedTime(String column, String lessonId) {
        return database().jdbi().withHandle(handle -> handle.createQuery("SELECT " + column
                        + " FROM lesson_reads WHERE learner_id = :learner AND lesson_id = :lesson")
                .bind("learner", learner)
                .bind("lesson", lessonId)
                .mapTo(OffsetDateTime.class)
                .one()).toInstant();
    }

    @Test
    void recordRead_marksTheLessonRead_forThatLearnerOnly() {
        ProgressStore progress = progressAt(NOON);
        assertEquals(Set.of(), progress.readLessons(learner));

        progress.recordRead(learner, "hello-lambda");
        progress.recordRead(learner, "events");

        assertEquals(Set.of("hello-lambda", "events"), progress.readLessons(learner));
        assertEquals(Set.of(), progress.readLessons(otherLearner));
    }

    @Test
    void readingAgain_keepsTheFirstReadTime_andMovesTheLastOne() {
        progressAt(NOON).recordRead(learner, "hello-lambda");
        progressAt(NOON.plusSeconds(60)).recordRead(learner, "hello-lambda");

        assertEquals(NOON, storedTime("first_read_at", "hello-lambda"));
        assertEquals(NOON.plusSeconds(60), storedTime("last_read_at", "hello-lambda"));
        assertEquals(Set.of("hello-lambda"), progressAt(NOON).readLessons(learner));
    }

    @Test
    void sameLessonOpenedAtOnce_inManyTabs_isRecordedOnce_withoutAnError() throws Exception {
        int tabs = 8;
        ExecutorService pool = Executors.newFixedThreadPool(tabs);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> reads = new ArrayList<>();
            for (int i = 0; i < tabs; i++) {
                ProgressStore progress = progressAt(NOON.plusSeconds(i));
                reads.add(pool.submit(() -> {
                    go.await();
                    progress.recordRead(learner, "hello-lambda");
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> read : reads) {
                read.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int rows = database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM lesson_reads WHERE learner_id = :learner").bind("learner", learner)
                .mapTo(Integer.class).one());
        assertEquals(1, rows);
    }

    @Test
    void openingTheSameLessonAgain_writesNothingWithinAMinute_unlessTheLearnerWasElsewhereMeanwhile() {
        ProgressVersions versions = new ProgressVersions();
        MovingClock clock = new MovingClock(NOON);
        ProgressStore progress = new ProgressStore(database(), clock, versions);
        progress.recordRead(learner, "hello-lambda");
        clock.now = NOON.plusSeconds(10);
        progress.recordRead(learner, "hello-lambda");
        assertEquals(NOON, storedTime("last_read_at", "hello-lambda"), "a reload is not a new place");

        clock.now = NOON.plusSeconds(20);
        progress.recordRead(learner, "events");
        clock.now = NOON.plusSeconds(30);
        progress.recordRead(learner, "hello-lambda");
        assertEquals(NOON.plusSeconds(30), storedTime("last_read_at", "hello-lambda"), "back from another lesson");

        new SubmissionStore(database(), Clock.fixed(NOON.plusSeconds(40), ZoneOffset.UTC), versions)
                .create(learner, "hello-lambda", FILES);
        clock.now = NOON.plusSeconds(50);
        progress.recordRead(learner, "hello-lambda");
        assertEquals(NOON.plusSeconds(50), storedTime("last_read_at", "hello-lambda"), "back from a submission");
        assertEquals(ProgressStore.Place.Kind.LESSON, progress.recentPlaces(learner, 10).get(0).kind());

        clock.now = NOON.plusSeconds(50).plus(ProgressStore.READ_REFRESH);
        progress.recordRead(learner, "hello-lambda");
        assertEquals(clock.now, storedTime("last_read_at", "hello-lambda"), "a minute later it moves anyway");
    }

    @Test
    void progressVersion_movesOnAFirstRead_andWhileASubmissionWaits_butNotOnARepeatRead() {
        ProgressVersions versions = new ProgressVersions();
        ProgressStore progress = new ProgressStore(database(), Clock.fixed(NOON, ZoneOffset.UTC), versions);
        long start = progress.version(learner);
        assertEquals(start, progress.version(learner), "nothing happened");

        progress.recordRead(learner, "hello-lambda");
        long read = progress.version(learner);
        assertNotEquals(start, read);
        progress.recordRead(learner, "hello-lambda");
        progress.recordRead(otherLearner, "hello-lambda");
        assertEquals(read, progress.version(learner), "a repeat read, or someone else's, changes nothing shown");

        String id = new SubmissionStore(database(), Clock.fixed(NOON, ZoneOffset.UTC), versions)
                .create(learner, "hello-lambda", FILES).id();
        long waiting = progress.version(learner);
        assertNotEquals(read, waiting);
        assertNotEquals(waiting, progress.version(learner), "while a submission waits, every look is new");

        // Graded by a worker in another process: nothing here is told, the next look finds it finished.
        database().jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE submissions SET state = 'DONE', score = 3, max_score = 3 WHERE id = :id")
                .bind("id", id).execute());
        long graded = progress.version(learner);
        assertEquals(graded, progress.version(learner), "settled once nothing waits");
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void recentPlaces_areEmptyForANewLearner() {
        assertEquals(List.of(), progressAt(NOON).recentPlaces(learner, 10));
    }

    @Test
    void recentPlaces_putTheLatestOfLessonReadAndSubmissionFirst() {
        progressAt(NOON).recordRead(learner, "hello-lambda");
        submitAt(NOON.plusSeconds(10), learner, "hello-lambda");
        // Someone else's later work is not this learner's place.
        progressAt(NOON.plusSeconds(30)).recordRead(otherLearner, "events");
        submitAt(NOON.plusSeconds(40), otherLearner, "dynamodb-orders");

        List<ProgressStore.Place> places = progressAt(NOON).recentPlaces(learner, 10);
        assertEquals(new ProgressStore.Place(ProgressStore.Place.Kind.EXERCISE, "hello-lambda", NOON.plusSeconds(10)),
                places.get(0));
        assertEquals(new ProgressStore.Place(ProgressStore.Place.Kind.LESSON, "hello-lambda", NOON), places.get(1));
        assertEquals(2, places.size());

        progressAt(NOON.plusSeconds(20)).recordRead(learner, "events");
        assertEquals(new ProgressStore.Place(ProgressStore.Place.Kind.LESSON, "events", NOON.plusSeconds(20)),
                progressAt(NOON).recentPlaces(learner, 10).get(0));
    }

    @Test
    void history_tellsEachAttemptItsPrevious_evenPastTheLimit_andOnlyAmongTheLearnersOwn() {
        String first = submitAt(NOON, learner, "hello-lambda");
        submitAt(NOON.plusSeconds(1), otherLearner, "hello-lambda");
        submitAt(NOON.plusSeconds(2), learner, "other-exercise");
        String second = submitAt(NOON.plusSeconds(3), learner, "hello-lambda");
        String third = submitAt(NOON.plusSeconds(4), learner, "hello-lambda");
        ProgressStore progress = progressAt(NOON);

        List<Attempt> lastTwo = progress.history(learner, "hello-lambda", 2);
        assertEquals(List.of(third, second), lastTwo.stream().map(Attempt::id).toList());
        assertEquals(second, lastTwo.get(0).previousId());
        assertEquals(first, lastTwo.get(1).previousId(), "the oldest shown still knows the one before it");

        List<Attempt> all = progress.history(learner, "hello-lambda", 10);
        assertEquals(3, all.size());
        assertNull(all.get(2).previousId(), "the first attempt has none");

        assertEquals(second, progress.previousAttempt(learner, "hello-lambda", third).orElseThrow());
        assertEquals(first, progress.previousAttempt(learner, "hello-lambda", second).orElseThrow());
        assertTrue(progress.previousAttempt(learner, "hello-lambda", first).isEmpty());
        assertEquals(third, progress.attempt(third).orElseThrow().id());
    }
}

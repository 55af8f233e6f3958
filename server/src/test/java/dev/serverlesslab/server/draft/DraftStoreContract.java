package dev.serverlesslab.server.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.database.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the draft store promises, on either database. */
abstract class DraftStoreContract {

    private static final Instant NOON = Instant.parse("2026-03-01T12:00:00.123Z");

    @TempDir
    Path dataDir;

    private TestDatabase testDatabase;
    private MutableClock clock;
    private DraftStore store;
    private long learner;
    private long otherLearner;

    abstract TestDatabase openDatabase(Path dir);

    @BeforeEach
    void open() {
        testDatabase = openDatabase(dataDir);
        clock = new MutableClock(NOON);
        store = new DraftStore(testDatabase.database(), clock);
        learner = addLearner(testDatabase.database(), "draft-one");
        otherLearner = addLearner(testDatabase.database(), "draft-two");
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void save_thenFind_returnsTheFilesAndTheTime() {
        Map<String, String> files = Map.of("example/Hello.java", "class Hello { /* ü, \"quoted\" */ }\n",
                "example/Util.java", "class Util {}\n");

        Instant saved = store.save(learner, "hello-lambda", files);

        assertEquals(NOON, saved);
        DraftStore.Draft draft = store.find(learner, "hello-lambda").orElseThrow();
        assertEquals(files, draft.files());
        assertEquals(NOON, draft.updatedAt());
    }

    @Test
    void save_again_replacesTheDraft_perLearnerAndExercise() {
        store.save(learner, "hello-lambda", Map.of("A.java", "one"));
        store.save(learner, "dynamodb-orders", Map.of("B.java", "other exercise"));
        clock.now = NOON.plusSeconds(60);

        store.save(learner, "hello-lambda", Map.of("A.java", "two"));

        DraftStore.Draft draft = store.find(learner, "hello-lambda").orElseThrow();
        assertEquals(Map.of("A.java", "two"), draft.files());
        assertEquals(NOON.plusSeconds(60), draft.updatedAt());
        assertEquals(Map.of("B.java", "other exercise"), store.find(learner, "dynamodb-orders").orElseThrow().files());
        assertEquals(Optional.empty(), store.find(otherLearner, "hello-lambda"), "nobody else's draft leaks");
    }

    @Test
    void delete_forgetsOnlyThatDraft() {
        store.save(learner, "hello-lambda", Map.of("A.java", "mine"));
        store.save(otherLearner, "hello-lambda", Map.of("A.java", "theirs"));

        assertTrue(store.delete(learner, "hello-lambda"));
        assertFalse(store.delete(learner, "hello-lambda"), "nothing left to delete");

        assertEquals(Optional.empty(), store.find(learner, "hello-lambda"));
        assertEquals(Map.of("A.java", "theirs"), store.find(otherLearner, "hello-lambda").orElseThrow().files());
    }

    private static long addLearner(Database database, String handle) {
        return database.jdbi().withHandle(h -> h.createUpdate(
                        "INSERT INTO learners (handle, display_name, created_at) VALUES (:handle, :handle, :now)")
                .bind("handle", handle)
                .bind("now", OffsetDateTime.now(ZoneOffset.UTC))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
    }

    /** A clock the test moves, so saved times are exact. */
    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

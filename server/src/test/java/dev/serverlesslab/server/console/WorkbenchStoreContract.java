package dev.serverlesslab.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.database.TestDatabase;
import dev.serverlesslab.server.hint.HintStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the saved test events and the opened hints promise, on either database. */
abstract class WorkbenchStoreContract {

    @TempDir
    Path dataDir;

    private TestDatabase testDatabase;
    private TestEventStore events;
    private HintStore hints;
    private long learner;
    private long otherLearner;

    abstract TestDatabase openDatabase(Path dir);

    @BeforeEach
    void open() {
        testDatabase = openDatabase(dataDir);
        events = new TestEventStore(testDatabase.database(), Clock.systemUTC());
        hints = new HintStore(testDatabase.database(), Clock.systemUTC());
        learner = addLearner(testDatabase.database(), "bench-one");
        otherLearner = addLearner(testDatabase.database(), "bench-two");
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void save_keepsEventsPerLearnerAndExercise_andReplacesByName() {
        events.save(learner, "hello-lambda", "ada", "{\"name\":\"Ada\"}");
        events.save(learner, "hello-lambda", "ada", "{\"name\":\"Ada Lovelace\"}");
        events.save(learner, "hello-lambda", "empty", "{}");
        events.save(learner, "dynamodb-orders", "get", "{}");

        List<TestEventStore.SavedEvent> saved = events.list(learner, "hello-lambda");
        assertEquals(List.of("ada", "empty"), saved.stream().map(TestEventStore.SavedEvent::name).toList());
        assertEquals("{\"name\":\"Ada Lovelace\"}", saved.get(0).json());
        assertTrue(events.list(otherLearner, "hello-lambda").isEmpty(), "nobody else's events leak");
    }

    @Test
    void rename_andDelete_actOnTheLearnersOwnEventsOnly() {
        events.save(learner, "hello-lambda", "ada", "{}");
        events.save(learner, "hello-lambda", "grace", "{}");

        assertFalse(events.rename(otherLearner, "hello-lambda", "ada", "mine"), "another learner's event is not found");
        assertFalse(events.delete(otherLearner, "hello-lambda", "ada"));
        assertTrue(events.rename(learner, "hello-lambda", "ada", "lovelace"));
        TestEventException clash = assertThrows(TestEventException.class,
                () -> events.rename(learner, "hello-lambda", "lovelace", "grace"));
        assertTrue(clash.getMessage().contains("already have an event named 'grace'"), clash.getMessage());
        assertTrue(events.delete(learner, "hello-lambda", "grace"));
        assertEquals(List.of("lovelace"), events.list(learner, "hello-lambda").stream()
                .map(TestEventStore.SavedEvent::name).toList());
    }

    @Test
    void save_refusesNamesThatAreNotShortPrintableText() {
        for (String name : List.of("", " leading", "a/b", "<script>", "x".repeat(61))) {
            assertThrows(TestEventException.class, () -> events.save(learner, "hello-lambda", name, "{}"), name);
        }
        assertTrue(events.list(learner, "hello-lambda").isEmpty());
    }

    @Test
    void openNext_opensOneLevelAtATime_upToTheLast() {
        assertEquals(0, hints.opened(learner, "hello-lambda", HintStore.EXERCISE_HINTS));
        assertEquals(1, hints.openNext(learner, "hello-lambda", HintStore.EXERCISE_HINTS, 3));
        assertEquals(2, hints.openNext(learner, "hello-lambda", HintStore.EXERCISE_HINTS, 3));
        assertEquals(3, hints.openNext(learner, "hello-lambda", HintStore.EXERCISE_HINTS, 3));
        assertEquals(3, hints.openNext(learner, "hello-lambda", HintStore.EXERCISE_HINTS, 3), "no fourth level");
        assertEquals(0, hints.opened(otherLearner, "hello-lambda", HintStore.EXERCISE_HINTS));
    }

    @Test
    void checkHints_areKeptApartPerCheck_andALongCheckNameStillFitsTheKeyColumn() {
        String longName = "Fails with an IllegalArgumentException when ".repeat(6);
        String otherLongName = longName + "and more";

        assertEquals(1, hints.openNext(learner, "hello-lambda", HintStore.checkKey(longName), 3));
        assertEquals(2, hints.openNext(learner, "hello-lambda", HintStore.checkKey(longName), 3));
        assertEquals(1, hints.openNext(learner, "hello-lambda", HintStore.checkKey(otherLongName), 3));
        assertEquals(1, hints.openNext(learner, "hello-lambda", HintStore.checkKey("greets Ada"), 3));

        assertEquals(2, hints.opened(learner, "hello-lambda", HintStore.checkKey(longName)));
        assertEquals(0, hints.opened(learner, "hello-lambda", HintStore.EXERCISE_HINTS), "the exercise's own list");
        assertTrue(HintStore.checkKey(longName).length() <= 200, HintStore.checkKey(longName));
    }

    @Test
    void openedBefore_countsTheLevelsOpenWhenASubmissionWasMade() {
        Instant before = Instant.now().minusSeconds(60);
        hints.openNext(learner, "hello-lambda", HintStore.EXERCISE_HINTS, 3);
        hints.openNext(learner, "hello-lambda", HintStore.EXERCISE_HINTS, 3);

        assertEquals(0, hints.openedBefore(learner, "hello-lambda", before));
        assertEquals(2, hints.openedBefore(learner, "hello-lambda", Instant.now().plusSeconds(1)));
        assertEquals(0, hints.openedBefore(otherLearner, "hello-lambda", Instant.now().plusSeconds(1)));
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
}

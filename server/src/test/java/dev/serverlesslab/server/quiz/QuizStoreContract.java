package dev.serverlesslab.server.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.database.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the quiz store promises about learners' answers, on either database. */
abstract class QuizStoreContract {

    @TempDir
    Path dataDir;

    private TestDatabase testDatabase;
    private QuizStore store;
    private long learner;
    private long otherLearner;

    abstract TestDatabase openDatabase(Path dir);

    @BeforeEach
    void open() {
        testDatabase = openDatabase(dataDir);
        store = new QuizStore(testDatabase.database(), Clock.systemUTC());
        learner = addLearner(testDatabase.database(), "quiz-one");
        otherLearner = addLearner(testDatabase.database(), "quiz-two");
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void record_keepsTheLatestAnswerPerQuiz_forThatLearnerOnly() {
        store.record(learner, "02-anatomy", "cold-start", "a", false);
        store.record(learner, "02-anatomy", "cold-start", "b", true);
        store.record(learner, "02-anatomy", "longest-timeout", "900 seconds", true);

        Map<String, QuizStore.Answer> answers = store.answers(learner, "02-anatomy");
        assertEquals(new QuizStore.Answer("cold-start", "b", true), answers.get("cold-start"));
        assertEquals("900 seconds", answers.get("longest-timeout").answer());
        assertTrue(store.answers(otherLearner, "02-anatomy").isEmpty(), "nobody else's answers leak");
        assertTrue(store.answers(learner, "03-other").isEmpty());
    }

    @Test
    void correctByLesson_countsOnlyAnswersThatAreRightNow() {
        store.record(learner, "01-a", "q1", "b", true);
        store.record(learner, "01-a", "q2", "a", true);
        store.record(learner, "01-a", "q2", "c", false);
        store.record(learner, "02-b", "q1", "a", false);
        store.record(otherLearner, "02-b", "q1", "b", true);

        assertEquals(Map.of("01-a", 1), store.correctByLesson(learner));
        assertFalse(store.correctByLesson(otherLearner).containsKey("01-a"));
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

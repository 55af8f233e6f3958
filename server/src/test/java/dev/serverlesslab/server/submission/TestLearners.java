package dev.serverlesslab.server.submission;

import dev.serverlesslab.server.database.Database;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Learners for queue tests, one row each by handle: fairness is kept per learner in the database, so tests of it
 * need more than solo mode's one learner.
 */
public final class TestLearners {

    private final Database database;
    private final Map<String, Long> ids = new ConcurrentHashMap<>();

    public TestLearners(Database database) {
        this.database = database;
    }

    /** The learner with this handle, created on first use. */
    public long id(String handle) {
        return ids.computeIfAbsent(handle, key -> database.jdbi().withHandle(h -> h.createUpdate(
                        "INSERT INTO learners (handle, display_name, created_at) VALUES (:handle, :handle, :now)")
                .bind("handle", key)
                .bind("now", OffsetDateTime.now(ZoneOffset.UTC))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one()));
    }
}

package dev.serverlesslab.server.console;

import dev.serverlesslab.server.database.Database;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Each learner's saved test events per exercise ({@code test_events}), by a name the learner chooses. */
public final class TestEventStore {

    /** Names are shown in a menu: short, printable, no leading space. */
    static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,59}");
    /** A test event is typed or pasted by a person; Lambda's synchronous payload limit is 6 MB, far beyond that. */
    static final int MAX_JSON_CHARS = 64 * 1024;
    /** Enough for every shape worth keeping; a script cannot fill the table. */
    static final int MAX_PER_EXERCISE = 30;
    private static final String DUPLICATE_KEY = "23505";

    private final Jdbi jdbi;
    private final Clock clock;

    public TestEventStore(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
    }

    /** The learner's saved events of the exercise, by name. */
    public List<SavedEvent> list(long learnerId, String exerciseId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT name, json, updated_at FROM test_events "
                        + "WHERE learner_id = :learner AND exercise_id = :exercise ORDER BY name")
                .bind("learner", learnerId)
                .bind("exercise", exerciseId)
                .map((rs, ctx) -> new SavedEvent(rs.getString("name"), rs.getString("json"),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
                .list());
    }

    public Optional<SavedEvent> find(long learnerId, String exerciseId, String name) {
        return list(learnerId, exerciseId).stream().filter(event -> event.name().equals(name)).findFirst();
    }

    /** Saves {@code json} under {@code name}, replacing an event of that name. */
    public void save(long learnerId, String exerciseId, String name, String json) {
        checkName(name);
        if (json.length() > MAX_JSON_CHARS) {
            throw new TestEventException("The event is " + json.length() + " characters long; a saved event holds at "
                    + "most " + MAX_JSON_CHARS + ".");
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        jdbi.useTransaction(handle -> {
            if (update(handle, learnerId, exerciseId, name, json, now) > 0) {
                return;
            }
            if (count(handle, learnerId, exerciseId) >= MAX_PER_EXERCISE) {
                throw new TestEventException("You have " + MAX_PER_EXERCISE + " saved events for this exercise, the "
                        + "most allowed: delete one first.");
            }
            try {
                handle.createUpdate("INSERT INTO test_events (learner_id, exercise_id, name, json, updated_at) "
                                + "VALUES (:learner, :exercise, :name, :json, :now)")
                        .bind("learner", learnerId)
                        .bind("exercise", exerciseId)
                        .bind("name", name)
                        .bind("json", json)
                        .bind("now", now)
                        .execute();
            } catch (UnableToExecuteStatementException e) {
                // Another tab saved the same name first: this save replaces it, as it would have a moment later.
                if (!isDuplicateKey(e)) {
                    throw e;
                }
                update(handle, learnerId, exerciseId, name, json, now);
            }
        });
    }

    /** Renames an event; false when the learner has none of that name. */
    public boolean rename(long learnerId, String exerciseId, String name, String newName) {
        checkName(newName);
        try {
            return jdbi.withHandle(handle -> handle.createUpdate("UPDATE test_events SET name = :newName, "
                            + "updated_at = :now WHERE learner_id = :learner AND exercise_id = :exercise AND name = :name")
                    .bind("learner", learnerId)
                    .bind("exercise", exerciseId)
                    .bind("name", name)
                    .bind("newName", newName)
                    .bind("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                    .execute()) > 0;
        } catch (UnableToExecuteStatementException e) {
            if (isDuplicateKey(e)) {
                throw new TestEventException("You already have an event named '" + newName + "': pick another name "
                        + "or delete that one first.");
            }
            throw e;
        }
    }

    /** Deletes an event; false when the learner has none of that name. */
    public boolean delete(long learnerId, String exerciseId, String name) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM test_events "
                        + "WHERE learner_id = :learner AND exercise_id = :exercise AND name = :name")
                .bind("learner", learnerId)
                .bind("exercise", exerciseId)
                .bind("name", name)
                .execute()) > 0;
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new TestEventException("An event name is 1 to 60 letters, digits, spaces, '.', '_' or '-', "
                    + "starting with a letter or digit, e.g. 'missing name'.");
        }
    }

    private static int update(Handle handle, long learnerId, String exerciseId, String name, String json,
                              OffsetDateTime now) {
        return handle.createUpdate("UPDATE test_events SET json = :json, updated_at = :now "
                        + "WHERE learner_id = :learner AND exercise_id = :exercise AND name = :name")
                .bind("learner", learnerId)
                .bind("exercise", exerciseId)
                .bind("name", name)
                .bind("json", json)
                .bind("now", now)
                .execute();
    }

    private static int count(Handle handle, long learnerId, String exerciseId) {
        return handle.createQuery("SELECT COUNT(*) FROM test_events WHERE learner_id = :learner "
                        + "AND exercise_id = :exercise")
                .bind("learner", learnerId)
                .bind("exercise", exerciseId)
                .mapTo(Integer.class)
                .one();
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && DUPLICATE_KEY.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** One saved event. */
    public record SavedEvent(String name, String json, Instant updatedAt) {
    }
}

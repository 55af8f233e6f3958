package dev.serverlesslab.server.draft;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.server.database.Database;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Each learner's editor draft per exercise ({@code drafts}): the code they have not submitted yet. */
public final class DraftStore {

    /** SQLSTATE of a unique-key violation, on H2 and PostgreSQL alike. */
    private static final String DUPLICATE_KEY = "23505";
    private static final TypeReference<TreeMap<String, String>> FILES = new TypeReference<>() {
    };

    private final Jdbi jdbi;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public DraftStore(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
    }

    /**
     * Keeps {@code files} as the learner's draft of the exercise, replacing the one before.
     *
     * @return when it was saved, as stored (to the millisecond, which both databases keep)
     */
    public Instant save(long learnerId, String exerciseId, Map<String, String> files) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        String text = write(files);
        jdbi.useHandle(handle -> {
            // H2 knows no ON CONFLICT ... DO UPDATE: insert if there is none yet, else (or if a concurrent save of
            // another tab won the insert) update.
            int inserted;
            try {
                inserted = handle.createUpdate("INSERT INTO drafts (learner_id, exercise_id, files, updated_at) "
                                + "VALUES (:learner, :exercise, :files, :at) ON CONFLICT DO NOTHING")
                        .bind("learner", learnerId)
                        .bind("exercise", exerciseId)
                        .bind("files", text)
                        .bind("at", at)
                        .execute();
            } catch (UnableToExecuteStatementException e) {
                if (!isDuplicateKey(e)) {
                    throw e;
                }
                inserted = 0;
            }
            if (inserted == 0) {
                update(handle, learnerId, exerciseId, text, at);
            }
        });
        return now;
    }

    /** The learner's draft of the exercise, if they have one. */
    public Optional<Draft> find(long learnerId, String exerciseId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT files, updated_at FROM drafts "
                        + "WHERE learner_id = :learner AND exercise_id = :exercise")
                .bind("learner", learnerId)
                .bind("exercise", exerciseId)
                .map((rs, ctx) -> new Draft(read(rs.getString("files")),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
                .findOne());
    }

    /** Forgets the learner's draft of the exercise; true when there was one. */
    public boolean delete(long learnerId, String exerciseId) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "DELETE FROM drafts WHERE learner_id = :learner AND exercise_id = :exercise")
                .bind("learner", learnerId)
                .bind("exercise", exerciseId)
                .execute()) > 0;
    }

    private static void update(Handle handle, long learnerId, String exerciseId, String files, OffsetDateTime at) {
        handle.createUpdate("UPDATE drafts SET files = :files, updated_at = :at "
                        + "WHERE learner_id = :learner AND exercise_id = :exercise")
                .bind("learner", learnerId)
                .bind("exercise", exerciseId)
                .bind("files", files)
                .bind("at", at)
                .execute();
    }

    private String write(Map<String, String> files) {
        try {
            return json.writeValueAsString(new TreeMap<>(files));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SortedMap<String, String> read(String text) {
        try {
            return json.readValue(text, FILES);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && DUPLICATE_KEY.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A saved draft: the editor's files, path to text, and when they were saved. */
    public record Draft(SortedMap<String, String> files, Instant updatedAt) {
    }
}

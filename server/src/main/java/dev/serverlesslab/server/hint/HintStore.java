package dev.serverlesslab.server.hint;

import dev.serverlesslab.server.database.Database;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Which hint levels each learner opened, and when ({@code hints_opened}). */
public final class HintStore {

    /** The hint list of the exercise itself (exercise.yml {@code hints:}). */
    public static final String EXERCISE_HINTS = "exercise";
    private static final String DUPLICATE_KEY = "23505";

    private final Jdbi jdbi;
    private final Clock clock;

    public HintStore(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
    }

    /** How many levels of the hint list the learner opened (levels open in order, so the highest is the count). */
    public int opened(long learnerId, String exerciseId, String hintKey) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COALESCE(MAX(level), 0) FROM hints_opened "
                        + "WHERE learner_id = :learner AND exercise_id = :exercise AND hint_key = :key")
                .bind("learner", learnerId)
                .bind("exercise", exerciseId)
                .bind("key", hintKey)
                .mapTo(Integer.class)
                .one());
    }

    /**
     * Opens the level after the highest one opened, up to {@code levels}; opening again when all are open changes
     * nothing. Two tabs opening at once open one level between them, the primary key sees to that.
     *
     * @return how many levels are open now
     */
    public int openNext(long learnerId, String exerciseId, String hintKey, int levels) {
        int next = opened(learnerId, exerciseId, hintKey) + 1;
        if (next > levels) {
            return levels;
        }
        try {
            jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO hints_opened (learner_id, exercise_id, hint_key, "
                            + "level, opened_at) VALUES (:learner, :exercise, :key, :level, :now)")
                    .bind("learner", learnerId)
                    .bind("exercise", exerciseId)
                    .bind("key", hintKey)
                    .bind("level", next)
                    .bind("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
        }
        return opened(learnerId, exerciseId, hintKey);
    }

    /**
     * How many hint levels of the exercise (every hint list) the learner had opened when a submission was made at
     * {@code submittedAt}: what a report of that submission was earned with.
     */
    public int openedBefore(long learnerId, String exerciseId, Instant submittedAt) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM hints_opened "
                        + "WHERE learner_id = :learner AND exercise_id = :exercise AND opened_at <= :at")
                .bind("learner", learnerId)
                .bind("exercise", exerciseId)
                .bind("at", OffsetDateTime.ofInstant(submittedAt, ZoneOffset.UTC))
                .mapTo(Integer.class)
                .one());
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && DUPLICATE_KEY.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

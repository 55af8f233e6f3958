package dev.serverlesslab.server.hint;

import dev.serverlesslab.server.database.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Which hint levels each learner opened, and when ({@code hints_opened}). */
public final class HintStore {

    /** The hint list of the exercise itself (exercise.yml {@code hints:}). */
    public static final String EXERCISE_HINTS = "exercise";
    /** hint_key's width in V10; a longer check name is keyed by its digest instead. */
    private static final int KEY_WIDTH = 200;
    private static final String DUPLICATE_KEY = "23505";

    private final Jdbi jdbi;
    private final Clock clock;

    public HintStore(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
    }

    /**
     * The hint list of one check ({@code @Hint} levels), keyed by the check's name so what a learner opened stays
     * open in their later submissions of the exercise; the {@code check:} prefix keeps it apart from
     * {@link #EXERCISE_HINTS}.
     */
    public static String checkKey(String checkName) {
        String key = "check:" + checkName;
        if (key.length() <= KEY_WIDTH) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(checkName.getBytes(StandardCharsets.UTF_8));
            return "check-sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
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

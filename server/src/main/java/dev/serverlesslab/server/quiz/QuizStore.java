package dev.serverlesslab.server.quiz;

import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.progress.ProgressVersions;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Each learner's latest answer to each lesson quiz ({@code quiz_answers}), so a lesson shows the answer and its
 * feedback again on return and the outline can count quizzes answered right.
 */
public final class QuizStore {

    /** SQLSTATE of a unique-key violation, on H2 and PostgreSQL alike. */
    private static final String DUPLICATE_KEY = "23505";

    private final Jdbi jdbi;
    private final Clock clock;
    private final ProgressVersions versions;

    public QuizStore(Database database, Clock clock) {
        this(database, clock, new ProgressVersions());
    }

    /** @param versions bumped on every answer kept, so the lesson showing it is rendered again */
    public QuizStore(Database database, Clock clock, ProgressVersions versions) {
        this.jdbi = database.jdbi();
        this.clock = clock;
        this.versions = versions;
    }

    /**
     * Keeps {@code answer} as the learner's answer to the quiz, replacing an earlier one.
     *
     * @param answer the option names picked, comma-separated, or the text typed
     */
    public void record(long learnerId, String lessonId, String quizId, String answer, boolean correct) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        jdbi.useHandle(handle -> {
            if (update(handle, learnerId, lessonId, quizId, answer, correct, now) > 0) {
                return;
            }
            // H2 knows no ON CONFLICT ... DO UPDATE: insert, and if a concurrent answer won the race, update it.
            try {
                handle.createUpdate("INSERT INTO quiz_answers (learner_id, lesson_id, quiz_id, answer, correct, "
                                + "answered_at) VALUES (:learner, :lesson, :quiz, :answer, :correct, :now)")
                        .bind("learner", learnerId)
                        .bind("lesson", lessonId)
                        .bind("quiz", quizId)
                        .bind("answer", answer)
                        .bind("correct", correct)
                        .bind("now", now)
                        .execute();
            } catch (UnableToExecuteStatementException e) {
                if (!isDuplicateKey(e)) {
                    throw e;
                }
                update(handle, learnerId, lessonId, quizId, answer, correct, now);
            }
        });
        versions.changed(learnerId);
    }

    /** The learner's answers to the quizzes of one lesson, by quiz id. */
    public Map<String, Answer> answers(long learnerId, String lessonId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT quiz_id, answer, correct FROM quiz_answers "
                        + "WHERE learner_id = :learner AND lesson_id = :lesson")
                .bind("learner", learnerId)
                .bind("lesson", lessonId)
                .map((rs, ctx) -> new Answer(rs.getString("quiz_id"), rs.getString("answer"),
                        rs.getBoolean("correct")))
                .stream()
                .collect(Collectors.toMap(Answer::quizId, answer -> answer)));
    }

    /** How many quizzes of each lesson the learner answered right, by lesson id (lessons with none are absent). */
    public Map<String, Integer> correctByLesson(long learnerId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT lesson_id, COUNT(*) AS right_answers "
                        + "FROM quiz_answers WHERE learner_id = :learner AND correct GROUP BY lesson_id")
                .bind("learner", learnerId)
                .map((rs, ctx) -> Map.entry(rs.getString("lesson_id"), rs.getInt("right_answers")))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private static int update(Handle handle, long learnerId, String lessonId, String quizId, String answer,
                              boolean correct, OffsetDateTime now) {
        return handle.createUpdate("UPDATE quiz_answers SET answer = :answer, correct = :correct, answered_at = :now "
                        + "WHERE learner_id = :learner AND lesson_id = :lesson AND quiz_id = :quiz")
                .bind("learner", learnerId)
                .bind("lesson", lessonId)
                .bind("quiz", quizId)
                .bind("answer", answer)
                .bind("correct", correct)
                .bind("now", now)
                .execute();
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && DUPLICATE_KEY.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A stored answer.
     *
     * @param answer the option names picked, comma-separated, or the text typed
     */
    public record Answer(String quizId, String answer, boolean correct) {
    }
}

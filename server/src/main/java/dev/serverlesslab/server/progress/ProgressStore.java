package dev.serverlesslab.server.progress;

import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.submission.Outcome;
import dev.serverlesslab.server.submission.SubmissionState;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** A learner's standing, read from their graded submissions: best score per exercise and their own attempts. */
public final class ProgressStore {

    private final Jdbi jdbi;

    public ProgressStore(Database database) {
        this.jdbi = database.jdbi();
    }

    /** The best score of each exercise the learner has a graded submission of, by exercise id. */
    public Map<String, ExerciseScore> scores(long learnerId) {
        List<ExerciseScore> scores = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT exercise_id, MAX(score) AS best, MAX(max_score) AS max_score, COUNT(*) AS attempts "
                                + "FROM submissions WHERE learner_id = :learner AND state = 'DONE' "
                                + "AND score IS NOT NULL GROUP BY exercise_id")
                .bind("learner", learnerId)
                .map((rs, ctx) -> new ExerciseScore(rs.getString("exercise_id"), rs.getInt("best"),
                        rs.getInt("max_score"), rs.getInt("attempts")))
                .list());
        return scores.stream().collect(Collectors.toMap(ExerciseScore::exerciseId, Function.identity()));
    }

    /** The learner's own submissions of one exercise, newest first, whatever their state. */
    public List<Attempt> history(long learnerId, String exerciseId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT id, created_at, state, outcome, score, max_score FROM submissions "
                                + "WHERE learner_id = :learner AND exercise_id = :exercise ORDER BY id DESC LIMIT :limit")
                .bind("learner", learnerId)
                .bind("exercise", exerciseId)
                .bind("limit", limit)
                .map((rs, ctx) -> {
                    String outcome = rs.getString("outcome");
                    Integer score = (Integer) rs.getObject("score", Integer.class);
                    Integer max = (Integer) rs.getObject("max_score", Integer.class);
                    return new Attempt(rs.getString("id"),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                            SubmissionState.valueOf(rs.getString("state")),
                            outcome == null ? null : Outcome.valueOf(outcome), score, max);
                })
                .list());
    }
}

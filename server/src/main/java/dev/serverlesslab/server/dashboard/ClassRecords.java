package dev.serverlesslab.server.dashboard;

import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.progress.Attempt;
import dev.serverlesslab.server.submission.Outcome;
import dev.serverlesslab.server.submission.SubmissionState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * What the dashboard reads about a class, straight from the {@code learners}, {@code accounts}, {@code cohorts} and
 * {@code submissions} tables: who the students are, their attempts, and the reports of their latest gradings.
 *
 * <p>Students are learners not linked to a staff account: every student account, and learners without an account
 * (solo mode's learner, JSON-era imports) once they have submitted something. A submission counts as graded while it
 * holds a verdict the platform stands by: an outcome, and not marked FAILED; one being re-graded keeps its old
 * verdict until the new one replaces it, so the matrix does not blank out during a re-grade.
 */
public final class ClassRecords {

    private static final String GRADED = "s.outcome IS NOT NULL AND s.state <> 'FAILED'";
    private static final String LEARNER_COLUMNS = "l.id AS learner_id, l.handle, l.display_name, "
            + "c.id AS cohort_id, c.name AS cohort_name";
    private static final String LEARNER_JOINS = " FROM learners l LEFT JOIN accounts a ON a.learner_id = l.id "
            + "LEFT JOIN cohorts c ON c.id = a.cohort_id";
    private static final String IS_STUDENT = "(a.role = 'STUDENT' OR a.id IS NULL)";

    private final Jdbi jdbi;

    public ClassRecords(Database database) {
        this.jdbi = database.jdbi();
    }

    /** Every cohort, by name. */
    public List<Cohort> cohorts() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id, name FROM cohorts ORDER BY name")
                .map((rs, ctx) -> new Cohort(rs.getLong("id"), rs.getString("name")))
                .list());
    }

    /** The students of the class, or of one cohort when {@code cohortId} is not null, by display name. */
    public List<Learner> students(Long cohortId) {
        String sql = "SELECT " + LEARNER_COLUMNS + ", (SELECT MAX(s.created_at) FROM submissions s "
                + "WHERE s.learner_id = l.id) AS last_activity" + LEARNER_JOINS
                + " WHERE (a.role = 'STUDENT' OR (a.id IS NULL AND EXISTS "
                + "(SELECT 1 FROM submissions x WHERE x.learner_id = l.id)))"
                + (cohortId == null ? "" : " AND a.cohort_id = :cohort")
                + " ORDER BY LOWER(l.display_name), l.handle";
        return jdbi.withHandle(handle -> {
            Query query = handle.createQuery(sql);
            if (cohortId != null) {
                query.bind("cohort", cohortId.longValue());
            }
            return query.map((rs, ctx) -> learner(rs, true)).list();
        });
    }

    /** Any learner by id (a student or not), with their last activity. */
    public Optional<Learner> learner(long learnerId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + LEARNER_COLUMNS
                        + ", (SELECT MAX(s.created_at) FROM submissions s WHERE s.learner_id = l.id) AS last_activity"
                        + LEARNER_JOINS + " WHERE l.id = :learner")
                .bind("learner", learnerId)
                .map((rs, ctx) -> learner(rs, true))
                .findOne());
    }

    /**
     * Per learner and exercise: how many attempts, the best graded score, whether any attempt passed, and how many
     * hint levels the learner opened.
     */
    public List<Tally> tallies() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT s.learner_id, s.exercise_id, COUNT(*) AS attempts, "
                        + "SUM(CASE WHEN " + GRADED + " THEN 1 ELSE 0 END) AS graded, "
                        + "MAX(CASE WHEN " + GRADED + " THEN s.score END) AS best, "
                        + "MAX(CASE WHEN " + GRADED + " THEN s.max_score END) AS max_score, "
                        + "SUM(CASE WHEN " + GRADED + " AND s.outcome = 'PASSED' THEN 1 ELSE 0 END) AS passes, "
                        + "(SELECT COUNT(*) FROM hints_opened h WHERE h.learner_id = s.learner_id "
                        + "AND h.exercise_id = s.exercise_id) AS hints "
                        + "FROM submissions s GROUP BY s.learner_id, s.exercise_id")
                .map((rs, ctx) -> new Tally(rs.getLong("learner_id"), rs.getString("exercise_id"),
                        rs.getInt("attempts"), rs.getInt("graded"), (Integer) rs.getObject("best", Integer.class),
                        (Integer) rs.getObject("max_score", Integer.class), rs.getInt("passes") > 0,
                        rs.getInt("hints")))
                .list());
    }

    /**
     * Submissions with their learners, newest first.
     *
     * @param studentsOnly leave out submissions of staff accounts
     * @param cohortId     only this cohort's, or null for every cohort and none
     * @param exerciseId   only this exercise's, or null for all
     * @param learnerId    only this learner's, or null for all
     * @param limit        at most this many, or 0 for all
     */
    public List<AttemptRow> attempts(boolean studentsOnly, Long cohortId, String exerciseId, Long learnerId, int limit) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> bindings = new LinkedHashMap<>();
        if (studentsOnly) {
            conditions.add(IS_STUDENT);
        }
        if (cohortId != null) {
            conditions.add("a.cohort_id = :cohort");
            bindings.put("cohort", cohortId);
        }
        if (exerciseId != null) {
            conditions.add("s.exercise_id = :exercise");
            bindings.put("exercise", exerciseId);
        }
        if (learnerId != null) {
            conditions.add("s.learner_id = :learner");
            bindings.put("learner", learnerId);
        }
        // Hint levels (the exercise's and every check's) the learner had opened when they submitted: each level's
        // row keeps its opened_at, so the count of a submission is read from it rather than stored a second time.
        String sql = "SELECT s.id, s.exercise_id, s.created_at, s.state, s.outcome, s.score, s.max_score, "
                + "(SELECT COUNT(*) FROM hints_opened h WHERE h.learner_id = s.learner_id "
                + "AND h.exercise_id = s.exercise_id AND h.opened_at <= s.created_at) AS hints, "
                + LEARNER_COLUMNS + " FROM submissions s JOIN learners l ON l.id = s.learner_id "
                + "LEFT JOIN accounts a ON a.learner_id = l.id LEFT JOIN cohorts c ON c.id = a.cohort_id"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY s.id DESC" + (limit > 0 ? " LIMIT " + limit : "");
        return jdbi.withHandle(handle -> {
            Query query = handle.createQuery(sql);
            bindings.forEach(query::bind);
            return query.map((rs, ctx) -> new AttemptRow(learner(rs, false), rs.getString("exercise_id"),
                    attempt(rs), rs.getInt("hints"))).list();
        });
    }

    /** The report of each learner's latest graded submission of an exercise, by learner id. */
    public Map<Long, GradingReport> latestReports(String exerciseId) {
        Map<Long, GradingReport> reports = new LinkedHashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("SELECT s.learner_id, s.report FROM submissions s WHERE s.id IN "
                        + "(SELECT MAX(s.id) FROM submissions s WHERE s.exercise_id = :exercise AND " + GRADED
                        + " AND s.report IS NOT NULL GROUP BY s.learner_id)")
                .bind("exercise", exerciseId)
                .map((rs, ctx) -> Map.entry(rs.getLong("learner_id"), rs.getString("report")))
                .forEach(row -> reports.put(row.getKey(), GradingReport.fromJson(row.getValue()))));
        return reports;
    }

    /**
     * The submissions of an exercise a re-grade may take, oldest first.
     *
     * @param latestOnly each learner's latest submission only, rather than every one
     */
    public List<Owned> submissionsOf(String exerciseId, boolean latestOnly) {
        String sql = latestOnly
                ? "SELECT id, learner_id FROM submissions WHERE id IN (SELECT MAX(id) FROM submissions "
                        + "WHERE exercise_id = :exercise GROUP BY learner_id) ORDER BY id"
                : "SELECT id, learner_id FROM submissions WHERE exercise_id = :exercise ORDER BY id";
        return jdbi.withHandle(handle -> handle.createQuery(sql)
                .bind("exercise", exerciseId)
                .map((rs, ctx) -> new Owned(rs.getString("id"), rs.getLong("learner_id")))
                .list());
    }

    private static Learner learner(ResultSet rs, boolean withActivity) throws SQLException {
        long cohortId = rs.getLong("cohort_id");
        Long cohort = rs.wasNull() ? null : cohortId;
        OffsetDateTime last = withActivity ? rs.getObject("last_activity", OffsetDateTime.class) : null;
        return new Learner(rs.getLong("learner_id"), rs.getString("handle"), rs.getString("display_name"), cohort,
                rs.getString("cohort_name"), last == null ? null : last.toInstant());
    }

    private static Attempt attempt(ResultSet rs) throws SQLException {
        String outcome = rs.getString("outcome");
        return new Attempt(rs.getString("id"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                SubmissionState.valueOf(rs.getString("state")), outcome == null ? null : Outcome.valueOf(outcome),
                (Integer) rs.getObject("score", Integer.class), (Integer) rs.getObject("max_score", Integer.class),
                null);
    }

    /** A class group students join by code. */
    public record Cohort(long id, String name) {
    }

    /**
     * A learner as the dashboard lists them.
     *
     * @param cohortId     null when they are in no cohort (solo mode, or not assigned yet)
     * @param lastActivity when they last submitted anything, or null if never (or not asked for)
     */
    public record Learner(long learnerId, String handle, String displayName, Long cohortId, String cohortName,
                          Instant lastActivity) {

        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(ZoneOffset.UTC);

        /** The cohort's name, or "—" for none. */
        public String cohort() {
            return cohortName == null ? "—" : cohortName;
        }

        /** When they last submitted, for people, or "never". */
        public String lastActivityText() {
            return lastActivity == null ? "never" : TIME.format(lastActivity);
        }
    }

    /**
     * One learner's standing in one exercise.
     *
     * @param graded how many attempts hold a verdict
     * @param best   the best graded score, null when none is graded
     * @param max    the most points a graded attempt could earn, null when none is graded
     * @param hints  how many hint levels of the exercise the learner opened
     */
    public record Tally(long learnerId, String exerciseId, int attempts, int graded, Integer best, Integer max,
                        boolean passed, int hints) {

        /** A tally of a learner who opened no hint. */
        public Tally(long learnerId, String exerciseId, int attempts, int graded, Integer best, Integer max,
                boolean passed) {
            this(learnerId, exerciseId, attempts, graded, best, max, passed, 0);
        }
    }

    /**
     * One submission with whose it is.
     *
     * @param hintsOpened how many hint levels of the exercise (its own and its checks') the learner had opened when
     *                    they made it
     */
    public record AttemptRow(Learner learner, String exerciseId, Attempt attempt, int hintsOpened) {
    }

    /** A submission's id and its learner, what a re-grade needs to queue it fairly. */
    public record Owned(String id, long learnerId) {
    }
}

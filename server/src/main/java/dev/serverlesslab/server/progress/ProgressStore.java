package dev.serverlesslab.server.progress;

import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.submission.Outcome;
import dev.serverlesslab.server.submission.SubmissionState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * A learner's standing: best score per exercise and their own attempts, read from their submissions, and the lessons
 * they opened ({@code lesson_reads}), so the outline can mark what is read and say where they left off.
 */
public final class ProgressStore {

    /** SQLSTATE of a unique-key violation, on H2 and PostgreSQL alike. */
    private static final String DUPLICATE_KEY = "23505";

    /**
     * How long opening the same lesson again may skip moving its last-read time: re-opening (a reload, a 304) writes
     * nothing within it, as long as the learner did nothing else in between, so the order of places stays true.
     */
    static final Duration READ_REFRESH = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final ProgressVersions versions;
    /** Per learner, the read this process last wrote: a repeat of it within {@link #READ_REFRESH} writes nothing. */
    private final Map<Long, LastRead> lastReads = new ConcurrentHashMap<>();

    private record LastRead(String lessonId, long version, Instant at) {
    }

    public ProgressStore(Database database) {
        this(database, Clock.systemUTC(), new ProgressVersions());
    }

    /** A store that timestamps lesson reads by {@code clock}. */
    public ProgressStore(Database database, Clock clock) {
        this(database, clock, new ProgressVersions());
    }

    /** @param versions bumped when a lesson is first read, so pages showing read marks are rendered again */
    public ProgressStore(Database database, Clock clock, ProgressVersions versions) {
        this.jdbi = database.jdbi();
        this.clock = clock;
        this.versions = versions;
    }

    /** The version of what pages show of the learner's progress ({@link ProgressVersions}). */
    public long version(long learnerId) {
        return versions.version(learnerId, this::hasPending);
    }

    /** Whether a submission of the learner is waiting or being graded, by any grader. */
    private boolean hasPending(long learnerId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM submissions "
                        + "WHERE learner_id = :learner AND state IN ('QUEUED', 'RUNNING')")
                .bind("learner", learnerId)
                .mapTo(Integer.class)
                .one()) > 0;
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

    /**
     * The learner's own submissions of one exercise, newest first, whatever their state; each knows the attempt
     * before it, even the oldest listed when {@code limit} cut the older ones off.
     */
    public List<Attempt> history(long learnerId, String exerciseId, int limit) {
        List<Attempt> rows = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT id, created_at, state, outcome, score, max_score FROM submissions "
                                + "WHERE learner_id = :learner AND exercise_id = :exercise ORDER BY id DESC LIMIT :limit")
                .bind("learner", learnerId)
                .bind("exercise", exerciseId)
                .bind("limit", limit + 1)
                .map((rs, ctx) -> attempt(rs))
                .list());
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, rows.size()); i++) {
            attempts.add(rows.get(i).withPrevious(i + 1 < rows.size() ? rows.get(i + 1).id() : null));
        }
        return attempts;
    }

    /** One submission as history shows it, whoever's it is: the caller has checked the viewer may read it. */
    public Optional<Attempt> attempt(String submissionId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT id, created_at, state, outcome, score, max_score FROM submissions WHERE id = :id")
                .bind("id", submissionId)
                .map((rs, ctx) -> attempt(rs))
                .findOne());
    }

    /** The id of the learner's attempt at the exercise just before {@code submissionId}, if there was one. */
    public Optional<String> previousAttempt(long learnerId, String exerciseId, String submissionId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM submissions "
                        + "WHERE learner_id = :learner AND exercise_id = :exercise AND id < :id ORDER BY id DESC LIMIT 1")
                .bind("learner", learnerId)
                .bind("exercise", exerciseId)
                .bind("id", submissionId)
                .mapTo(String.class)
                .findOne());
    }

    /**
     * Records that the learner opened a lesson now: the first time keeps its date, the latest moves. Safe when the
     * same learner opens the same lesson twice at once (two tabs): whichever insert loses the race updates instead.
     */
    public void recordRead(long learnerId, String lessonId) {
        Instant instant = clock.instant();
        LastRead last = lastReads.get(learnerId);
        if (last != null && last.lessonId().equals(lessonId) && last.version() == versions.peek(learnerId)
                && instant.isBefore(last.at().plus(READ_REFRESH))) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        boolean first = jdbi.withHandle(handle -> write(handle, learnerId, lessonId, now));
        if (first) {
            versions.changed(learnerId);
        }
        lastReads.put(learnerId, new LastRead(lessonId, versions.peek(learnerId), instant));
    }

    /** Moves the read's last time, or inserts it; true when this was the learner's first read of the lesson. */
    private static boolean write(Handle handle, long learnerId, String lessonId, OffsetDateTime now) {
        if (touch(handle, learnerId, lessonId, now) > 0) {
            return false;
        }
        // H2 and PostgreSQL both take a bare ON CONFLICT DO NOTHING (H2 knows no conflict target or DO UPDATE).
        // PostgreSQL waits for a concurrent insert and then does nothing; H2 may report the duplicate instead.
        int inserted;
        try {
            inserted = handle.createUpdate("INSERT INTO lesson_reads (learner_id, lesson_id, first_read_at, "
                            + "last_read_at) VALUES (:learner, :lesson, :now, :now) ON CONFLICT DO NOTHING")
                    .bind("learner", learnerId)
                    .bind("lesson", lessonId)
                    .bind("now", now)
                    .execute();
        } catch (UnableToExecuteStatementException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            inserted = 0;
        }
        if (inserted == 0) {
            touch(handle, learnerId, lessonId, now);
        }
        return inserted > 0;
    }

    /** The lessons the learner has opened, by id. */
    public Set<String> readLessons(long learnerId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT lesson_id FROM lesson_reads WHERE learner_id = :learner")
                .bind("learner", learnerId)
                .mapTo(String.class)
                .set());
    }

    /**
     * The places the learner was on most recently, latest first: lessons they opened and exercises they submitted,
     * each place once. The outline's "Continue" link goes to the first one the course still has.
     *
     * @param limit how many places of each kind to consider
     */
    public List<Place> recentPlaces(long learnerId, int limit) {
        List<Place> places = jdbi.withHandle(handle -> {
            List<Place> found = new ArrayList<>(handle.createQuery("SELECT lesson_id, last_read_at FROM lesson_reads "
                            + "WHERE learner_id = :learner ORDER BY last_read_at DESC LIMIT :limit")
                    .bind("learner", learnerId)
                    .bind("limit", limit)
                    .map((rs, ctx) -> new Place(Place.Kind.LESSON, rs.getString("lesson_id"),
                            rs.getObject("last_read_at", OffsetDateTime.class).toInstant()))
                    .list());
            found.addAll(handle.createQuery("SELECT exercise_id, MAX(created_at) AS latest FROM submissions "
                            + "WHERE learner_id = :learner GROUP BY exercise_id ORDER BY latest DESC LIMIT :limit")
                    .bind("learner", learnerId)
                    .bind("limit", limit)
                    .map((rs, ctx) -> new Place(Place.Kind.EXERCISE, rs.getString("exercise_id"),
                            rs.getObject("latest", OffsetDateTime.class).toInstant()))
                    .list());
            return found;
        });
        // Latest first; at the same instant the exercise wins, since one submits after reading.
        places.sort((a, b) -> {
            int byTime = b.at().compareTo(a.at());
            return byTime != 0 ? byTime : a.kind() == b.kind() ? 0 : a.kind() == Place.Kind.EXERCISE ? -1 : 1;
        });
        return places;
    }

    private static Attempt attempt(ResultSet rs) throws SQLException {
        String outcome = rs.getString("outcome");
        Integer score = (Integer) rs.getObject("score", Integer.class);
        Integer max = (Integer) rs.getObject("max_score", Integer.class);
        return new Attempt(rs.getString("id"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                SubmissionState.valueOf(rs.getString("state")), outcome == null ? null : Outcome.valueOf(outcome),
                score, max, null);
    }

    private static int touch(Handle handle, long learnerId, String lessonId, OffsetDateTime now) {
        return handle.createUpdate("UPDATE lesson_reads SET last_read_at = :now "
                        + "WHERE learner_id = :learner AND lesson_id = :lesson")
                .bind("now", now)
                .bind("learner", learnerId)
                .bind("lesson", lessonId)
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
     * Somewhere in the course a learner was.
     *
     * @param id a lesson id for {@link Kind#LESSON}, an exercise id for {@link Kind#EXERCISE}
     * @param at when they last opened the lesson or submitted to the exercise
     */
    public record Place(Kind kind, String id, Instant at) {

        /** What a place is. */
        public enum Kind { LESSON, EXERCISE }
    }
}

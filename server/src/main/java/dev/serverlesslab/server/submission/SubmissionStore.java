package dev.serverlesslab.server.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.learner.Learners;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Submissions in the database ({@code submissions} table): sources, state and, once graded, the report. Every
 * method is one committed statement, so a submission exists from the moment {@link #create} returns, before it is
 * queued, and survives a crash.
 */
public final class SubmissionStore {

    private static final String COLUMNS = "id, learner_id, exercise_id, created_at, state, error";
    private static final TypeReference<TreeMap<String, String>> FILES = new TypeReference<>() {
    };

    private final Jdbi jdbi;
    private final Clock clock;
    private final SubmissionIds ids;
    private final long soloLearner;
    private final ObjectMapper json = new ObjectMapper();

    /** A store in the embedded database under {@code dataDir} ({@link Database#embedded}), for one process. */
    public SubmissionStore(Path dataDir, Clock clock) {
        this(Database.embedded(dataDir), clock);
    }

    public SubmissionStore(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
        this.ids = new SubmissionIds(clock);
        this.soloLearner = new Learners(database).solo();
    }

    /** Stores the sources and a QUEUED record for the solo learner; committed when this returns. */
    public StoredSubmission create(String exerciseId, Submission submission) {
        return create(soloLearner, exerciseId, submission);
    }

    /** Stores the sources and a QUEUED record for a learner; committed when this returns. */
    public StoredSubmission create(long learnerId, String exerciseId, Submission submission) {
        String sources = toJson(submission.files());
        return jdbi.inTransaction(handle -> {
            String id = ids.next();
            while (exists(handle, id)) {
                id = ids.next();
            }
            StoredSubmission stored = new StoredSubmission(id, learnerId, exerciseId, clock.instant(), SubmissionState.QUEUED, null);
            insert(handle, stored, sources);
            return stored;
        });
    }

    /** The submission with this id, if there is one; ids that could not have come from this store find nothing. */
    public Optional<StoredSubmission> find(String id) {
        if (!SubmissionIds.isValid(id)) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM submissions WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    /** The files the learner submitted. */
    public Submission sources(String id) {
        String sources = jdbi.withHandle(handle -> handle.createQuery("SELECT sources FROM submissions WHERE id = :id")
                .bind("id", validId(id))
                .mapTo(String.class)
                .findOne())
                .orElseThrow(() -> new IllegalStateException("there is no submission " + id + " in the database"));
        return Submission.of(fromJson(sources));
    }

    /** Records a new state of a submission. */
    public void save(StoredSubmission submission) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE submissions SET state = :state, error = :error WHERE id = :id")
                .bind("state", submission.state().name())
                .bind("error", submission.error())
                .bind("id", validId(submission.id()))
                .execute());
    }

    /**
     * Sends a graded (DONE) or failed submission back to QUEUED for a re-grade, clearing its error; its report stays
     * until the new grading replaces it. One statement that only matches a finished submission, so two re-grades at
     * once queue it once.
     *
     * @return whether it was re-queued; false when it is unknown or still waiting or being graded
     */
    public boolean requeue(String id) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE submissions SET state = 'QUEUED', error = NULL "
                        + "WHERE id = :id AND state IN ('DONE', 'FAILED')")
                .bind("id", validId(id))
                .execute()) == 1;
    }

    /** Keeps the verdict of a grading with its submission, and its outcome and score for history and progress. */
    public void saveReport(String id, GradingReport report) {
        jdbi.useHandle(handle -> updateReport(handle, validId(id), report));
    }

    /** The verdict, once the submission has been graded. */
    public Optional<GradingReport> report(String id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT report FROM submissions WHERE id = :id")
                .bind("id", validId(id))
                .map((rs, ctx) -> rs.getString("report"))
                .findOne())
                .filter(report -> report != null)
                .map(GradingReport::fromJson);
    }

    /** Submissions a previous run accepted but did not finish grading (QUEUED or RUNNING), oldest first. */
    public List<StoredSubmission> recoverUnfinished() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM submissions "
                        + "WHERE state IN ('QUEUED', 'RUNNING') ORDER BY id")
                .map((rs, ctx) -> read(rs))
                .list());
    }

    /** The latest submissions of one exercise, of every learner, newest first. */
    public List<StoredSubmission> recent(String exerciseId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM submissions "
                        + "WHERE exercise_id = :exercise ORDER BY id DESC LIMIT :limit")
                .bind("exercise", exerciseId)
                .bind("limit", limit)
                .map((rs, ctx) -> read(rs))
                .list());
    }

    /** How many submissions are stored, of every learner and state. */
    public int count() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM submissions")
                .mapTo(Integer.class).one());
    }

    /** The learner solo mode submits as. */
    public long soloLearner() {
        return soloLearner;
    }

    /** Whether a submission with this id is stored, e.g. one imported earlier. */
    boolean contains(String id) {
        return jdbi.withHandle(handle -> exists(handle, id));
    }

    /** Stores a submission made elsewhere (the JSON-era folders) as it was, with its report if it was graded. */
    void insertAsIs(StoredSubmission submission, Map<String, String> files, GradingReport report) {
        jdbi.useTransaction(handle -> {
            insert(handle, submission, toJson(files));
            if (report != null) {
                updateReport(handle, submission.id(), report);
            }
        });
    }

    private static boolean exists(Handle handle, String id) {
        return handle.createQuery("SELECT COUNT(*) FROM submissions WHERE id = :id").bind("id", id)
                .mapTo(Integer.class).one() > 0;
    }

    private static void updateReport(Handle handle, String id, GradingReport report) {
        handle.createUpdate("UPDATE submissions SET report = :report, outcome = :outcome, score = :score, "
                        + "max_score = :maxScore WHERE id = :id")
                .bind("report", report.toJson())
                .bind("outcome", Outcome.of(report).name())
                .bind("score", report.score())
                .bind("maxScore", report.maxScore())
                .bind("id", id)
                .execute();
    }

    private static void insert(Handle handle, StoredSubmission stored, String sources) {
        handle.createUpdate("INSERT INTO submissions (id, learner_id, exercise_id, created_at, state, error, sources) "
                        + "VALUES (:id, :learner, :exercise, :created, :state, :error, :sources)")
                .bind("id", stored.id())
                .bind("learner", stored.learnerId())
                .bind("exercise", stored.exerciseId())
                .bind("created", OffsetDateTime.ofInstant(stored.createdAt(), ZoneOffset.UTC))
                .bind("state", stored.state().name())
                .bind("error", stored.error())
                .bind("sources", sources)
                .execute();
    }

    static StoredSubmission read(ResultSet rs) throws SQLException {
        Instant created = rs.getObject("created_at", OffsetDateTime.class).toInstant();
        return new StoredSubmission(rs.getString("id"), rs.getLong("learner_id"), rs.getString("exercise_id"), created,
                SubmissionState.valueOf(rs.getString("state")), rs.getString("error"));
    }

    private static String validId(String id) {
        if (!SubmissionIds.isValid(id)) {
            throw new IllegalArgumentException("not a submission id: " + id);
        }
        return id;
    }

    private String toJson(Map<String, String> files) {
        try {
            return json.writeValueAsString(new TreeMap<>(files));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> fromJson(String sources) {
        try {
            return json.readValue(sources, FILES);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the stored sources are not readable JSON", e);
        }
    }
}

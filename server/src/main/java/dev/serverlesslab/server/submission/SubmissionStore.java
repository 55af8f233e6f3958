package dev.serverlesslab.server.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.learner.Learners;
import dev.serverlesslab.server.progress.ProgressVersions;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
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
    private final ProgressVersions versions;
    private final Learners learners;
    /** The solo learner's id, read on first use: a store is made before a database opening in the background is done. */
    private volatile Long soloLearner;
    private final ObjectMapper json = new ObjectMapper();

    /** A store in the embedded database under {@code dataDir} ({@link Database#embedded}), for one process. */
    public SubmissionStore(Path dataDir, Clock clock) {
        this(Database.embedded(dataDir), clock);
    }

    public SubmissionStore(Database database, Clock clock) {
        this(database, clock, new ProgressVersions());
    }

    /**
     * @param versions told of every submission queued (created or re-graded): its learner's scores change once it is
     *                 graded, here or by a {@code lab worker}
     */
    public SubmissionStore(Database database, Clock clock, ProgressVersions versions) {
        this.versions = versions;
        this.jdbi = database.jdbi();
        this.clock = clock;
        this.ids = new SubmissionIds(clock);
        this.learners = new Learners(database);
    }

    /** Stores the sources and a QUEUED record for the solo learner; committed when this returns. */
    public StoredSubmission create(String exerciseId, Submission submission) {
        return create(soloLearner(), exerciseId, submission);
    }

    /** Stores the sources and a QUEUED record for a learner; committed when this returns. */
    public StoredSubmission create(long learnerId, String exerciseId, Submission submission) {
        String sources = toJson(submission.files());
        StoredSubmission created = jdbi.inTransaction(handle -> {
            String id = ids.next();
            while (exists(handle, id)) {
                id = ids.next();
            }
            StoredSubmission stored = new StoredSubmission(id, learnerId, exerciseId, clock.instant(), SubmissionState.QUEUED, null);
            insert(handle, stored, sources);
            return stored;
        });
        // After the commit: a page that reads the learner's progress after this sees the submission pending.
        versions.submitted(learnerId);
        return created;
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

    /**
     * Records a new state of a submission. Setting one back to QUEUED (a re-grade) starts it afresh for the graders:
     * no claim, no lost attempts, no old progress; then {@link GradingQueue#enqueue} wakes them.
     */
    public void save(StoredSubmission submission) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE submissions SET state = :state, error = :error, "
                        + "worker_id = CASE WHEN :state = 'QUEUED' THEN NULL ELSE worker_id END, "
                        + "attempts = CASE WHEN :state = 'QUEUED' THEN 0 ELSE attempts END, "
                        + "progress = CASE WHEN :state = 'RUNNING' THEN progress ELSE NULL END WHERE id = :id")
                .bind("state", submission.state().name())
                .bind("error", submission.error())
                .bind("id", validId(submission.id()))
                .execute());
        versions.submitted(submission.learnerId());
    }

    /**
     * Sends a graded (DONE) or failed submission back to QUEUED for a re-grade, clearing its error; its report stays
     * until the new grading replaces it. One statement that only matches a finished submission, so two re-grades at
     * once queue it once.
     *
     * @return whether it was re-queued; false when it is unknown or still waiting or being graded
     */
    public boolean requeue(String id) {
        boolean requeued = jdbi.withHandle(handle -> handle.createUpdate("UPDATE submissions SET state = 'QUEUED', "
                        + "error = NULL, worker_id = NULL, attempts = 0, progress = NULL "
                        + "WHERE id = :id AND state IN ('DONE', 'FAILED')")
                .bind("id", validId(id))
                .execute()) == 1;
        if (requeued) {
            find(id).ifPresent(found -> versions.submitted(found.learnerId()));
        }
        return requeued;
    }

    /** Keeps the verdict of a grading with its submission, and its outcome and score for history and progress. */
    public void saveReport(String id, GradingReport report) {
        jdbi.useHandle(handle -> updateReport(handle, validId(id), report));
        find(id).ifPresent(found -> versions.submitted(found.learnerId()));
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

    /**
     * Claims the next submission to grade for {@code workerId}, fairly between learners: only learners with nothing
     * RUNNING are served (one grading per learner at a time), the one served longest ago first (one never served
     * before anyone), and of that learner the oldest QUEUED submission. The claimed row becomes RUNNING with the
     * worker, the claim time and a first heartbeat, and its attempt counter goes up.
     *
     * <p>Shared by every grader on the database, so it must be safe when several claim at once. The learner's row is
     * locked with {@code FOR UPDATE SKIP LOCKED} (PostgreSQL, and H2 2.x, which accepts it too): a grader claiming for
     * one learner makes the others skip that learner rather than wait, and two gradings of one learner never start
     * together. The submission itself is then taken with a conditional {@code UPDATE … WHERE state = 'QUEUED'}, so
     * even a re-grade or a reclaim racing with the claim cannot make two claims of one row.
     *
     * @return the claim, or empty when nothing can be claimed now
     */
    public Optional<GradingClaim> claimNext(String workerId) {
        // A few tries: the learner locked may have lost their last queued submission in the meantime.
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Optional<GradingClaim>> tried = jdbi.inTransaction(handle -> tryClaim(handle, workerId));
            if (tried.isPresent()) {
                return tried.get();
            }
        }
        return Optional.empty();
    }

    /** @return empty to try again, a claim, or an empty claim when no learner is waiting */
    private Optional<Optional<GradingClaim>> tryClaim(Handle handle, String workerId) {
        Optional<Long> learner = handle.createQuery("SELECT l.id FROM learners l "
                        + "WHERE EXISTS (SELECT 1 FROM submissions q WHERE q.learner_id = l.id AND q.state = 'QUEUED') "
                        + "AND NOT EXISTS (SELECT 1 FROM submissions r WHERE r.learner_id = l.id AND r.state = 'RUNNING') "
                        + "ORDER BY l.last_claimed_at NULLS FIRST, "
                        + "(SELECT MIN(f.created_at) FROM submissions f WHERE f.learner_id = l.id AND f.state = 'QUEUED'), l.id "
                        + "LIMIT 1 FOR UPDATE SKIP LOCKED")
                .mapTo(Long.class)
                .findOne();
        if (learner.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        // A new statement under the lock sees every claim committed before it, so the rule is checked again here.
        Optional<String> next = handle.createQuery("SELECT id FROM submissions WHERE learner_id = :learner "
                        + "AND state = 'QUEUED' AND NOT EXISTS (SELECT 1 FROM submissions r "
                        + "WHERE r.learner_id = :learner AND r.state = 'RUNNING') ORDER BY created_at, id LIMIT 1")
                .bind("learner", learner.get())
                .mapTo(String.class)
                .findOne();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        OffsetDateTime now = now();
        int claimed = handle.createUpdate("UPDATE submissions SET state = 'RUNNING', error = NULL, progress = NULL, "
                        + "worker_id = :worker, claimed_at = :now, heartbeat_at = :now, attempts = attempts + 1 "
                        + "WHERE id = :id AND state = 'QUEUED'")
                .bind("worker", workerId)
                .bind("now", now)
                .bind("id", next.get())
                .execute();
        if (claimed == 0) {
            return Optional.empty();
        }
        handle.createUpdate("UPDATE learners SET last_claimed_at = :now WHERE id = :learner")
                .bind("now", now)
                .bind("learner", learner.get())
                .execute();
        int attempts = handle.createQuery("SELECT attempts FROM submissions WHERE id = :id")
                .bind("id", next.get()).mapTo(Integer.class).one();
        StoredSubmission submission = handle.createQuery("SELECT " + COLUMNS + " FROM submissions WHERE id = :id")
                .bind("id", next.get()).map((rs, ctx) -> read(rs)).one();
        return Optional.of(Optional.of(new GradingClaim(submission, workerId, attempts)));
    }

    /** Says that {@code workerId} is alive and still grading every submission it holds; returns how many. */
    public int heartbeat(String workerId) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE submissions SET heartbeat_at = :now "
                        + "WHERE worker_id = :worker AND state = 'RUNNING'")
                .bind("now", now())
                .bind("worker", workerId)
                .execute());
    }

    /**
     * Takes back every RUNNING submission whose grader has not sent a heartbeat since {@code heartbeatTimeout} ago
     * (or never did, e.g. left RUNNING by a version without heartbeats): back to QUEUED for another grader, or FAILED
     * with a cause saying so once {@code maxAttempts} claims were lost. Any grader or web app may call this; it is
     * harmless when several do.
     */
    public Reclaimed reclaimAbandoned(Duration heartbeatTimeout, int maxAttempts) {
        return reclaim("state = 'RUNNING' AND (heartbeat_at IS NULL OR heartbeat_at < :cutoff)",
                Map.of("cutoff", now().minus(heartbeatTimeout)), maxAttempts);
    }

    /**
     * Takes back every RUNNING submission not held by {@code workerId}, as {@link #reclaimAbandoned} does, whatever
     * its heartbeat: for a process that knows it is the database's only grader (the embedded H2 file is one
     * process's alone), so anything else RUNNING was left by an earlier run that stopped.
     */
    public Reclaimed reclaimAllBut(String workerId, int maxAttempts) {
        return reclaim("state = 'RUNNING' AND (worker_id IS NULL OR worker_id <> :me)", Map.of("me", workerId),
                maxAttempts);
    }

    private Reclaimed reclaim(String stale, Map<String, Object> bindings, int maxAttempts) {
        return jdbi.inTransaction(handle -> {
            int failed = handle.createUpdate("UPDATE submissions SET state = 'FAILED', error = :error, progress = NULL "
                            + "WHERE " + stale + " AND attempts >= :max")
                    .bindMap(bindings)
                    .bind("max", maxAttempts)
                    .bind("error", "The platform lost the grader of this submission " + maxAttempts + " times (the "
                            + "grading machine stopped, or lost the database, while grading it), so it stopped trying. "
                            + "If your code could crash or exhaust the machine that runs it, look at that first; "
                            + "otherwise run the checks again, and tell the course staff if it happens again. Your "
                            + "code is kept.")
                    .execute();
            int requeued = handle.createUpdate("UPDATE submissions SET state = 'QUEUED', worker_id = NULL, "
                            + "progress = NULL WHERE " + stale + " AND attempts < :max")
                    .bindMap(bindings)
                    .bind("max", maxAttempts)
                    .execute();
            return new Reclaimed(requeued, failed);
        });
    }

    /** What {@link #reclaimAbandoned} did: submissions back in the queue, and those given up on. */
    public record Reclaimed(int requeued, int failed) {
    }

    /**
     * Puts a submission this claim holds back in the queue without counting the attempt as lost, e.g. when its worker
     * stops cleanly in the middle of it.
     *
     * @return false when the claim is no longer held (the submission was taken back or finished)
     */
    public boolean release(GradingClaim claim) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE submissions SET state = 'QUEUED', "
                        + "worker_id = NULL, progress = NULL, attempts = attempts - 1 WHERE " + HELD)
                .bindMap(held(claim))
                .execute()) == 1;
    }

    /** Records the live progress of a grading (StatusView.Lines as JSON), if the claim is still held. */
    public boolean saveProgress(GradingClaim claim, StatusView.Lines lines) {
        String progress;
        try {
            progress = json.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE submissions SET progress = :progress, "
                        + "heartbeat_at = :now WHERE " + HELD)
                .bindMap(held(claim))
                .bind("progress", progress)
                .bind("now", now())
                .execute()) == 1;
    }

    /** The live progress last written for a RUNNING submission, by whichever process grades it. */
    public Optional<StatusView.Lines> progress(String id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT progress FROM submissions WHERE id = :id "
                        + "AND state = 'RUNNING'")
                .bind("id", validId(id))
                .map((rs, ctx) -> rs.getString("progress"))
                .findOne())
                .filter(progress -> progress != null)
                .map(progress -> {
                    try {
                        return json.readValue(progress, StatusView.Lines.class);
                    } catch (JsonProcessingException e) {
                        throw new UncheckedIOException("the stored progress of " + id + " is not readable JSON", e);
                    }
                });
    }

    /**
     * Records the verdict and DONE, only if the claim is still held: the one way a grading's result gets in, so a
     * submission is graded exactly once in the record even when a grader presumed dead finishes after all.
     *
     * @return false when the claim was no longer held and nothing was written
     */
    public boolean finish(GradingClaim claim, GradingReport report) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE submissions SET state = 'DONE', error = NULL, "
                        + "progress = NULL, report = :report, outcome = :outcome, score = :score, "
                        + "max_score = :maxScore WHERE " + HELD)
                .bindMap(held(claim))
                .bind("report", report.toJson())
                .bind("outcome", Outcome.of(report).name())
                .bind("score", report.score())
                .bind("maxScore", report.maxScore())
                .execute()) == 1;
    }

    /** Records FAILED with why, only if the claim is still held ({@link #finish}). */
    public boolean fail(GradingClaim claim, String error) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE submissions SET state = 'FAILED', error = :error, "
                        + "progress = NULL WHERE " + HELD)
                .bindMap(held(claim))
                .bind("error", error)
                .execute()) == 1;
    }

    /** Whether a submission is still waiting or being graded, by any grader. */
    public boolean isPending(String id) {
        return find(id).map(found -> !found.state().finished()).orElse(false);
    }

    /**
     * How many QUEUED submissions will be claimed before this one if nothing else arrives, by the order of
     * {@link #claimNext}: learners in turn (those with a grading running last, where they rejoin), each giving one
     * submission per round, their own in order. Empty when the submission is not QUEUED.
     */
    public OptionalInt ahead(String id) {
        if (!SubmissionIds.isValid(id)) {
            return OptionalInt.empty();
        }
        return jdbi.inTransaction(handle -> {
            // In arrival order (created_at: ids made within one millisecond do not sort by arrival), keyed by learner
            // in the order of their oldest waiting submission.
            Map<Long, List<String>> waiting = new LinkedHashMap<>();
            handle.createQuery("SELECT id, learner_id FROM submissions WHERE state = 'QUEUED' ORDER BY created_at, id")
                    .map((rs, ctx) -> Map.entry(rs.getLong("learner_id"), rs.getString("id")))
                    .forEach(row -> waiting.computeIfAbsent(row.getKey(), key -> new ArrayList<>()).add(row.getValue()));
            Long owner = waiting.entrySet().stream().filter(e -> e.getValue().contains(id)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
            if (owner == null) {
                return OptionalInt.empty();
            }
            Set<Long> running = new HashSet<>(handle.createQuery("SELECT DISTINCT learner_id FROM submissions "
                    + "WHERE state = 'RUNNING'").mapTo(Long.class).list());
            Map<Long, Instant> served = new HashMap<>();
            handle.createQuery("SELECT id, last_claimed_at FROM learners WHERE last_claimed_at IS NOT NULL")
                    .map((rs, ctx) -> Map.entry(rs.getLong("id"),
                            rs.getObject("last_claimed_at", OffsetDateTime.class).toInstant()))
                    .forEach(row -> served.put(row.getKey(), row.getValue()));
            List<Long> order = new ArrayList<>(waiting.keySet());
            order.sort(Comparator.<Long, Boolean>comparing(running::contains)
                    .thenComparing(learner -> served.get(learner), Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(List.copyOf(waiting.keySet())::indexOf));
            int position = order.indexOf(owner);
            int index = waiting.get(owner).indexOf(id);
            int ahead = 0;
            for (int other = 0; other < order.size(); other++) {
                int theirs = waiting.get(order.get(other)).size();
                // In each round every learner with a submission left gives one; those before ours in turn go first.
                ahead += Math.min(theirs, other < position ? index + 1 : index);
            }
            return OptionalInt.of(ahead);
        });
    }

    private static final String HELD = "id = :id AND state = 'RUNNING' AND worker_id = :worker AND attempts = :attempt";

    private static Map<String, Object> held(GradingClaim claim) {
        return Map.of("id", validId(claim.id()), "worker", claim.workerId(), "attempt", claim.attempt());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
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
        Long id = soloLearner;
        if (id == null) {
            id = learners.solo();
            soloLearner = id;
        }
        return id;
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

package dev.serverlesslab.server.submission;

import dev.serverlesslab.graders.run.CheckTallies;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.server.account.Viewer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grades stored submissions on a number of worker threads in this process, taking them from the database, which is
 * the queue every grader shares: the web app's own workers and any {@code lab worker} processes on other machines
 * ({@link SubmissionStore#claimNext}: round-robin between learners, at most one grading running per learner). Each
 * claim is kept alive by a heartbeat; a claim whose grader went silent is taken back by any queue
 * ({@link SubmissionStore#reclaimAbandoned}), and a result is only recorded by the holder of the claim, so each
 * submission is graded exactly once in the record. Live progress goes to the submission's row (at most a few writes a
 * second), so status pages show it whatever process grades.
 *
 * <p>Each grading runs on a thread of its own under a deadline ({@link GradingDeadline}): one that overruns is
 * interrupted and left behind, its submission marked failed, and its worker moves on to the next.
 */
public final class GradingQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GradingQueue.class);

    private final SubmissionStore store;
    private final Supplier<ExerciseCatalog> catalog;
    private final Grading grader;
    private final Function<Exercise, Duration> deadline;
    private final Settings settings;
    private final String workerId;
    private final AtomicInteger gradingThreads = new AtomicInteger();
    private final ExecutorService gradings = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "grading-" + gradingThreads.incrementAndGet());
        // A grading that ignores interruption after its deadline must not keep the server from exiting.
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService workers;
    private final int workerCount;
    private final ScheduledExecutorService upkeep;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    /** Bumped whenever there may be something new to claim, so idle workers look now rather than at their next poll. */
    private final Object news = new Object();
    private long newsCount;
    private volatile boolean closing;

    /**
     * A queue with one worker.
     *
     * @param grader grades one submission, normally {@code new Grader(backend)::grade}
     */
    public GradingQueue(SubmissionStore store, ExerciseCatalog catalog, Grading grader) {
        this(store, catalog, grader, new GradingDeadline(new CheckTallies())::of, 1);
    }

    /**
     * A queue with one worker.
     *
     * @param deadline how long a grading of an exercise may take in all, normally {@link GradingDeadline#of}
     */
    public GradingQueue(SubmissionStore store, ExerciseCatalog catalog, Grading grader,
                        Function<Exercise, Duration> deadline) {
        this(store, catalog, grader, deadline, 1);
    }

    /**
     * A queue on a database only this process uses (the embedded default), with the default settings.
     *
     * @param deadline how long a grading of an exercise may take in all, normally {@link GradingDeadline#of}
     * @param workers  how many submissions are graded at once, at least 1 (see {@link GradingWorkers})
     */
    public GradingQueue(SubmissionStore store, ExerciseCatalog catalog, Grading grader,
                        Function<Exercise, Duration> deadline, int workers) {
        this(store, catalog, grader, deadline, checkAtLeastOne(workers), Settings.exclusive());
    }

    /**
     * @param workers  how many submissions this process grades at once; 0 grades nothing here (external
     *                 {@code lab worker} processes do) but still takes back abandoned claims and answers status
     * @param settings heartbeats, timeouts and who this worker is
     */
    public GradingQueue(SubmissionStore store, ExerciseCatalog catalog, Grading grader,
                        Function<Exercise, Duration> deadline, int workers, Settings settings) {
        this(store, () -> catalog, grader, deadline, workers, settings);
    }

    /**
     * As {@link #GradingQueue(SubmissionStore, ExerciseCatalog, Grading, Function, int, Settings)}, grading against
     * whatever the course's exercises are when a submission is claimed (they change under live reload).
     */
    public GradingQueue(SubmissionStore store, Supplier<ExerciseCatalog> catalog, Grading grader,
                        Function<Exercise, Duration> deadline, int workers, Settings settings) {
        if (workers < 0) {
            throw new IllegalArgumentException("a grading queue cannot have " + workers + " workers");
        }
        this.store = store;
        this.catalog = catalog;
        this.grader = grader;
        this.deadline = deadline;
        this.settings = settings;
        this.workerId = settings.workerName() + "/" + HexFormat.of().formatHex(randomBytes());
        this.workerCount = workers;
        AtomicInteger workerThreads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, workers), task -> {
            Thread thread = new Thread(task, "grading-worker-" + workerThreads.incrementAndGet());
            // A server that forgot to close the queue must still be able to exit.
            thread.setDaemon(true);
            return thread;
        });
        this.upkeep = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "grading-upkeep");
            thread.setDaemon(true);
            return thread;
        });
        upkeep.scheduleWithFixedDelay(() -> quietly("heartbeat", this::heartbeatAndReclaim),
                settings.heartbeatEvery().toMillis(), settings.heartbeatEvery().toMillis(), TimeUnit.MILLISECONDS);
        upkeep.scheduleWithFixedDelay(() -> quietly("progress", this::writeProgress),
                settings.progressEvery().toMillis(), settings.progressEvery().toMillis(), TimeUnit.MILLISECONDS);
        for (int i = 0; i < workers; i++) {
            this.workers.execute(this::work);
        }
    }

    private static int checkAtLeastOne(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("a grading queue needs at least one worker, got " + workers);
        }
        return workers;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /**
     * Takes back what a previous run left RUNNING: on a database only this process uses, every such claim is
     * abandoned and goes back to the queue now; on a shared one, only claims whose heartbeat stopped (the same sweep
     * runs every {@link Settings#heartbeatEvery()}). QUEUED submissions need nothing: the workers find them.
     */
    public void start() {
        SubmissionStore.Reclaimed reclaimed = settings.exclusiveDatabase()
                ? store.reclaimAllBut(workerId, settings.maxAttempts())
                : store.reclaimAbandoned(settings.heartbeatTimeout(), settings.maxAttempts());
        if (reclaimed.requeued() + reclaimed.failed() > 0) {
            LOG.info("re-queued {} submission(s) left running by an earlier run, gave up on {}", reclaimed.requeued(),
                    reclaimed.failed());
        }
        wake();
    }

    /**
     * Has a stored QUEUED submission graded: it already waits in the database, behind its learner's earlier ones,
     * for whichever grader claims it; this wakes this process's idle workers so it need not wait for their next look.
     *
     * @param learner who sent it ({@link Viewer#fairnessKey()}); fairness is kept by the submission's learner in the
     *                database, so this is only for the log
     */
    public void enqueue(String submissionId, String learner) {
        LOG.debug("submission {} of {} queued", submissionId, learner);
        wake();
    }

    /** How many waiting submissions will be graded before this one; empty once it runs or is finished. */
    public OptionalInt ahead(String submissionId) {
        return store.ahead(submissionId);
    }

    /** True while a submission is queued or being graded, here or by another grader. */
    public boolean isPending(String submissionId) {
        return store.isPending(submissionId);
    }

    /**
     * Where the grading of a queued or running submission stands, whatever process grades it (this one's memory is
     * the freshest when it grades it here); empty once it is finished.
     */
    public Optional<StatusView.Lines> progress(String submissionId) {
        Running here = running.get(submissionId);
        if (here != null) {
            return Optional.of(here.progress().lines());
        }
        Optional<StoredSubmission> submission = store.find(submissionId);
        if (submission.isEmpty() || submission.get().state().finished()) {
            return Optional.empty();
        }
        return Optional.of(store.progress(submissionId).orElseGet(StatusView::noLines));
    }

    /** This queue's name in the {@code worker_id} of the submissions it claims. */
    public String workerId() {
        return workerId;
    }

    private void wake() {
        synchronized (news) {
            newsCount++;
            news.notifyAll();
        }
    }

    private void work() {
        while (!closing) {
            long seen;
            synchronized (news) {
                seen = newsCount;
            }
            Optional<GradingClaim> claim;
            try {
                claim = store.claimNext(workerId);
            } catch (RuntimeException e) {
                if (closing) {
                    return;
                }
                LOG.warn("could not claim a submission to grade ({}); trying again shortly", e.getMessage());
                claim = Optional.empty();
            }
            if (claim.isPresent()) {
                try {
                    grade(claim.get());
                } finally {
                    // The learner's next submission may be claimed now, by this worker or another.
                    wake();
                }
                continue;
            }
            try {
                synchronized (news) {
                    if (newsCount == seen) {
                        news.wait(settings.idlePoll().toMillis());
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void grade(GradingClaim claim) {
        String id = claim.id();
        Progress progress = new Progress();
        running.put(id, new Running(claim, progress, new AtomicLong()));
        StoredSubmission submission = claim.submission();
        long started = System.nanoTime();
        settings.events().accept("grading " + id + " (" + submission.exerciseId() + ", learner " + submission.learnerId()
                + ", attempt " + claim.attempt() + ")");
        try {
            Exercise exercise = exerciseOf(submission);
            Duration limit = deadline.apply(exercise);
            GradingReport report = gradeWithin(limit, exercise, store.sources(id), progress);
            if (report == null) {
                if (!closing) {
                    markFailed(claim, limit, progress);
                }
                return;
            }
            if (closing && report.status() == Status.ERROR) {
                // Most likely cut short by the shutdown itself: close() puts it back in the queue.
                return;
            }
            if (store.finish(claim, report)) {
                settings.events().accept("graded " + id + ": " + report.status().name().toLowerCase(Locale.ROOT) + " "
                        + report.score() + "/" + report.maxScore() + " in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
            } else {
                LOG.warn("submission {} was taken back from this worker while it graded it (heartbeats lost?); its "
                        + "verdict here is dropped, the grader holding it now records one", id);
                settings.events().accept("dropped the verdict of " + id + ": no longer held by this worker");
            }
        } catch (RuntimeException | Error e) {
            if (closing) {
                return;
            }
            LOG.error("grading submission {} failed", id, e);
            markFailed(claim, e);
        } finally {
            running.remove(id);
            if (closing) {
                // Cut short by close(): back to the queue now, not after a heartbeat timeout. A no-op if recorded.
                releaseQuietly(claim);
            }
        }
    }

    private void releaseQuietly(GradingClaim claim) {
        try {
            if (store.release(claim)) {
                settings.events().accept("put " + claim.id() + " back in the queue");
            }
        } catch (RuntimeException e) {
            LOG.warn("could not put submission {} back in the queue ({}); it is taken back once its heartbeat is "
                    + "{} s old", claim.id(), e.getMessage(), settings.heartbeatTimeout().toSeconds());
        }
    }

    /** @return the report, or null when the grading overran its deadline or the queue is closing */
    private GradingReport gradeWithin(Duration limit, Exercise exercise, Submission sources, Progress progress) {
        Future<GradingReport> grading = gradings.submit(() -> grader.grade(exercise, sources, progress));
        try {
            return grading.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("grading of {} overran its {} s deadline in stage {}; interrupting it and moving on",
                    exercise.id(), limit.toSeconds(), progress.currentStage().map(Stage::label).orElse("(none)"));
            grading.cancel(true);
            return null;
        } catch (InterruptedException e) {
            // close() interrupts the worker: stop the grading too, and leave the submission RUNNING for the next start.
            grading.cancel(true);
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private void markFailed(GradingClaim claim, Duration limit, Progress progress) {
        String where = progress.currentStage()
                .map(stage -> " during the '" + stage.label() + "' stage"
                        + Optional.ofNullable(progress.lines().currentCheck())
                                .map(check -> " (check '" + check + "')").orElse(""))
                .orElse("");
        String error = "Grading stopped: it took longer than " + describe(limit) + ", the limit for this exercise, and "
                + "was still running" + where + ". If your handler can loop or wait forever, make sure it returns "
                + "within the function's timeout; otherwise run the checks again, and tell the course staff if it "
                + "happens again. Your code is kept.";
        recordFailure(claim, error);
    }

    private static String describe(Duration limit) {
        long minutes = limit.toMinutes();
        long seconds = limit.toSecondsPart();
        if (minutes == 0) {
            return limit.toMillis() < 1000 ? limit.toMillis() + " ms" : limit.toSeconds() + " s";
        }
        return minutes + (minutes == 1 ? " minute" : " minutes") + (seconds == 0 ? "" : " " + seconds + " s");
    }

    private Exercise exerciseOf(StoredSubmission submission) {
        return catalog.get().find(submission.exerciseId()).orElseThrow(() -> new IllegalStateException(
                "exercise '" + submission.exerciseId() + "' is no longer in the course content"));
    }

    private void markFailed(GradingClaim claim, Throwable cause) {
        String error = "The platform could not grade this submission: " + describe(cause)
                + ". Your code is kept: run the checks again, and tell the course staff if this happens again.";
        recordFailure(claim, error);
    }

    private void recordFailure(GradingClaim claim, String error) {
        try {
            if (store.fail(claim, error)) {
                settings.events().accept("could not grade " + claim.id() + ": " + error);
            }
        } catch (RuntimeException e) {
            // Left RUNNING: once this worker stops heart-beating for it, another takes it back.
            LOG.error("could not record the failure of submission {}", claim.id(), e);
        }
    }

    /** Heartbeats for this worker's claims, then takes back anybody's claims whose heartbeats stopped. */
    private void heartbeatAndReclaim() {
        if (workerCount > 0) {
            store.heartbeat(workerId);
        }
        SubmissionStore.Reclaimed reclaimed = store.reclaimAbandoned(settings.heartbeatTimeout(), settings.maxAttempts());
        if (reclaimed.requeued() + reclaimed.failed() > 0) {
            settings.events().accept("took back " + reclaimed.requeued() + " submission(s) whose grader went silent"
                    + (reclaimed.failed() > 0 ? ", gave up on " + reclaimed.failed() + " after "
                    + settings.maxAttempts() + " lost attempts" : ""));
            wake();
        }
    }

    /** Writes the progress of gradings that changed since the last write, at most once per {@link Settings#progressEvery()}. */
    private void writeProgress() {
        for (Running each : running.values()) {
            long changes = each.progress().changes();
            if (changes != each.written().get()) {
                store.saveProgress(each.claim(), each.progress().lines());
                each.written().set(changes);
            }
        }
    }

    private void quietly(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            if (!closing) {
                LOG.warn("grading {} failed this time ({}); trying again at the next tick", what, e.getMessage());
            }
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /**
     * Stops the workers and puts the submissions they were grading back in the queue (not counted as lost attempts),
     * for another grader or the next start; a grading that ignores its interruption is left behind, and its late
     * verdict is not recorded.
     */
    @Override
    public void close() {
        closing = true;
        wake();
        upkeep.shutdownNow();
        workers.shutdownNow();
        gradings.shutdownNow();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("a grading worker did not stop within 30 s; its submission goes back to the queue anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Gradings that ignored their interruption: their claims go back too, and their late verdicts are refused.
        running.values().forEach(each -> releaseQuietly(each.claim()));
        running.clear();
    }

    /** A grading this process holds the claim of, with what it has done so far and how much of it was written. */
    private record Running(GradingClaim claim, Progress progress, AtomicLong written) {
    }

    /**
     * How a queue takes part in the shared queue.
     *
     * @param workerName        names this process in {@code worker_id} (a random suffix makes each queue unique)
     * @param exclusiveDatabase true when no other process uses the database (the embedded H2 file), so whatever is
     *                          RUNNING at {@link #start()} was abandoned by an earlier run and is re-queued at once
     * @param heartbeatEvery    how often this process says its claims are alive, and looks for abandoned ones
     * @param heartbeatTimeout  how old a claim's heartbeat may get before any queue takes the claim back
     * @param maxAttempts       claims a submission may lose before it is failed, saying so
     * @param idlePoll          how often an idle worker looks for new submissions (this process's own wake it at once)
     * @param progressEvery     how often live progress is written to the database, at most
     * @param events            one line per grading started, finished or taken back, e.g. for {@code lab worker}'s
     *                          console
     */
    public record Settings(String workerName, boolean exclusiveDatabase, Duration heartbeatEvery,
                           Duration heartbeatTimeout, int maxAttempts, Duration idlePoll, Duration progressEvery,
                           Consumer<String> events) {

        /** 30 s without a heartbeat (sent every 5) means the grader is gone: long enough for a GC pause or a slow
         * database moment, short enough that a learner whose grader died waits half a minute more, not forever. */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
        public static final int DEFAULT_MAX_ATTEMPTS = 3;

        public Settings {
            if (heartbeatEvery.isNegative() || heartbeatEvery.isZero() || heartbeatTimeout.compareTo(heartbeatEvery) <= 0) {
                throw new IllegalArgumentException("the heartbeat timeout (" + heartbeatTimeout + ") must be longer "
                        + "than the time between heartbeats (" + heartbeatEvery + ")");
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
            }
        }

        /** The web app on its embedded database: the only grader there is. */
        public static Settings exclusive() {
            return new Settings(defaultWorkerName(), true, Duration.ofSeconds(5), DEFAULT_TIMEOUT, DEFAULT_MAX_ATTEMPTS,
                    Duration.ofSeconds(1), Duration.ofMillis(250), line -> LOG.debug(line));
        }

        /** One of several graders on a shared database (PostgreSQL), with the default heartbeat timeout. */
        public static Settings shared() {
            return exclusive().withExclusive(false);
        }

        public Settings withExclusive(boolean exclusive) {
            return new Settings(workerName, exclusive, heartbeatEvery, heartbeatTimeout, maxAttempts, idlePoll,
                    progressEvery, events);
        }

        public Settings withHeartbeat(Duration every, Duration timeout) {
            return new Settings(workerName, exclusiveDatabase, every, timeout, maxAttempts, idlePoll, progressEvery,
                    events);
        }

        public Settings withIdlePoll(Duration poll) {
            return new Settings(workerName, exclusiveDatabase, heartbeatEvery, heartbeatTimeout, maxAttempts, poll,
                    progressEvery, events);
        }

        public Settings withEvents(Consumer<String> lines) {
            return new Settings(workerName, exclusiveDatabase, heartbeatEvery, heartbeatTimeout, maxAttempts, idlePoll,
                    progressEvery, lines);
        }

        /** host/pid, so an operator can tell from a RUNNING row which machine and process holds it. */
        static String defaultWorkerName() {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "unknown-host";
            }
            return host + "/" + ProcessHandle.current().pid();
        }
    }

    /** Grades one submission, reporting progress to the listener; the graders module's {@code Grader} in production. */
    @FunctionalInterface
    public interface Grading {
        GradingReport grade(Exercise exercise, Submission submission, GradingListener listener);
    }
}

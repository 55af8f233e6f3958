package dev.serverlesslab.server.submission;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.server.account.Viewer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grades stored submissions on a fixed number of workers, fairly between learners ({@link FairQueue}: round-robin,
 * at most one running grading per learner), recording each outcome in the store. Each grading runs on a thread of
 * its own under a deadline ({@link GradingDeadline}): one that overruns is interrupted and left behind, its
 * submission marked failed, and its worker moves on to the next.
 */
public final class GradingQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GradingQueue.class);

    private final SubmissionStore store;
    private final ExerciseCatalog catalog;
    private final Grading grader;
    private final Function<Exercise, Duration> deadline;
    private final AtomicInteger gradingThreads = new AtomicInteger();
    private final ExecutorService gradings = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "grading-" + gradingThreads.incrementAndGet());
        // A grading that ignores interruption after its deadline must not keep the server from exiting.
        thread.setDaemon(true);
        return thread;
    });
    private final FairQueue waiting = new FairQueue();
    private final ExecutorService workers;
    private final Map<String, Progress> running = new ConcurrentHashMap<>();
    private volatile boolean closing;

    /**
     * A queue with one worker.
     *
     * @param grader grades one submission, normally {@code new Grader(backend)::grade}
     */
    public GradingQueue(SubmissionStore store, ExerciseCatalog catalog, Grading grader) {
        this(store, catalog, grader, GradingDeadline::of, 1);
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
     * @param deadline how long a grading of an exercise may take in all, normally {@link GradingDeadline#of}
     * @param workers  how many submissions are graded at once, at least 1 (see {@link GradingWorkers})
     */
    public GradingQueue(SubmissionStore store, ExerciseCatalog catalog, Grading grader,
                        Function<Exercise, Duration> deadline, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("a grading queue needs at least one worker, got " + workers);
        }
        this.store = store;
        this.catalog = catalog;
        this.grader = grader;
        this.deadline = deadline;
        AtomicInteger workerThreads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "grading-worker-" + workerThreads.incrementAndGet());
            // A server that forgot to close the queue must still be able to exit.
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < workers; i++) {
            this.workers.execute(this::work);
        }
    }

    /**
     * Re-queues what the previous run left QUEUED or RUNNING, so a crash never loses a submission; each goes back
     * behind its own learner's, oldest first.
     */
    public void start() {
        for (StoredSubmission unfinished : store.recoverUnfinished()) {
            LOG.info("re-queuing submission {} of {} left {} by the previous run",
                    unfinished.id(), unfinished.exerciseId(), unfinished.state());
            enqueue(unfinished.id(), Viewer.fairnessKey(unfinished.learnerId()));
        }
    }

    /**
     * Queues a stored submission for grading behind its learner's earlier ones.
     *
     * @param learner who sent it, the key fairness is kept by ({@link Viewer#fairnessKey()})
     */
    public void enqueue(String submissionId, String learner) {
        running.put(submissionId, new Progress());
        waiting.add(new FairQueue.Job(submissionId, learner));
    }

    /** How many waiting submissions will be graded before this one; empty once it runs or is finished. */
    public OptionalInt ahead(String submissionId) {
        return waiting.ahead(submissionId);
    }

    private void work() {
        while (!closing) {
            FairQueue.Job job;
            try {
                job = waiting.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                grade(job.submissionId());
            } finally {
                waiting.finished(job);
            }
        }
    }

    /** True while a submission is queued or being graded. */
    public boolean isPending(String submissionId) {
        return running.containsKey(submissionId);
    }

    /** Where the grading of a queued or running submission stands; empty once it is finished. */
    public Optional<StatusView.Lines> progress(String submissionId) {
        return Optional.ofNullable(running.get(submissionId)).map(Progress::lines);
    }

    private void grade(String id) {
        Progress progress = running.get(id);
        StoredSubmission submission = null;
        try {
            submission = store.find(id).orElseThrow(() -> new IllegalStateException("submission " + id
                    + " was queued but its folder is gone from the data directory"));
            store.save(submission.with(SubmissionState.RUNNING, null));
            Exercise exercise = exerciseOf(submission);
            Duration limit = deadline.apply(exercise);
            GradingReport report = gradeWithin(limit, exercise, store.sources(id), progress);
            if (report == null) {
                if (!closing) {
                    markFailed(submission, limit, progress);
                }
                return;
            }
            if (closing && report.status() == Status.ERROR) {
                // Most likely cut short by the shutdown itself: left RUNNING, it is graded again on the next start.
                return;
            }
            store.saveReport(id, report);
            store.save(submission.with(SubmissionState.DONE, null));
        } catch (RuntimeException | Error e) {
            if (closing) {
                return;
            }
            LOG.error("grading submission {} failed", id, e);
            markFailed(submission, e);
        } finally {
            running.remove(id);
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

    private void markFailed(StoredSubmission submission, Duration limit, Progress progress) {
        String where = progress.currentStage()
                .map(stage -> " during the '" + stage.label() + "' stage"
                        + Optional.ofNullable(progress.lines().currentCheck())
                                .map(check -> " (check '" + check + "')").orElse(""))
                .orElse("");
        String error = "Grading stopped: it took longer than " + describe(limit) + ", the limit for this exercise, and "
                + "was still running" + where + ". If your handler can loop or wait forever, make sure it returns "
                + "within the function's timeout; otherwise run the checks again, and tell the course staff if it "
                + "happens again. Your code is kept.";
        try {
            store.save(submission.with(SubmissionState.FAILED, error));
        } catch (RuntimeException e) {
            LOG.error("could not record the failure of submission {}", submission.id(), e);
        }
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
        return catalog.find(submission.exerciseId()).orElseThrow(() -> new IllegalStateException(
                "exercise '" + submission.exerciseId() + "' is no longer in the course content"));
    }

    private void markFailed(StoredSubmission submission, Throwable cause) {
        if (submission == null) {
            return;
        }
        String error = "The platform could not grade this submission: " + describe(cause)
                + ". Your code is kept: run the checks again, and tell the course staff if this happens again.";
        try {
            store.save(submission.with(SubmissionState.FAILED, error));
        } catch (RuntimeException e) {
            LOG.error("could not record the failure of submission {} either", submission.id(), e);
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /** Stops the workers; a grading they interrupt stays RUNNING on disk and is re-queued by the next {@link #start()}. */
    @Override
    public void close() {
        closing = true;
        waiting.close();
        workers.shutdownNow();
        gradings.shutdownNow();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("a grading worker did not stop within 30 s; its submission is re-queued on next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Grades one submission, reporting progress to the listener; the graders module's {@code Grader} in production. */
    @FunctionalInterface
    public interface Grading {
        GradingReport grade(Exercise exercise, Submission submission, GradingListener listener);
    }
}

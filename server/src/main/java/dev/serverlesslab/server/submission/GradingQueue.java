package dev.serverlesslab.server.submission;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grades stored submissions one at a time on a single worker thread, in the order they arrived, recording each
 * outcome in the store. One at a time keeps a small machine responsive while a grading compiles and runs JVMs.
 */
public final class GradingQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GradingQueue.class);

    private final SubmissionStore store;
    private final ExerciseCatalog catalog;
    private final Grading grader;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "grading-worker");
        // A server that forgot to close the queue must still be able to exit.
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Progress> running = new ConcurrentHashMap<>();
    private volatile boolean closing;

    /** @param grader grades one submission, normally {@code new Grader(backend)::grade} */
    public GradingQueue(SubmissionStore store, ExerciseCatalog catalog, Grading grader) {
        this.store = store;
        this.catalog = catalog;
        this.grader = grader;
    }

    /** Re-queues what the previous run left QUEUED or RUNNING, so a crash never loses a submission. */
    public void start() {
        for (StoredSubmission unfinished : store.recoverUnfinished()) {
            LOG.info("re-queuing submission {} of {} left {} by the previous run",
                    unfinished.id(), unfinished.exerciseId(), unfinished.state());
            enqueue(unfinished.id());
        }
    }

    /** Queues a stored submission for grading. */
    public void enqueue(String submissionId) {
        running.put(submissionId, new Progress());
        worker.execute(() -> grade(submissionId));
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
            GradingReport report = grader.grade(exercise, store.sources(id), progress);
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

    /** Stops the worker; a grading it interrupts stays RUNNING on disk and is re-queued by the next {@link #start()}. */
    @Override
    public void close() {
        closing = true;
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the grading worker did not stop within 30 s; its submission is re-queued on next start");
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

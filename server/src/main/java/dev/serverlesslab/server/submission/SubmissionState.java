package dev.serverlesslab.server.submission;

/** Where a stored submission is in its life: waiting, being graded, graded, or given up on with a stated cause. */
public enum SubmissionState {
    QUEUED,
    RUNNING,
    /** Graded: the stored report holds the verdict, whatever it is. */
    DONE,
    /** The platform could not grade it; {@code error} says why. */
    FAILED;

    /** Whether grading is over, so pages stop polling. */
    public boolean finished() {
        return this == DONE || this == FAILED;
    }
}

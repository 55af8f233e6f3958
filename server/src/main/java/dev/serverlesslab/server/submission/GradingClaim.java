package dev.serverlesslab.server.submission;

/**
 * One grader's hold on a RUNNING submission, taken by {@link SubmissionStore#claimNext}: only the holder of this very
 * claim may record progress, the verdict or a failure, so a grader that was presumed dead and wakes up again changes
 * nothing. {@code workerId} and {@code attempt} together name the claim: a submission taken back and claimed again,
 * even by the same worker, has a higher attempt.
 *
 * @param attempt which claim of this submission this is, from 1
 */
public record GradingClaim(StoredSubmission submission, String workerId, int attempt) {

    public String id() {
        return submission.id();
    }
}

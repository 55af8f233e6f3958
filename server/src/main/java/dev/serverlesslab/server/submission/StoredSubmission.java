package dev.serverlesslab.server.submission;

import java.time.Instant;

/**
 * A stored submission's record (a row of {@code submissions}, without its sources and report).
 *
 * @param id sortable by creation time, safe in paths and URLs; names a submission but grants no access to it
 * @param learnerId whose submission this is ({@code learners.id}): only they and staff may read it
 * @param error why grading failed, for state FAILED; otherwise null
 */
public record StoredSubmission(String id, long learnerId, String exerciseId, Instant createdAt, SubmissionState state, String error) {

    /** The same submission in another state. */
    public StoredSubmission with(SubmissionState newState, String newError) {
        return new StoredSubmission(id, learnerId, exerciseId, createdAt, newState, newError);
    }
}

package dev.serverlesslab.exercises.submission;

/**
 * A learner's submission cannot be accepted; the message names the file and says what the learner should change.
 */
public class SubmissionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SubmissionException(String message) {
        super(message);
    }

    public SubmissionException(String message, Throwable cause) {
        super(message, cause);
    }
}

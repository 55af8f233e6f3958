package dev.serverlesslab.server.progress;

import dev.serverlesslab.server.submission.Outcome;
import dev.serverlesslab.server.submission.SubmissionState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One of a learner's submissions as their history lists it.
 *
 * @param outcome how its grading came out, null until it is graded
 * @param score   points earned, null until it is graded
 * @param previousId the same learner's attempt at the same exercise just before this one, null for their first
 */
public record Attempt(String id, Instant createdAt, SubmissionState state, Outcome outcome, Integer score,
                      Integer maxScore, String previousId) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The words that say how it stands (colour only repeats them): passed, failed, compile error, could not grade. */
    public String label() {
        return switch (state) {
            case QUEUED -> "waiting";
            case RUNNING -> "grading";
            case FAILED -> Outcome.ERROR.label();
            case DONE -> outcome == null ? Outcome.ERROR.label() : outcome.label();
        };
    }

    /** The CSS class that colours the label. */
    public String cssClass() {
        return switch (state) {
            case QUEUED, RUNNING -> "outcome-pending";
            case FAILED -> Outcome.ERROR.cssClass();
            case DONE -> outcome == null ? Outcome.ERROR.cssClass() : outcome.cssClass();
        };
    }

    /** When it was submitted, for people. */
    public String time() {
        return TIME.format(createdAt);
    }

    /** The same attempt, knowing the one before it. */
    Attempt withPrevious(String previous) {
        return new Attempt(id, createdAt, state, outcome, score, maxScore, previous);
    }

    /** "3 / 6 points" once graded, empty before. */
    public String points() {
        return score == null || maxScore == null ? "" : score + " / " + maxScore + " points";
    }
}

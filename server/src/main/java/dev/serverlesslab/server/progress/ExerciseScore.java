package dev.serverlesslab.server.progress;

/**
 * A learner's best result on one exercise.
 *
 * @param best     the most points any graded attempt earned
 * @param maxScore what the exercise's checks are worth, as graded
 * @param attempts how many of their submissions were graded
 */
public record ExerciseScore(String exerciseId, int best, int maxScore, int attempts) {

    /** Every point earned: the exercise is done. */
    public boolean done() {
        return maxScore > 0 && best >= maxScore;
    }
}

package dev.serverlesslab.server.submission;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.graders.run.CheckTallies;
import dev.serverlesslab.graders.run.CheckTally;
import java.time.Duration;

/**
 * How long one grading may take in all before the queue gives up on it and frees its worker for the next
 * submission: a stage stuck for good (a hung compile, a backend that never answers) must not stop everyone's gradings.
 */
public final class GradingDeadline {

    /**
     * Compiling, provisioning, deploying, cold starts and teardown: about 10 s on a loaded two-core machine for the
     * largest shipped exercise (see README "How fast"), so two minutes leaves a wide margin for a busy server.
     */
    static final Duration FIXED_STAGES = Duration.ofMinutes(2);
    /** A check may invoke the function a few times, and each invocation may run until the function's timeout. */
    static final int INVOCATIONS_PER_CHECK = 3;
    /** Even an exercise with many checks and Lambda's 900 s timeout gets no more than this: a worker is shared. */
    static final Duration CEILING = Duration.ofMinutes(15);

    private final CheckTallies tallies;

    /** @param tallies how many checks each exercise has, as grading counts them */
    public GradingDeadline(CheckTallies tallies) {
        this.tallies = tallies;
    }

    /**
     * The deadline for {@code exercise}: the fixed stages plus every check running into the timeout a few times. The
     * checks are counted from the compiled checks (compiling them first if no grading has yet, which the grading then
     * reuses); checks that do not compile end the grading at its compile stage, so one is assumed.
     */
    public Duration of(Exercise exercise) {
        return of(exercise, tallies.of(exercise).map(CheckTally::checks).orElse(1));
    }

    static Duration of(Exercise exercise, int checks) {
        Duration checking = Duration.ofSeconds((long) exercise.longestTimeout() * INVOCATIONS_PER_CHECK
                * Math.max(1, checks));
        Duration total = FIXED_STAGES.plus(checking);
        return total.compareTo(CEILING) > 0 ? CEILING : total;
    }
}

package dev.serverlesslab.server.submission;

import dev.serverlesslab.exercises.exercise.Exercise;
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

    private GradingDeadline() {
    }

    /**
     * The deadline for {@code exercise}: the fixed stages plus every check running into the timeout a few times.
     * Its points stand in for the number of checks (by default an exercise has one point per check), since checks
     * are only counted once they are compiled, inside the grading this deadline bounds.
     */
    public static Duration of(Exercise exercise) {
        long checks = Math.max(1, exercise.points());
        Duration checking = Duration.ofSeconds((long) exercise.longestTimeout() * INVOCATIONS_PER_CHECK * checks);
        Duration total = FIXED_STAGES.plus(checking);
        return total.compareTo(CEILING) > 0 ? CEILING : total;
    }
}

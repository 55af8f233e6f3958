package dev.serverlesslab.graders.report;

/** The outcome of a stage, a check, or a whole grading. */
public enum Status {
    /** Worked, or the check's expectations held. */
    PASSED,
    /** The learner's code did not meet an expectation (a failed assertion, a compile error). */
    FAILED,
    /** Grading itself could not go on: a broken check, an unreachable backend. */
    ERROR,
    /** Not run because an earlier stage stopped the grading. */
    SKIPPED
}

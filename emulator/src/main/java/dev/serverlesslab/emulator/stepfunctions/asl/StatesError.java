package dev.serverlesslab.emulator.stepfunctions.asl;

/**
 * An error raised while a state runs, named as ASL names errors ({@code States.Timeout}, {@code States.TaskFailed},
 * a Lambda function's {@code errorType}, ...) with its cause: what Retry and Catch match on and what a failed
 * execution reports.
 */
public final class StatesError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final String ALL = "States.ALL";
    public static final String RUNTIME = "States.Runtime";
    public static final String TIMEOUT = "States.Timeout";
    public static final String TASK_FAILED = "States.TaskFailed";
    public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
    public static final String BRANCH_FAILED = "States.BranchFailed";

    private final String error;
    private final String cause;

    public StatesError(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }

    /** True when a Retry or Catch listing {@code errorEquals} handles this error, by ASL's matching rules. */
    public boolean matches(String errorEquals) {
        if (errorEquals.equals(error)) {
            return true;
        }
        // States.ALL matches every error but States.Runtime; States.TaskFailed every error but States.Timeout.
        if (ALL.equals(errorEquals)) {
            return !RUNTIME.equals(error);
        }
        return TASK_FAILED.equals(errorEquals) && !TIMEOUT.equals(error) && !RUNTIME.equals(error)
                && !error.startsWith("States.") || TASK_FAILED.equals(errorEquals) && TASK_FAILED.equals(error);
    }
}

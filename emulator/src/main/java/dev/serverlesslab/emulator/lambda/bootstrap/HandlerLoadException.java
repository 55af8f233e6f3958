package dev.serverlesslab.emulator.lambda.bootstrap;

/**
 * The handler could not be made ready during init; carries the error type and message Lambda's Java runtime reports.
 */
final class HandlerLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String errorType;

    /**
     * @param errorType the {@code errorType} to report, e.g. {@code java.lang.ClassNotFoundException}; null when the
     *     runtime reports a message only
     * @param cause the throwable whose stack trace is reported, or null
     */
    HandlerLoadException(String message, String errorType, Throwable cause) {
        super(message, cause);
        this.errorType = errorType;
    }

    String errorType() {
        return errorType;
    }
}

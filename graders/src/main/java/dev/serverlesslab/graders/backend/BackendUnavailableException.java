package dev.serverlesslab.graders.backend;

/** A backend could not be started for a reason outside this program, such as a missing Docker engine. */
public final class BackendUnavailableException extends RuntimeException {

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

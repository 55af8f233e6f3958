package dev.serverlesslab.emulator.lambda.runtime;

/**
 * What became of the init phase or of one invocation, as the Runtime API server and the process saw it.
 */
sealed interface RuntimeOutcome {

    /** The runtime asked for its first event: init finished. */
    record Ready() implements RuntimeOutcome {
    }

    /** The handler returned; {@code payload} is its serialized result. */
    record Response(byte[] payload) implements RuntimeOutcome {
    }

    /** The runtime reported an error (from the handler, or from init): {@code payload} is the error JSON. */
    record Failure(String errorType, byte[] payload) implements RuntimeOutcome {
    }

    /**
     * The process ended without answering.
     *
     * @param outOfMemory the kernel killed it because the environment reached its memory limit
     */
    record Exited(int exitCode, boolean outOfMemory) implements RuntimeOutcome {

        Exited(int exitCode) {
            this(exitCode, false);
        }
    }

    /** No answer within the time allowed. */
    record TimedOut() implements RuntimeOutcome {
    }
}

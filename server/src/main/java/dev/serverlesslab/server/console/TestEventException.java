package dev.serverlesslab.server.console;

/** A saved test event the learner asked for cannot be kept as asked; the message says what to change. */
public final class TestEventException extends RuntimeException {

    public TestEventException(String message) {
        super(message);
    }
}

package dev.serverlesslab.server.cli;

/** The command line was wrong; the message says what to change. Exit code 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}

package dev.serverlesslab.server.database;

/** The database could not be opened, migrated or used; the message says which and what to check. */
public final class DatabaseException extends RuntimeException {

    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}

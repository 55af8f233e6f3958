package dev.serverlesslab.server.account;

/** An account or cohort change that cannot be made, with a message for the person who asked saying what to change. */
public final class AccountException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccountException(String message) {
        super(message);
    }
}

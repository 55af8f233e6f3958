package dev.serverlesslab.server.account;

import java.util.Objects;

/**
 * Someone who signs in (class mode): one row of {@code accounts} with the name from its {@code learners} row. The
 * password hash stays in the store; nothing that leaves it carries one.
 *
 * @param cohortId the cohort a student joined, or null (staff, or a student imported without one)
 * @param mustChangePassword set by a one-time password (roster import, reset): the next page is the password form
 */
public record Account(long id, long learnerId, String username, String displayName, Role role, Long cohortId,
        boolean mustChangePassword) {

    public Account {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
    }

    /** This account as the one asking, for {@link Viewer#set}. */
    public Viewer viewer() {
        return new Viewer(learnerId, id, username, displayName, role);
    }
}

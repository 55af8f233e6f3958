package dev.serverlesslab.server.account;

import java.time.Instant;
import java.util.Objects;

/**
 * A class group students join with its code; instructors close the code once everyone is in.
 *
 * @param joinOpen whether sign-up with {@link #joinCode} is accepted now
 */
public record Cohort(long id, String name, String joinCode, boolean joinOpen, Instant createdAt) {

    public Cohort {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(joinCode, "joinCode");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}

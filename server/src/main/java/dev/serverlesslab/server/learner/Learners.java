package dev.serverlesslab.server.learner;

import dev.serverlesslab.server.database.Database;

/** The people who submit ({@code learners} table); solo mode knows one, created by the first migration. */
public final class Learners {

    static final String SOLO_HANDLE = "solo";

    private final Database database;

    public Learners(Database database) {
        this.database = database;
    }

    /** The id of the one learner of solo mode. */
    public long solo() {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT id FROM learners WHERE handle = :handle")
                .bind("handle", SOLO_HANDLE)
                .mapTo(Long.class)
                .one());
    }
}

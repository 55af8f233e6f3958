package dev.serverlesslab.server.account;

import dev.serverlesslab.server.database.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The cohorts of class mode ({@code cohorts}, schema V2): created by staff with a random join code they can close. */
public final class CohortStore {

    public static final int MAX_NAME = 100;
    private static final String SELECT = "SELECT id, name, join_code, join_open, created_at FROM cohorts ";

    private final Jdbi jdbi;
    private final Secrets secrets;
    private final Clock clock;

    public CohortStore(Database database, Secrets secrets, Clock clock) {
        this.jdbi = database.jdbi();
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * A new cohort, open for sign-up with a fresh random join code.
     *
     * @throws AccountException when the name is empty, too long or taken
     */
    public Cohort create(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            throw new AccountException("A cohort name has 1 to " + MAX_NAME + " characters, e.g. 'Spring 2027, group A'.");
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try {
            return jdbi.inTransaction(handle -> {
                long id = handle.createUpdate("INSERT INTO cohorts (name, join_code, join_open, created_at) "
                                + "VALUES (:name, :code, TRUE, :now)")
                        .bind("name", trimmed).bind("code", secrets.joinCode()).bind("now", now)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                return handle.createQuery(SELECT + "WHERE id = :id").bind("id", id).map(CohortStore::cohort).one();
            });
        } catch (UnableToExecuteStatementException e) {
            if (AccountStore.isUniqueViolation(e)) {
                // A 40-bit code colliding is far less likely than a reused name, which is what people can fix.
                throw new AccountException("A cohort named '" + trimmed + "' exists already; choose another name.");
            }
            throw e;
        }
    }

    public Optional<Cohort> find(long id) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE id = :id")
                .bind("id", id).map(CohortStore::cohort).findOne());
    }

    /** The cohort a roster line names, e.g. "Group A". */
    public Optional<Cohort> findByName(String name) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE name = :name")
                .bind("name", name == null ? "" : name.strip()).map(CohortStore::cohort).findOne());
    }

    /** The cohort whose join code this is, as typed (case, spaces and dashes do not matter), open or not. */
    public Optional<Cohort> findByJoinCode(String typed) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE join_code = :code")
                .bind("code", Secrets.normalizeJoinCode(typed)).map(CohortStore::cohort).findOne());
    }

    /** Every cohort, newest first. */
    public List<Cohort> list() {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "ORDER BY created_at DESC, id DESC")
                .map(CohortStore::cohort).list());
    }

    /** Opens or closes sign-up with the cohort's join code; false when there is no such cohort. */
    public boolean setJoinOpen(long id, boolean open) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE cohorts SET join_open = :open WHERE id = :id")
                .bind("open", open).bind("id", id).execute()) == 1;
    }

    private static Cohort cohort(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Cohort(rs.getLong("id"), rs.getString("name"), rs.getString("join_code"), rs.getBoolean("join_open"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}

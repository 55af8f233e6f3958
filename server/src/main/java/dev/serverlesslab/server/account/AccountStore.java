package dev.serverlesslab.server.account;

import dev.serverlesslab.server.database.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The accounts of class mode ({@code accounts} with their {@code learners} row, schema V2), with their Argon2id
 * password hashes. Every account is one learner, created in the same transaction, so submissions and progress stay
 * keyed by learner in both modes. Usernames and passwords are checked here, whoever asks (web form, roster, command
 * line), with a message that says what to change.
 */
public final class AccountStore {

    private static final String SELECT = "SELECT a.id, a.learner_id, a.username, l.display_name, a.role, a.cohort_id, "
            + "a.must_change_password FROM accounts a JOIN learners l ON l.id = a.learner_id ";
    /** SQLSTATE of a unique-constraint violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";
    public static final int MAX_DISPLAY_NAME = 200;

    private final Jdbi jdbi;
    private final Passwords passwords;
    private final Clock clock;
    /**
     * Accounts by id as last read, for the sign-in check every request makes: an account's row changes only through
     * {@link #setPassword} here (usernames, names, roles and cohorts are set once, at creation), which drops it.
     */
    private final Map<Long, Account> byId = new ConcurrentHashMap<>();
    /** Moved by every drop, so a read that raced a change does not put the old row back. */
    private long changes;

    public AccountStore(Database database, Passwords passwords, Clock clock) {
        this.jdbi = database.jdbi();
        this.passwords = passwords;
        this.clock = clock;
    }

    /**
     * Creates an account and its learner in one transaction.
     *
     * @param username as typed; stored trimmed and lower-cased
     * @param mustChangePassword true for one-time passwords handed out by staff
     * @throws AccountException when the username, display name or password breaks a rule, or the username is taken
     */
    public Account create(String username, String displayName, Role role, Long cohortId, String password,
            boolean mustChangePassword) {
        String name = Usernames.normalize(username);
        Usernames.problem(name).ifPresent(problem -> {
            throw new AccountException(problem);
        });
        String shownName = displayName == null || displayName.isBlank() ? name : displayName.strip();
        if (shownName.length() > MAX_DISPLAY_NAME) {
            throw new AccountException("A display name has at most " + MAX_DISPLAY_NAME + " characters.");
        }
        PasswordRules.problem(password, name).ifPresent(problem -> {
            throw new AccountException(problem);
        });
        String hash = passwords.hash(password);
        OffsetDateTime now = now();
        try {
            return jdbi.inTransaction(handle -> {
                long learnerId = handle.createUpdate("INSERT INTO learners (handle, display_name, created_at) "
                                + "VALUES (:handle, :name, :now)")
                        .bind("handle", name).bind("name", shownName).bind("now", now)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                long id = handle.createUpdate("INSERT INTO accounts (learner_id, username, password_hash, role, "
                                + "cohort_id, must_change_password, created_at) "
                                + "VALUES (:learner, :username, :hash, :role, :cohort, :mustChange, :now)")
                        .bind("learner", learnerId).bind("username", name).bind("hash", hash)
                        .bind("role", role.name()).bind("cohort", cohortId).bind("mustChange", mustChangePassword)
                        .bind("now", now)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                return new Account(id, learnerId, name, shownName, role, cohortId, mustChangePassword);
            });
        } catch (UnableToExecuteStatementException e) {
            if (isUniqueViolation(e)) {
                throw new AccountException("The username '" + name + "' is taken; choose another.");
            }
            throw e;
        }
    }

    /** The account with this id, from memory once read (this process makes every change to an account's row). */
    public Optional<Account> find(long id) {
        Account known = byId.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        long seen;
        synchronized (byId) {
            seen = changes;
        }
        Optional<Account> found = jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE a.id = :id")
                .bind("id", id).map(AccountStore::account).findOne());
        found.ifPresent(account -> {
            synchronized (byId) {
                if (changes == seen) {
                    byId.put(id, account);
                }
            }
        });
        return found;
    }

    /** The account with this username, however it was typed. */
    public Optional<Account> findByUsername(String username) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE a.username = :username")
                .bind("username", Usernames.normalize(username)).map(AccountStore::account).findOne());
    }

    /**
     * The account whose password this is, or empty; an unknown username costs the same hashing work as a wrong
     * password, so response times do not tell which usernames exist.
     */
    public Optional<Account> verify(String username, String password) {
        String name = Usernames.normalize(username);
        if (password == null || password.length() > PasswordRules.MAX_LENGTH) {
            passwords.spendVerification("");
            return Optional.empty();
        }
        Optional<String> hash = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT password_hash FROM accounts WHERE username = :username")
                .bind("username", name).mapTo(String.class).findOne());
        if (hash.isEmpty()) {
            passwords.spendVerification(password);
            return Optional.empty();
        }
        if (!passwords.matches(password, hash.get())) {
            return Optional.empty();
        }
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE accounts SET last_login_at = :now WHERE username = :username")
                .bind("now", now()).bind("username", name).execute());
        return findByUsername(name);
    }

    /**
     * Replaces an account's password.
     *
     * @param mustChange true when staff set a one-time password, false when the owner chose it
     * @throws AccountException when the password breaks a rule, or there is no such account
     */
    public void setPassword(long accountId, String password, boolean mustChange) {
        Account account = find(accountId).orElseThrow(() -> new AccountException("There is no such account."));
        PasswordRules.problem(password, account.username()).ifPresent(problem -> {
            throw new AccountException(problem);
        });
        String hash = passwords.hash(password);
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE accounts SET password_hash = :hash, must_change_password = :mustChange WHERE id = :id")
                .bind("hash", hash).bind("mustChange", mustChange).bind("id", accountId).execute());
        synchronized (byId) {
            changes++;
            byId.remove(accountId);
        }
    }

    /** The students and staff of a cohort, by username. */
    public List<Account> listByCohort(long cohortId) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE a.cohort_id = :cohort ORDER BY a.username")
                .bind("cohort", cohortId).map(AccountStore::account).list());
    }

    /** Every account with this role, by username (e.g. the instructors an admin manages). */
    public List<Account> listByRole(Role role) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE a.role = :role ORDER BY a.username")
                .bind("role", role.name()).map(AccountStore::account).list());
    }

    /** Whether an admin account exists yet (class mode needs one to create instructors). */
    public boolean hasAdmin() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM accounts WHERE role = 'ADMIN'")
                .mapTo(Integer.class).one()) > 0;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static boolean isUniqueViolation(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static Account account(ResultSet rs, StatementContext ctx) throws SQLException {
        long cohort = rs.getLong("cohort_id");
        Long cohortId = rs.wasNull() ? null : cohort;
        return new Account(rs.getLong("id"), rs.getLong("learner_id"), rs.getString("username"),
                rs.getString("display_name"), Role.valueOf(rs.getString("role")), cohortId,
                rs.getBoolean("must_change_password"));
    }
}

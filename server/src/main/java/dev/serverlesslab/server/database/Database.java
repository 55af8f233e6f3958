package dev.serverlesslab.server.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;

/**
 * The web app's SQL database, pooled and migrated by Flyway to the schema in {@code db/migration}: an H2 file under
 * the data directory by default, or any PostgreSQL named by a JDBC URL.
 */
public final class Database implements AutoCloseable {

    /** Where the embedded database lives below the data directory; H2 adds {@code .mv.db}. */
    public static final String EMBEDDED_NAME = "database/lab";

    /** The pool once the database is reached and migrated; a failure holds the {@link DatabaseException} saying why. */
    private final CompletableFuture<HikariDataSource> pool;
    private final Jdbi jdbi;
    private final String description;

    private Database(CompletableFuture<HikariDataSource> pool, String description) {
        this.pool = pool;
        // Statements wait for the migration; until then only the stores' construction has happened.
        this.jdbi = Jdbi.create(() -> opened().getConnection());
        this.description = description;
    }

    /** The embedded H2 database in {@code <dataDir>/database/lab.mv.db}, created and migrated on first use. */
    public static Database embedded(Path dataDir) {
        return opening(null, dataDir, Runnable::run).await();
    }

    /**
     * The database a JDBC URL names, e.g. {@code jdbc:postgresql://db.example:5432/lab?user=lab&password=...}.
     *
     * @throws DatabaseException when the URL is not one this app speaks, or the database cannot be reached or migrated
     */
    public static Database open(String jdbcUrl) {
        return opening(jdbcUrl, null, Runnable::run).await();
    }

    /**
     * Starts reaching and migrating the database on {@code executor} and returns at once, so a server can listen and
     * load its course meanwhile; statements wait until it is done, and {@link #ready()} says when that is or why it
     * failed.
     *
     * @param jdbcUrl a PostgreSQL or H2 JDBC URL, or null for the embedded database under {@code dataDir}
     * @throws DatabaseException at once when the URL is not one this app speaks
     */
    public static Database opening(String jdbcUrl, Path dataDir, Executor executor) {
        if (jdbcUrl == null) {
            Path file = dataDir.toAbsolutePath().normalize().resolve(EMBEDDED_NAME);
            // PostgreSQL mode and lower-case names so the same migrations and queries run on both databases.
            String url = "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
            return described(url, "H2 file " + file + ".mv.db", executor);
        }
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:postgresql:") && !lower.startsWith("jdbc:h2:")) {
            throw new DatabaseException("'" + redact(jdbcUrl) + "' is not a database this app can use: give a "
                    + "PostgreSQL URL such as jdbc:postgresql://127.0.0.1:5432/lab?user=lab, or leave out --database "
                    + "for the embedded one under the data directory");
        }
        return described(jdbcUrl, lower.startsWith("jdbc:h2:") ? "H2 " + redact(jdbcUrl) : "PostgreSQL "
                + redact(jdbcUrl), executor);
    }

    private static Database described(String url, String description, Executor executor) {
        return new Database(CompletableFuture.supplyAsync(() -> migrated(url, description), executor), description);
    }

    private static HikariDataSource migrated(String url, String description) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("lab-database");
        // Requests and the grading workers each hold a connection only for one statement or transaction.
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        // Fail at start, at the first refused connection, with the driver's reason, rather than after 30 s of retries.
        config.setInitializationFailTimeout(1);
        config.setConnectionTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw cannotUse(description, e);
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (FlywayException | IllegalStateException e) {
            pool.close();
            throw cannotUse(description, e);
        }
        return pool;
    }

    /**
     * Completes when the database is reached and migrated, or exceptionally with the {@link DatabaseException} that
     * says why it cannot be used.
     */
    public CompletableFuture<Void> ready() {
        return pool.thenApply(opened -> null);
    }

    /** This database once it is open and migrated, or the {@link DatabaseException} saying why it cannot be. */
    private Database await() {
        try {
            pool.join();
            return this;
        } catch (CompletionException e) {
            throw e.getCause() instanceof DatabaseException cause ? cause : e;
        }
    }

    private HikariDataSource opened() throws SQLException {
        try {
            return pool.join();
        } catch (CompletionException e) {
            throw new SQLException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** The mapper every store queries through. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** What the console says about where data is kept, with any password left out. */
    public String description() {
        return description;
    }

    /** Closes the pool; while the database is still being opened, as soon as that is done. */
    @Override
    public void close() {
        pool.whenComplete((opened, failure) -> {
            if (opened != null) {
                opened.close();
            }
        });
    }

    /** The URL without the values of {@code password=} parameters, safe to print. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static DatabaseException cannotUse(String description, RuntimeException e) {
        return new DatabaseException("cannot use the database " + description + ": " + rootMessage(e)
                + ". Check that it runs and that the URL, user and password are right", e);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}

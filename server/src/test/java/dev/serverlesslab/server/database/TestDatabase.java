package dev.serverlesslab.server.database;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, migrated database for one test: the embedded H2 file in a temporary folder, or a new schema in the
 * PostgreSQL at 127.0.0.1:5432 (database {@code test}, trust auth) that {@link #close()} drops again.
 */
public final class TestDatabase implements AutoCloseable {

    /** The PostgreSQL these machines run; {@code LAB_TEST_POSTGRES_URL} points the tests at another one. */
    static final String POSTGRES_URL = System.getenv().getOrDefault("LAB_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final Database database;
    private final String url;
    private final String dropSchema;

    private TestDatabase(Database database, String url, String dropSchema) {
        this.database = database;
        this.url = url;
        this.dropSchema = dropSchema;
    }

    public static TestDatabase h2(Path dir) {
        return new TestDatabase(Database.embedded(dir), null, null);
    }

    /** A schema of its own in the local PostgreSQL; the calling test is skipped, saying why, when none answers. */
    public static TestDatabase postgres() {
        byte[] suffix = new byte[6];
        new SecureRandom().nextBytes(suffix);
        String schema = "lab_test_" + HexFormat.of().formatHex(suffix);
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            Assumptions.abort("no PostgreSQL answers at " + POSTGRES_URL + " (" + e.getMessage()
                    + "); start one, or set LAB_TEST_POSTGRES_URL, to run the store tests on PostgreSQL too");
        }
        String url = POSTGRES_URL + "&currentSchema=" + schema;
        return new TestDatabase(Database.open(url), url, schema);
    }

    public Database database() {
        return database;
    }

    /** The JDBC URL of a PostgreSQL test database, for {@code --database}; null for H2. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        database.close();
        if (dropSchema == null) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + dropSchema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the test schema " + dropSchema, e);
        }
    }
}

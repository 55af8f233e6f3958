package dev.serverlesslab.server.account;

import dev.serverlesslab.server.database.TestDatabase;
import java.nio.file.Path;

/** The account stores on PostgreSQL, in a schema of their own per test; skipped, saying why, without PostgreSQL. */
class PostgresAccountStoreTests extends AccountStoreContract {

    @Override
    TestDatabase openDatabase(Path dir) {
        return TestDatabase.postgres();
    }
}

package dev.serverlesslab.server.console;

import dev.serverlesslab.server.database.TestDatabase;
import java.nio.file.Path;

/** Saved test events and opened hints on PostgreSQL, a schema per test; skipped, saying why, where none answers. */
class PostgresWorkbenchStoreTests extends WorkbenchStoreContract {

    @Override
    TestDatabase openDatabase(Path dir) {
        return TestDatabase.postgres();
    }
}

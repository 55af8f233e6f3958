package dev.serverlesslab.server.progress;

import dev.serverlesslab.server.database.TestDatabase;
import java.nio.file.Path;

/** The progress store on PostgreSQL, in a schema of its own per test; skipped, saying why, where none answers. */
class PostgresProgressStoreTests extends ProgressStoreContract {

    @Override
    TestDatabase openDatabase(Path dir) {
        return TestDatabase.postgres();
    }
}

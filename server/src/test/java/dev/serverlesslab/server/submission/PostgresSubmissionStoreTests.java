package dev.serverlesslab.server.submission;

import dev.serverlesslab.server.database.TestDatabase;
import java.nio.file.Path;

/** The store on PostgreSQL, in a schema of its own per test; skipped, saying why, where no PostgreSQL answers. */
class PostgresSubmissionStoreTests extends SubmissionStoreContract {

    @Override
    TestDatabase openDatabase(Path dir) {
        return TestDatabase.postgres();
    }
}

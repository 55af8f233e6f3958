package dev.serverlesslab.server.dashboard;

import dev.serverlesslab.server.database.TestDatabase;
import java.nio.file.Path;

/** The dashboard's queries on PostgreSQL, in a schema of its own per test; skipped, saying why, without one. */
class PostgresClassRecordsTests extends ClassRecordsContract {

    @Override
    TestDatabase openDatabase(Path dir) {
        return TestDatabase.postgres();
    }
}

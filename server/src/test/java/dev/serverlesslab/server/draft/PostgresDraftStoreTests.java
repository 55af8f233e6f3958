package dev.serverlesslab.server.draft;

import dev.serverlesslab.server.database.TestDatabase;
import java.nio.file.Path;

/** The draft store on PostgreSQL, in a schema of its own per test; skipped, saying why, where none answers. */
class PostgresDraftStoreTests extends DraftStoreContract {

    @Override
    TestDatabase openDatabase(Path dir) {
        return TestDatabase.postgres();
    }
}

package dev.serverlesslab.server.account;

import dev.serverlesslab.server.database.TestDatabase;
import java.nio.file.Path;

/** The account stores on the embedded H2 file database. */
class H2AccountStoreTests extends AccountStoreContract {

    @Override
    TestDatabase openDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }
}

package dev.serverlesslab.server.console;

import dev.serverlesslab.server.database.TestDatabase;
import java.nio.file.Path;

/** Saved test events and opened hints on the embedded H2 file database, the default of {@code ./lab serve}. */
class H2WorkbenchStoreTests extends WorkbenchStoreContract {

    @Override
    TestDatabase openDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }
}

package dev.serverlesslab.server.progress;

import dev.serverlesslab.server.database.TestDatabase;
import java.nio.file.Path;

/** The progress store on the embedded H2 file database, the default of {@code ./lab serve}. */
class H2ProgressStoreTests extends ProgressStoreContract {

    @Override
    TestDatabase openDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }
}

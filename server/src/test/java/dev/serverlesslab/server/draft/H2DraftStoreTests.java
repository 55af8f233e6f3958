package dev.serverlesslab.server.draft;

import dev.serverlesslab.server.database.TestDatabase;
import java.nio.file.Path;

/** The draft store on the embedded H2 file database, the default of {@code ./lab serve}. */
class H2DraftStoreTests extends DraftStoreContract {

    @Override
    TestDatabase openDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }
}

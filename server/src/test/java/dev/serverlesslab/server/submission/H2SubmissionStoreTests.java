package dev.serverlesslab.server.submission;

import dev.serverlesslab.server.database.TestDatabase;
import java.nio.file.Path;

/** The store on the embedded H2 file database, the default of {@code ./lab serve}. */
class H2SubmissionStoreTests extends SubmissionStoreContract {

    @Override
    TestDatabase openDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }
}

package dev.serverlesslab.server.dashboard;

import dev.serverlesslab.server.database.TestDatabase;
import java.nio.file.Path;

/** The dashboard's queries on the embedded H2 file database, the default of {@code ./lab serve}. */
class H2ClassRecordsTests extends ClassRecordsContract {

    @Override
    TestDatabase openDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }
}

package dev.serverlesslab.server.quiz;

import dev.serverlesslab.server.database.TestDatabase;
import java.nio.file.Path;

/** The quiz store on the embedded H2 file database, the default of {@code ./lab serve}. */
class H2QuizStoreTests extends QuizStoreContract {

    @Override
    TestDatabase openDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }
}

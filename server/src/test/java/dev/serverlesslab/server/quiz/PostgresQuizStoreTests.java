package dev.serverlesslab.server.quiz;

import dev.serverlesslab.server.database.TestDatabase;
import java.nio.file.Path;

/** The quiz store on PostgreSQL, in a schema of its own per test; skipped, saying why, where none answers. */
class PostgresQuizStoreTests extends QuizStoreContract {

    @Override
    TestDatabase openDatabase(Path dir) {
        return TestDatabase.postgres();
    }
}

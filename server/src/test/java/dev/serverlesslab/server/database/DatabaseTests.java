package dev.serverlesslab.server.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTests {

    @Test
    void embedded_livesInAFileUnderTheDataDir_andKeepsWhatWasWritten(@TempDir Path data) {
        try (Database database = Database.embedded(data)) {
            database.jdbi().useHandle(handle -> handle.execute(
                    "UPDATE learners SET display_name = 'Ada' WHERE handle = 'solo'"));
        }
        assertTrue(Files.isRegularFile(data.resolve("database/lab.mv.db")));
        try (Database reopened = Database.embedded(data)) {
            assertEquals("Ada", reopened.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT display_name FROM learners WHERE handle = 'solo'").mapTo(String.class).one()));
        }
    }

    @Test
    void unreachablePostgres_failsAtOnce_namingTheDatabaseWithoutItsPassword() {
        DatabaseException e = assertThrows(DatabaseException.class,
                () -> Database.open("jdbc:postgresql://127.0.0.1:9/lab?user=lab&password=s3cret"));

        assertTrue(e.getMessage().contains("127.0.0.1:9/lab"), e.getMessage());
        assertTrue(e.getMessage().contains("Check that it runs"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void otherDatabases_areRefusedSayingWhatToGive() {
        DatabaseException e = assertThrows(DatabaseException.class, () -> Database.open("jdbc:mysql://db/lab"));

        assertTrue(e.getMessage().contains("jdbc:postgresql://"), e.getMessage());
    }
}

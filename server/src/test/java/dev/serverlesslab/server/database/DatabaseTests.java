package dev.serverlesslab.server.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.server.learner.Learners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    void opening_returnsBeforeTheMigration_andStatementsWaitForIt(@TempDir Path data) throws Exception {
        CompletableFuture<Void> mayMigrate = new CompletableFuture<>();
        ExecutorService threads = Executors.newCachedThreadPool();
        try (Database database = Database.opening(null, data, task -> mayMigrate.thenRunAsync(task, threads))) {
            // Made before the database exists, as the web app makes its stores while it opens.
            Learners learners = new Learners(database);
            CompletableFuture<Long> solo = CompletableFuture.supplyAsync(learners::solo, threads);

            mayMigrate.complete(null);

            assertTrue(solo.get() > 0, "the solo learner the first migration creates");
            database.ready().get();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void opening_anUnreachablePostgres_failsReadyAndEveryStatement_withTheReason() {
        Database database = Database.opening("jdbc:postgresql://127.0.0.1:9/lab?user=lab&password=s3cret", null,
                Runnable::run);

        CompletionException failed = assertThrows(CompletionException.class, () -> database.ready().join());
        assertTrue(failed.getCause() instanceof DatabaseException, String.valueOf(failed.getCause()));
        RuntimeException statement = assertThrows(RuntimeException.class, () -> new Learners(database).solo());
        assertTrue(String.valueOf(statement.getMessage()).contains("cannot use the database PostgreSQL"),
                statement.getMessage());
        assertFalse(String.valueOf(statement.getMessage()).contains("s3cret"), statement.getMessage());
        database.close();
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

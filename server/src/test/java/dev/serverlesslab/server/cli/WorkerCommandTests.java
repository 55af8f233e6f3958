package dev.serverlesslab.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab worker} and {@code lab serve --workers 0}: what a person sees when the command cannot work as asked.
 * Grading by worker processes itself is shown by SharedPostgresQueueTests.
 */
class WorkerCommandTests {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int lab(boolean confined, String... args) {
        return new Lab(HOME, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> new Confinement(confined, "test", Sandbox.detect()))
                .run(List.of(args));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void worker_withoutADatabase_exitsTwo_sayingToGiveTheWebAppsPostgreSql() {
        assertEquals(2, lab(true, "worker"));
        assertTrue(errors().contains("give the same --database jdbc:postgresql://"), errors());
    }

    @Test
    void worker_onAnH2Database_exitsTwo_explainingOnlyPostgreSqlCanBeShared() {
        assertEquals(2, lab(true, "worker", "--database", "jdbc:h2:file:/tmp/lab"));
        assertTrue(errors().contains("only PostgreSQL can be shared"), errors());
    }

    @Test
    void worker_whereLearnerCodeWouldRunUnconfined_refuses_unlessAllowed() {
        assertEquals(2, lab(false, "worker", "--database", "jdbc:postgresql://127.0.0.1:9/lab?user=lab"));
        assertTrue(errors().contains("'lab worker' runs learner code"), errors());
    }

    @Test
    void worker_withAnUnreachableDatabase_exitsTwo_namingIt_withoutThePassword() {
        assertEquals(2, lab(true, "worker", "--database", "jdbc:postgresql://127.0.0.1:9/lab?user=lab&password=s3cret"));
        assertTrue(errors().contains("cannot use the database PostgreSQL jdbc:postgresql://127.0.0.1:9/lab"), errors());
        assertFalse(errors().contains("s3cret"), errors());
    }

    @Test
    void serve_withNoWorkers_onTheEmbeddedDatabase_exitsTwo_sayingItNeedsPostgreSql(@TempDir Path data) {
        assertEquals(2, lab(true, "serve", "--port", "0", "--data", data.toString(), "--workers", "0"));
        assertTrue(errors().contains("--workers 0 means this web app grades nothing"), errors());
        assertTrue(errors().contains("--database jdbc:postgresql://"), errors());
    }

    @Test
    void help_listsTheWorkerCommand() {
        assertEquals(0, lab(true, "help"));
        String usage = out.toString(StandardCharsets.UTF_8);
        assertTrue(usage.lines().anyMatch(line -> line.matches("\\s+worker\\s+Grade what a web app stores in PostgreSQL.*")),
                usage);
    }
}

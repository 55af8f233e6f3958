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

/** {@code lab serve --database}: what a person sees when the database they named cannot be used. */
class ServeDatabaseTests {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    @Test
    void serve_withAnUnreachableDatabase_exitsTwo_namingItAndWhatToCheck_withoutThePassword(@TempDir Path data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = new Lab(HOME, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> new Confinement(true, "test", Sandbox.detect()))
                .run(List.of("serve", "--port", "0", "--data", data.toString(),
                        "--database", "jdbc:postgresql://127.0.0.1:9/lab?user=lab&password=s3cret"));

        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, message);
        assertTrue(message.contains("cannot use the database PostgreSQL jdbc:postgresql://127.0.0.1:9/lab"), message);
        assertTrue(message.contains("Check that it runs"), message);
        assertFalse((message + out.toString(StandardCharsets.UTF_8)).contains("s3cret"), message);
    }
}

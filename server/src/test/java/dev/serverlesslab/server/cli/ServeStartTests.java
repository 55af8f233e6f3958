package dev.serverlesslab.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import dev.serverlesslab.server.ContentCopy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab serve} listens before its course has loaded; a course that turns out broken still ends the command with
 * exit code 2 and the problem's file and line in the console, as when it was loaded before listening.
 */
class ServeStartTests {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    @Test
    void serve_withBrokenContent_exitsTwo_namingTheFileAndLine(@TempDir Path temp) {
        Path content = ContentCopy.of(temp);
        ContentCopy.replace(content.resolve("course.yml"), "lessons: [01-what-serverless-is",
                "lessons: [no-such-lesson, 01-what-serverless-is");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = new Lab(HOME, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> new Confinement(true, "test", Sandbox.detect()))
                .run(List.of("serve", "--port", "0", "--content", content.toString(), "--data",
                        temp.resolve("data").toString(), "--no-watch"));

        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, message);
        assertTrue(message.contains("the web app could not start: "), message);
        assertTrue(message.contains("course.yml:"), message);
        assertTrue(message.contains("no-such-lesson"), message);
    }
}

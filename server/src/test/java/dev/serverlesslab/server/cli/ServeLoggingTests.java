package dev.serverlesslab.server.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.server.TestApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab serve} as people start it, in a JVM of its own (slf4j-simple reads logger levels once per JVM): the web
 * server's INFO start-up lines stay out of the console unless {@code --verbose} asks for them.
 */
class ServeLoggingTests {

    @Test
    void serve_keepsJavalinAndJettyStartUpLinesQuiet_andVerboseBringsThemBack(@TempDir Path data) throws Exception {
        String quiet = startAndStop(data.resolve("quiet"));
        String verbose = startAndStop(data.resolve("verbose"), "--verbose");

        assertFalse(quiet.contains("io.javalin"), quiet);
        assertFalse(quiet.contains("INFO org.eclipse.jetty"), quiet);
        assertTrue(verbose.contains("INFO io.javalin"), verbose);
    }

    /** Runs {@code lab serve} until it says it is running, stops it and returns everything it wrote. */
    private static String startAndStop(Path data, String... extra) throws Exception {
        Files.createDirectories(data);
        Path output = data.resolve("console.txt");
        // The data folder as lab's home too, so what serve keeps there (its course cache) goes with the test's files.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlab.home=" + data, "-cp", System.getProperty("java.class.path"), Lab.class.getName(), "serve",
                "--port", String.valueOf(freePort()), "--content", TestApp.CONTENT.toString(), "--data",
                data.toString(), "--workers", "1", "--no-watch", "--allow-unconfined"));
        command.addAll(List.of(extra));
        Process serve = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            Awaitility.await("lab serve running").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !serve.isAlive() || Files.readString(output).contains("Press Ctrl-C to stop."));
            // Javalin's own lines come while it starts, before ours say it is running; a moment more for stragglers.
            Awaitility.await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        } finally {
            serve.destroy();
            if (!serve.waitFor(60, TimeUnit.SECONDS)) {
                serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        String console = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(console.contains("Serverless Lab is running at"), console);
        return console;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

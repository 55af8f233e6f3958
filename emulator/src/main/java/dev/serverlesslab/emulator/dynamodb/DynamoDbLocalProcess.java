package dev.serverlesslab.emulator.dynamodb;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running DynamoDB Local child JVM: its port on 127.0.0.1, its directory (working dir, temp dir and output log)
 * and the readiness check; closing it kills the process tree and deletes the directory.
 */
final class DynamoDbLocalProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLocalProcess.class);

    private static final String LOG_FILE = "dynamodb-local.log";
    private static final int TAIL_LINES = 12;
    /**
     * DynamoDB Local wants a SigV4-looking header with a letters-and-digits access key id but never checks the
     * signature; ListTables creates nothing for this key.
     */
    private static final String PROBE_AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=serverlesslabprobe/20120810/"
            + "us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-target, Signature=0";

    private final Process process;
    private final Path dir;
    private final int port;

    private DynamoDbLocalProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts the child in a new directory under {@code parentDir}; returns at once, see {@link #awaitReady}. */
    static DynamoDbLocalProcess launch(Path java, DynamoDbLocalClasspath classpath, Path parentDir) {
        Path dir;
        try {
            dir = Files.createTempDirectory(Files.createDirectories(parentDir), "dynamodb-local-");
            Files.createDirectories(dir.resolve("tmp"));
        } catch (IOException e) {
            throw new DynamoDbLocalException("Could not create a directory for DynamoDB Local under " + parentDir
                    + " (" + e.getMessage() + "); make the emulator's work directory writable", e);
        }
        int port = freePort();
        DynamoDbLocalCommand command = new DynamoDbLocalCommand(java, classpath, port, dir.resolve("tmp"));
        ProcessBuilder builder = new ProcessBuilder(command.arguments())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(LOG_FILE).toFile());
        try {
            return new DynamoDbLocalProcess(builder.start(), dir, port);
        } catch (IOException e) {
            deleteTree(dir);
            throw new DynamoDbLocalException("Could not run " + java + " to start DynamoDB Local (" + e.getMessage()
                    + "); the emulator starts it with the JDK it runs on", e);
        }
    }

    /**
     * Waits until the port accepts connections and a ListTables round trip succeeds: Jetty binds the port a moment
     * before DynamoDB Local's handler can answer.
     */
    void awaitReady(HttpClient http, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new DynamoDbLocalException("DynamoDB Local exited with code " + exitCode()
                        + " before it was ready; its output ends with:\n" + outputTail());
            }
            if (accepts() && answersListTables(http)) {
                return;
            }
            pause();
        }
        throw new DynamoDbLocalException("DynamoDB Local did not answer on port " + port + " within "
                + timeout.toSeconds() + " s; its output ends with:\n" + outputTail());
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    String exitCode() {
        return process.isAlive() ? "none (still running)" : Integer.toString(process.exitValue());
    }

    /** The last lines the child printed (stdout and stderr together), for error messages. */
    String outputTail() {
        Path log = dir.resolve(LOG_FILE);
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long start = Math.max(0, length - 4096);
            byte[] bytes = new byte[(int) (length - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
            return tail.isBlank() ? "(no output)" : tail;
        } catch (IOException e) {
            return "(its output " + log + " could not be read: " + e.getMessage() + ")";
        }
    }

    /** Kills the child and anything it started, waits for it to be gone, then deletes its directory. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(dir);
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean answersListTables(HttpClient http) {
        HttpRequest request = HttpRequest.newBuilder(endpoint())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("Authorization", PROBE_AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                // It is up but refuses the probe: waiting longer would not change that.
                throw new DynamoDbLocalException("DynamoDB Local answered the readiness check (ListTables) with HTTP "
                        + answer.statusCode() + ": " + answer.body());
            }
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DynamoDbLocalException("Interrupted while waiting for DynamoDB Local to start", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DynamoDbLocalException("Interrupted while waiting for DynamoDB Local to start", e);
        }
    }

    /**
     * A port nothing listens on right now. DynamoDB Local has no bind-address option and listens on every interface,
     * so the probe binds the wildcard address too.
     */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port for DynamoDB Local", e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {} ({}); remove it by hand", root, e.toString());
        }
    }
}

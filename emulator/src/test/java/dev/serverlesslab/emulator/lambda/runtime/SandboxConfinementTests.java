package dev.serverlesslab.emulator.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import fixtures.SandboxReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real environments under bubblewrap: what a handler can no longer do, and that it still runs. */
class SandboxConfinementTests {

    /** What confines environments on this machine, detected once for the class as an emulator does at start. */
    private static final Sandbox SANDBOX = Sandbox.detect();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final ExecutorService apiThreads = Executors.newCachedThreadPool();
    private final FunctionLog log = new FunctionLog(FunctionLog.DEFAULT_MAX_BYTES);
    private RuntimeSettings settings;

    @BeforeEach
    void prepare() throws IOException {
        assumeTrue(SANDBOX.confines(), "environments are not confined here, so there is nothing to check: "
                + SANDBOX.description());
        FunctionZips.unpack(dir.resolve("task"), SandboxReport.class);
        settings = new RuntimeSettings(RuntimeSettings.currentJava(), RuntimeClasspath.prepare(dir.resolve("rt")),
                dir.resolve("rt"), dir.resolve("rt").resolve(RuntimeCache.ARCHIVE_NAME), "http://127.0.0.1:4566");
    }

    @AfterEach
    void stop() {
        apiThreads.shutdownNow();
    }

    @Test
    void handler_cannotWriteToItsCodeOrTheHostsHome_butCanWriteTmp() throws Exception {
        JsonNode report = report(Map.of("writeTo", java.util.List.of("/var/task",
                dir.toString(), System.getProperty("user.home"), "/tmp")));

        JsonNode writes = report.get("writes");
        assertTrue(writes.get("/var/task").asText().startsWith("refused"), writes.toString());
        assertTrue(writes.get(dir.toString()).asText().startsWith("refused"), writes.toString());
        assertTrue(writes.get(System.getProperty("user.home")).asText().startsWith("refused"), writes.toString());
        assertEquals("written", writes.get("/tmp").asText(), writes.toString());
        assertEquals("/tmp", report.get("tmpDir").asText());
        // The code is where Lambda puts it, read-only.
        assertEquals("/var/task", report.get("userDir").asText());
    }

    @Test
    void handler_seesOnlyItsOwnProcesses() throws Exception {
        long host = ProcessHandle.current().pid();

        JsonNode report = report(Map.of("lookFor", host));

        assertFalse(report.get("seesPid").asBoolean(), "the handler sees the emulator's pid " + host);
        assertTrue(report.get("processes").asLong() <= 3, "processes seen: " + report.get("processes"));
        assertTrue(report.get("pid").asLong() <= 3, "pid inside the sandbox: " + report.get("pid"));
    }

    @Test
    void handler_runsAsAnUnprivilegedUid() throws Exception {
        JsonNode report = report(Map.of());

        assertNotEquals("0", report.get("uid").asText());
        if (Sandbox.runningAsRoot()) {
            assertEquals(Integer.toString(SandboxCommand.UID), report.get("uid").asText());
        }
    }

    @Test
    void handler_startsFromTheSharedArchive_whichStillMapsInsideTheSandbox() throws Exception {
        Process training = ArchiveTraining.start(settings).orElseThrow();
        assertTrue(training.waitFor(120, TimeUnit.SECONDS), "training did not finish");
        training.onExit().get(10, TimeUnit.SECONDS);
        assertTrue(awaitFile(settings.sharedArchive()), "no archive at " + settings.sharedArchive());

        JsonNode report = report(Map.of());

        assertTrue(report.get("maps").asText().contains(settings.sharedArchive().toString()),
                "the environment did not map " + settings.sharedArchive());
    }

    @Test
    void report_statesTheMemoryOfTheJvm_notOfBubblewrap() throws Exception {
        try (EnvironmentPool pool = new EnvironmentPool(spec(), settings, SANDBOX, apiThreads, log, 1)) {
            InvocationResult result = pool.invoke(input(Map.of()));

            String reportLine = result.log().stream().map(LogLine::text).filter(t -> t.startsWith("REPORT"))
                    .findFirst().orElseThrow();
            int used = Integer.parseInt(reportLine.replaceAll(".*Max Memory Used: (\\d+) MB.*", "$1"));
            assertTrue(used >= 16, "a JVM uses more than " + used + " MB: " + reportLine);
        }
    }

    @Test
    void environment_outlivesTheThreadThatStartedIt() throws Exception {
        // bubblewrap's --die-with-parent fires when the starting *thread* ends; request and poller pools retire
        // threads, and a grading then lost its warm environment to SIGKILL half-way through.
        try (EnvironmentPool pool = new EnvironmentPool(spec(), settings, SANDBOX, apiThreads, log, 1)) {
            InvocationResult[] first = new InvocationResult[1];
            Thread starter = new Thread(() -> {
                try {
                    first[0] = pool.invoke(input(Map.of()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "short-lived-request-thread");
            starter.start();
            starter.join();
            assertFalse(first[0].failed(), first[0].logText());
            java.util.List<Long> started = pool.pids();

            InvocationResult second = pool.invoke(input(Map.of()));

            assertFalse(second.failed(), "the environment died with the thread that started it:\n"
                    + second.logText());
            assertEquals(started, pool.pids(), "a new environment was started instead of reusing the warm one");
            String reportLine = second.log().stream().map(LogLine::text).filter(t -> t.startsWith("REPORT"))
                    .findFirst().orElseThrow();
            assertFalse(reportLine.contains("Init Duration"), "the second invocation was a cold start: " + reportLine);
        }
    }

    private JsonNode report(Map<String, Object> event) throws IOException {
        try (EnvironmentPool pool = new EnvironmentPool(spec(), settings, SANDBOX, apiThreads, log, 1)) {
            InvocationResult result = pool.invoke(input(event));
            String payload = new String(result.payload(), StandardCharsets.UTF_8);
            assertFalse(result.failed(), payload + "\n" + result.logText());
            return JSON.readTree(payload);
        }
    }

    private FunctionSpec spec() {
        return new FunctionSpec("000000000000", "us-east-1", "confined",
                "arn:aws:lambda:us-east-1:000000000000:function:confined", "java17", "fixtures.SandboxReport::handle",
                256, 30, Map.of(), dir.resolve("task"), dir.resolve("environments"));
    }

    private static InvokeInput input(Map<String, Object> event) throws IOException {
        return new InvokeInput(UUID.randomUUID().toString(), JSON.writeValueAsBytes(event), null);
    }

    private static boolean awaitFile(Path file) throws InterruptedException {
        for (int attempt = 0; attempt < 100 && !Files.isRegularFile(file); attempt++) {
            Thread.sleep(50);
        }
        return Files.isRegularFile(file);
    }

}

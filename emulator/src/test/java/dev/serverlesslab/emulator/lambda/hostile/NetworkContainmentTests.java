package dev.serverlesslab.emulator.lambda.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import dev.serverlesslab.emulator.lambda.runtime.EnvironmentPool;
import dev.serverlesslab.emulator.lambda.runtime.FunctionLog;
import dev.serverlesslab.emulator.lambda.runtime.FunctionSpec;
import dev.serverlesslab.emulator.lambda.runtime.InvocationResult;
import dev.serverlesslab.emulator.lambda.runtime.InvokeInput;
import dev.serverlesslab.emulator.lambda.runtime.OtherRuntimeApi;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeClasspath;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeSettings;
import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import fixtures.NetworkProbe;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile handler under the sandbox tries every way out of its network namespace: only its Runtime API and the AWS
 * endpoint are reachable, through the relays, and neither gives it what another environment's secret protects.
 *
 * <p>Each attempt is bounded by the function's own timeout; a containment failure shows as the target's answer.
 */
class NetworkContainmentTests {

    /** What confines environments on this machine, detected once for the class as an emulator does at start. */
    private static final Sandbox SANDBOX = Sandbox.detect();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final ExecutorService apiThreads = Executors.newCachedThreadPool();
    private final FunctionLog log = new FunctionLog(FunctionLog.DEFAULT_MAX_BYTES);
    /** Stands for the emulator's edge: on every address, as {@code ./lab emulator --host 0.0.0.0} would bind. */
    private HttpServer edge;
    /** Stands for every other service of the host: the web app, DynamoDB Local. */
    private ServerSocket hostService;
    private RuntimeSettings settings;
    /** The host's temp directory before this test gave environments one of their own. */
    private String sharedTemp;

    @BeforeEach
    void prepare() throws IOException {
        // Relay directories go under java.io.tmpdir. Other JVMs on the host (other gradings, other builds, pre-warmed
        // environments refilling in the background) create and delete theirs in the shared one at any time, so the
        // leak check below looks at a temp directory only this test's environment uses (short: socket paths < 108).
        sharedTemp = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir",
                Files.createTempDirectory(Path.of(sharedTemp), "nct").toString());
        Sandbox sandbox = SANDBOX;
        assumeTrue(sandbox.confines(), "environments are not confined here (install bubblewrap to run these): "
                + sandbox.description());
        edge = HttpServer.create(new InetSocketAddress(0), 0);
        edge.createContext("/", exchange -> {
            byte[] body = "edge answered".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        edge.start();
        hostService = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        FunctionZips.unpack(dir.resolve("task"), NetworkProbe.class);
        settings = new RuntimeSettings(RuntimeSettings.currentJava(), RuntimeClasspath.prepare(dir.resolve("rt")),
                dir.resolve("rt"), null, "http://127.0.0.1:" + edge.getAddress().getPort());
    }

    @AfterEach
    void stop() throws IOException {
        Path ownTemp = Path.of(System.getProperty("java.io.tmpdir"));
        System.setProperty("java.io.tmpdir", sharedTemp);
        try (Stream<Path> left = Files.walk(ownTemp)) {
            left.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        if (edge != null) {
            edge.stop(0);
            hostService.close();
        }
        apiThreads.shutdownNow();
    }

    @Test
    void handler_cannotReachAServiceOnTheHostsLoopback() throws Exception {
        String target = "127.0.0.1:" + hostService.getLocalPort();

        JsonNode report = probe(Map.of("connect", List.of(target)));

        assertTrue(report.at("/connects/" + escape(target)).asText().startsWith("failed"), report.toString());
    }

    @Test
    void handler_cannotReachTheHostOnItsOwnAddress_notEvenTheEmulatorsPort() throws Exception {
        Optional<InetAddress> address = hostAddress();
        assumeTrue(address.isPresent(), "this host has no non-loopback IPv4 address to try");
        String edgeTarget = address.get().getHostAddress() + ":" + edge.getAddress().getPort();

        JsonNode report = probe(Map.of("connect", List.of(edgeTarget)));

        assertTrue(report.at("/connects/" + escape(edgeTarget)).asText().startsWith("failed"), report.toString());
    }

    @Test
    void handler_cannotReachAnotherEnvironmentsRuntimeApi() throws Exception {
        try (OtherRuntimeApi other = OtherRuntimeApi.start()) {
            JsonNode report = probe(Map.of("connect", List.of(other.hostPort())));

            assertTrue(report.at("/connects/" + escape(other.hostPort())).asText().startsWith("failed"),
                    report.toString());
            assertEquals(List.of(), other.calls());
        }
    }

    @Test
    void handler_seesOnlyLoopback_andResolvesNoOutsideName() throws Exception {
        JsonNode report = probe(Map.of("lookup", List.of("example.com", "amazonaws.com")));

        assertEquals(List.of("lo"), JSON.convertValue(report.get("interfaces"), List.class));
        assertTrue(report.at("/lookups/example.com").asText().startsWith("failed"), report.toString());
        assertTrue(report.at("/lookups/amazonaws.com").asText().startsWith("failed"), report.toString());
    }

    @Test
    void handler_reachesTheAwsEndpoint_atTheUsualAddress_throughTheRelay() throws Exception {
        JsonNode report = probe(Map.of());

        assertEquals("200 edge answered", report.get("endpoint").asText());
    }

    @Test
    void handler_cannotUseItsOwnRuntimeApi_withoutTheSecret_norReadTheSecretBack() throws Exception {
        JsonNode report = probe(Map.of());

        assertTrue(report.get("runtimeApi").asText().startsWith("403 "), report.get("runtimeApi").asText());
        assertEquals("-1", report.get("stdin").asText(), "the secrets on stdin were already read to its end");
        String proc = report.get("procText").asText();
        assertTrue(proc.contains("/proc/self/cmdline"), proc);
        // The secret is 64 hex digits; nothing else in argv or an environment is that long a hex run.
        assertFalse(proc.matches("(?s).*[0-9a-f]{64}.*"), "a secret-sized hex string is readable: " + proc);
    }

    private JsonNode probe(Map<String, Object> event) throws IOException {
        FunctionSpec function = new FunctionSpec("000000000000", "us-east-1", "hostile-network",
                "arn:aws:lambda:us-east-1:000000000000:function:hostile-network", "java17",
                "fixtures.NetworkProbe::handle", 256, 30, Map.of(), dir.resolve("task"), dir.resolve("environments"));
        Set<Path> socketDirectories = socketDirectories();
        String payload;
        try (EnvironmentPool pool = new EnvironmentPool(function, settings, SANDBOX, apiThreads, log, 1)) {
            InvocationResult result = pool.invoke(new InvokeInput(UUID.randomUUID().toString(),
                    JSON.writeValueAsBytes(event), null));
            payload = new String(result.payload(), StandardCharsets.UTF_8);
            assertFalse(result.failed(), payload + "\n" + result.logText());
        }
        assertEquals(socketDirectories, socketDirectories(), "the environment's socket directory outlived it");
        return JSON.readTree(payload);
    }

    /** The relay directories in the host's temp directory: an ended environment leaves none behind. */
    private static Set<Path> socketDirectories() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("serverlesslab-net-"))
                    .collect(Collectors.toSet());
        }
    }

    private static Optional<InetAddress> hostAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A JSON pointer segment for a key holding {@code /} or {@code ~}. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

}

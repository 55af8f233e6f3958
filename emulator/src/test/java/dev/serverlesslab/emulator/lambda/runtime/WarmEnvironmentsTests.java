package dev.serverlesslab.emulator.lambda.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import dev.serverlesslab.emulator.lambda.SdkJars;
import fixtures.EnvironmentReport;
import fixtures.LayerWarmthReport;
import fixtures.SandboxReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pre-warmed environments with real child JVMs: a function handed one runs its own code with its own variables,
 * confined as any environment, and no environment ever serves two functions.
 */
class WarmEnvironmentsTests {

    /** What confines environments on this machine, detected once for the class as an emulator does at start. */
    private static final Sandbox SANDBOX = Sandbox.detect();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private final ExecutorService apiThreads = Executors.newCachedThreadPool();
    private final FunctionLog log = new FunctionLog(FunctionLog.DEFAULT_MAX_BYTES);
    private RuntimeSettings settings;
    private WarmEnvironments warm;

    @BeforeEach
    void prepare() throws IOException {
        FunctionZips.unpack(dir.resolve("a"), EnvironmentReport.class, SandboxReport.class);
        FunctionZips.unpack(dir.resolve("b"), EnvironmentReport.class, SandboxReport.class);
        settings = new RuntimeSettings(RuntimeSettings.currentJava(), RuntimeClasspath.prepare(dir.resolve("rt")),
                dir.resolve("rt"), null, "http://127.0.0.1:4566");
        // Never too busy to load layers ahead, whatever else this machine runs (one test says what busy changes).
        warm = new WarmEnvironments(apiThreads, dir.resolve("prewarmed"), 2, SANDBOX, () -> false);
    }

    @AfterEach
    void stop() {
        warm.close();
        apiThreads.shutdownNow();
    }

    @Test
    void aFunctionHandedAPrewarmedEnvironment_runsItsOwnCodeWithItsOwnVariables() throws Exception {
        try (EnvironmentPool first = pool(spec("first", "a", EnvironmentReport.class, Map.of("GREETING", "hi")))) {
            report(first);
            long waiting = awaitWaiting();
            FunctionSpec second = spec("second", "b", EnvironmentReport.class,
                    Map.of("COLOR", "blue", "MULTI", "a=b\nc:d é"));
            try (EnvironmentPool pool = pool(second)) {
                InvocationResult result = invoke(pool);
                JsonNode report = payload(result);

                assertEquals(List.of(waiting), pool.pids(), "the second function did not get the waiting JVM");
                assertEquals("blue", report.get("COLOR").asText());
                assertEquals("a=b\nc:d é", report.get("MULTI").asText());
                assertNull(report.get("GREETING"), "the first function's variable reached the second");
                assertEquals("second", report.get("AWS_LAMBDA_FUNCTION_NAME").asText());
                assertEquals("fixtures.EnvironmentReport::handle", report.get("_HANDLER").asText());
                assertEquals("128", report.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText());
                assertEquals(second.credentials().accessKeyId(), report.get("AWS_ACCESS_KEY_ID").asText());
                if (SANDBOX.confines()) {
                    assertEquals("/var/task", report.get("LAMBDA_TASK_ROOT").asText());
                    assertEquals("/var/task", report.get("userDir").asText());
                }
                assertEquals(report.get("logStreamName").asText(), report.get("AWS_LAMBDA_LOG_STREAM_NAME").asText());
                String reportLine = result.log().get(result.log().size() - 1).text();
                assertTrue(reportLine.startsWith("REPORT ") && reportLine.contains("Init Duration: "), reportLine);
                assertTrue(result.log().get(0).text().startsWith("INIT_START "), result.log().get(0).text());
            }
        }
    }

    @Test
    void twoFunctions_neverShareAnEnvironment() throws Exception {
        try (EnvironmentPool first = pool(spec("first", "a", EnvironmentReport.class, Map.of()))) {
            report(first);
            awaitWaiting();
            try (EnvironmentPool second = pool(spec("second", "b", EnvironmentReport.class, Map.of()))) {
                report(second);
                awaitWaiting();
                try (EnvironmentPool third = pool(spec("third", "b", EnvironmentReport.class, Map.of()))) {
                    JsonNode report = report(third);

                    assertEquals("third", report.get("AWS_LAMBDA_FUNCTION_NAME").asText());
                    assertEquals(1, third.pids().size());
                    assertFalse(first.pids().contains(third.pids().get(0)));
                    assertFalse(second.pids().contains(third.pids().get(0)));
                    assertNotEquals(first.pids(), second.pids());
                    // And the first function's environment still answers as the first function.
                    assertEquals("first", report(first).get("AWS_LAMBDA_FUNCTION_NAME").asText());
                }
            }
        }
    }

    @Test
    void anEnvironmentIsHandedToOneFunctionOnly() throws Exception {
        FunctionSpec template = WarmEnvironments.Shape.of(spec("x", "a", EnvironmentReport.class, Map.of()), settings)
                .template(dir.resolve("solo"));
        ExecutionEnvironment environment = ExecutionEnvironment.prewarm(template, settings, SANDBOX, apiThreads,
                dir.resolve("solo"));
        try {
            environment.bind(spec("first", "a", EnvironmentReport.class, Map.of()), event -> { });

            assertThrows(IllegalStateException.class,
                    () -> environment.bind(spec("second", "b", EnvironmentReport.class, Map.of()), event -> { }));
            assertEquals("first", environment.function().functionName());
        } finally {
            environment.kill();
        }
    }

    @Test
    void aFunctionWithVariablesTheJvmReadsAtStart_getsAJvmStartedForIt() throws Exception {
        try (EnvironmentPool first = pool(spec("first", "a", EnvironmentReport.class, Map.of()))) {
            report(first);
            long waiting = awaitWaiting();
            try (EnvironmentPool pool = pool(spec("tuned", "b", EnvironmentReport.class,
                    Map.of("JAVA_TOOL_OPTIONS", "-Dtuned=yes")))) {
                report(pool);

                assertNotEquals(List.of(waiting), pool.pids());
                assertTrue(warm.waitingPids().contains(waiting), "the waiting JVM was used");
            }
        }
        assertTrue(WarmEnvironments.readAtStart("LD_PRELOAD"));
        assertTrue(WarmEnvironments.readAtStart("_JAVA_OPTIONS"));
        assertFalse(WarmEnvironments.readAtStart("TABLE_NAME"));
    }

    @Test
    void aPrewarmedEnvironment_isConfinedAsAnyOther() throws Exception {
        Sandbox sandbox = SANDBOX;
        assumeTrue(sandbox.confines(), "environments are not confined here: " + sandbox.description());
        try (EnvironmentPool first = pool(spec("first", "a", SandboxReport.class, Map.of()))) {
            invoke(first);
            long waiting = awaitWaiting();
            try (EnvironmentPool pool = pool(spec("second", "b", SandboxReport.class, Map.of()))) {
                JsonNode report = payload(invoke(pool, Map.of("writeTo", List.of("/var/task", dir.toString(), "/tmp"),
                        "lookFor", ProcessHandle.current().pid())));

                assertEquals(List.of(waiting), pool.pids());
                JsonNode writes = report.get("writes");
                assertTrue(writes.get("/var/task").asText().startsWith("refused"), writes.toString());
                assertTrue(writes.get(dir.toString()).asText().startsWith("refused"), writes.toString());
                assertEquals("written", writes.get("/tmp").asText(), writes.toString());
                assertEquals("/var/task", report.get("userDir").asText());
                assertFalse(report.get("seesPid").asBoolean());
                assertNotEquals("0", report.get("uid").asText());
            }
        }
    }

    @Test
    void closing_stopsTheWaitingEnvironments() throws Exception {
        try (EnvironmentPool first = pool(spec("first", "a", EnvironmentReport.class, Map.of()))) {
            report(first);
            long waiting = awaitWaiting();

            warm.close();

            // Done when close returns: a caller may delete the pool's directory next.
            assertFalse(ProcessHandle.of(waiting).map(ProcessHandle::isAlive).orElse(false));
            assertEquals(List.of(), warm.waitingPids());
            assertEquals(List.of(), leftBelow(dir.resolve("prewarmed")));
        }
    }

    @Test
    void closing_whileAReplacementStarts_leavesNothingBelowItsDirectory() throws Exception {
        try (EnvironmentPool first = pool(spec("first", "a", EnvironmentReport.class, Map.of()))) {
            // The function's arrival starts a waiting environment of its shape; close while that start may be under way.
            report(first);

            warm.close();

            assertEquals(List.of(), warm.waitingPids());
            assertEquals(List.of(), leftBelow(dir.resolve("prewarmed")));
        }
    }

    private static List<Path> leftBelow(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    @Test
    void aFunctionStartingFromAnotherArchive_neverTakesAJvmStartedWithoutIt() throws Exception {
        try (EnvironmentPool first = pool(spec("plain", "a", EnvironmentReport.class, Map.of()))) {
            report(first);
            long waiting = awaitWaiting();
            // What an SDK layer's own class-data archive gives its functions (LayerArchives).
            RuntimeSettings layered = new RuntimeSettings(settings.javaExecutable(), settings.classPath(),
                    settings.runtimeDir(), dir.resolve("sdk-layer.jsa"), settings.endpointUrl());
            try (EnvironmentPool pool = new EnvironmentPool(spec("layered", "b", EnvironmentReport.class, Map.of()),
                    layered, SANDBOX, apiThreads, log, 2, warm)) {
                report(pool);

                // (The waiting JVM may be gone by now: the refill for the new shape evicts the oldest beyond 2.)
                assertNotEquals(List.of(waiting), pool.pids(), "the JVM waiting without the archive was used");
            }
        }
    }

    @Test
    void twoShapesInUse_eachKeepsAWaitingJvmInsteadOfEvictingTheOthers() throws Exception {
        // The warm pool holds 2 here; a shape used alone is topped up to both.
        try (EnvironmentPool small = pool(spec("small", "a", EnvironmentReport.class, Map.of()))) {
            report(small);
            await().atMost(PATIENCE).until(() -> warm.waitingMemorySizes().equals(List.of(128, 128)));
            FunctionSpec bigger = new FunctionSpec("000000000000", "us-east-1", "bigger",
                    "arn:aws:lambda:us-east-1:000000000000:function:bigger", "java17",
                    EnvironmentReport.class.getName() + "::handle", 256, 30, Map.of(), dir.resolve("b"),
                    dir.resolve("environments-bigger"));
            try (EnvironmentPool pool = pool(bigger)) {
                report(pool);

                // The bigger function's JVM is replaced one for one, evicting from the shape with the most waiting.
                await().atMost(PATIENCE).until(() -> warm.waitingMemorySizes().contains(256));
                assertEquals(List.of(128, 256), warm.waitingMemorySizes());
                try (EnvironmentPool again = pool(spec("small-again", "a", EnvironmentReport.class, Map.of()))) {
                    report(again);
                    await().atMost(PATIENCE).until(() -> warm.waitingMemorySizes().size() == 2);
                    assertEquals(List.of(128, 256), warm.waitingMemorySizes().stream().sorted().toList());
                }
            }
        }
    }

    @Test
    void prepare_startsOneJvmForTheShape_whichTheFirstSuchFunctionTakes() throws Exception {
        warm.prepare("java17", 128, 30, settings);
        warm.prepare("java17", 128, 30, settings);
        long waiting = awaitWaiting();
        await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> warm.waitingPids().size() == 1);

        try (EnvironmentPool pool = pool(spec("first", "a", EnvironmentReport.class, Map.of()))) {
            report(pool);

            assertEquals(List.of(waiting), pool.pids(), "the function did not get the JVM prepared for it");
        }
    }

    @Test
    void aFunctionWithPlatformBuiltLayers_findsTheirClassesLoadedYetItsOwnCredentialsAndRegion() throws Exception {
        HandOver handOver = handOver("eu-central-1");

        assertFalse(handOver.cold().get("sdkLoadedByParent").asBoolean(), handOver.cold().toString());
        JsonNode report = handOver.second();
        assertTrue(report.get("sdkLoaderIsAncestor").asBoolean(), report.toString());
        // The warm-up's own credentials and region (system properties meanwhile) left nothing behind.
        assertEquals("eu-central-1", report.get("region").asText());
        assertEquals("eu-central-1", report.get("clientRegion").asText());
        assertEquals(report.get("functionAccessKeyId").asText(), report.get("accessKeyId").asText());
        assertNotEquals("training", report.get("accessKeyId").asText());
        assertEquals("null", report.get("accessKeyProperty").asText());
        assertEquals("null", report.get("regionProperty").asText());
    }

    @Test
    void aFunctionBundlingJars_loadsItsLayersItselfAsLambdaOrdersThem() throws Exception {
        // Lambda puts lib/*.jar before the layers; a loader asking the loaded layers first would turn that around.
        Files.createDirectories(dir.resolve("d").resolve("lib"));
        Files.copy(SdkJars.ssmLayer().get(0), dir.resolve("d").resolve("lib").resolve("own.jar"));

        JsonNode report = handOver("us-east-1").second();

        assertFalse(report.get("sdkLoadedByParent").asBoolean(), report.toString());
        assertEquals("us-east-1", report.get("clientRegion").asText());
    }

    @Test
    void aFunctionWithLibJarsOfItsOwnPackages_findsItsLayersLoaded_andResourcesInLambdasOrder() throws Exception {
        // What the platform adds for a handler of an event type: aws-lambda-java-events (and joda-time) in lib.
        Path lib = Files.createDirectories(dir.resolve("d").resolve("lib"));
        ownJar(lib.resolve("events.jar"), "com/example/events/OrderEvent.class", null);

        JsonNode report = handOver("us-east-1").second();

        assertTrue(report.get("sdkLoaderIsAncestor").asBoolean(), report.toString());
        List<String> manifests = new ArrayList<>();
        report.get("manifests").forEach(url -> manifests.add(url.asText()));
        int ownJar = indexOf(manifests, "/events.jar!");
        int firstLayerJar = indexOf(manifests, "/" + SdkJars.ssmLayer().get(0).getFileName() + "!");
        assertTrue(ownJar >= 0 && firstLayerJar > ownJar, "lib jars before the layers, as on Lambda: " + manifests);
        assertEquals(manifests.get(0), report.get("firstManifest").asText());
    }

    @Test
    void aFunctionWithALibJarReachingFurther_loadsItsLayersItself() throws Exception {
        // A Class-Path in the manifest adds jars the check did not look into, which could hold the layers' packages.
        Path lib = Files.createDirectories(dir.resolve("d").resolve("lib"));
        ownJar(lib.resolve("reaching.jar"), "com/example/Reaching.class", "sdk-copy.jar");

        JsonNode report = handOver("us-east-1").second();

        assertFalse(report.get("sdkLoadedByParent").asBoolean(), report.toString());
    }

    @Test
    void aFunctionWithAVersionedClassInALayerPackage_loadsItsLayersItself() throws Exception {
        // A multi-release jar's META-INF/versions/17/... classes load as their unversioned names on Java 17.
        Path lib = Files.createDirectories(dir.resolve("d").resolve("lib"));
        ownJar(lib.resolve("versioned.jar"),
                "META-INF/versions/11/software/amazon/awssdk/services/ssm/SsmClient.class", null);

        JsonNode report = handOver("us-east-1").second();

        assertFalse(report.get("sdkLoadedByParent").asBoolean(), report.toString());
    }

    @Test
    void aFunctionWithAFolderNamedLikeAJarInLib_loadsItsLayersItself() throws Exception {
        // The class path takes lib/*.jar folders too, and a folder's classes are not read as a jar's.
        Files.createDirectories(dir.resolve("d").resolve("lib").resolve("classes.jar")
                .resolve("software/amazon/awssdk/services/ssm"));

        JsonNode report = handOver("us-east-1").second();

        assertFalse(report.get("sdkLoadedByParent").asBoolean(), report.toString());
    }

    /** A jar with a manifest (and {@code classPath} in it, when not null) and one entry of made-up bytes. */
    private static void ownJar(Path jar, String entry, String classPath) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
            out.closeEntry();
        }
    }

    private static int indexOf(List<String> urls, String part) {
        for (int i = 0; i < urls.size(); i++) {
            if (urls.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void onABusyMachine_withAnotherFunctionRunningBeside_aWaitingEnvironmentLeavesItsLayersToItsFunction()
            throws Exception {
        warm.close();
        warm = new WarmEnvironments(apiThreads, dir.resolve("prewarmed-busy"), 2, SANDBOX, () -> true);

        // A second grading's function, still running while the layered one's replacement starts.
        try (EnvironmentPool beside = pool(spec("beside", "a", EnvironmentReport.class, Map.of()))) {
            report(beside);
            awaitWaiting();
            JsonNode report = handOver("us-east-1", Set.copyOf(warm.waitingPids())).second();

            assertFalse(report.get("sdkLoadedByParent").asBoolean(), report.toString());
            assertEquals("us-east-1", report.get("clientRegion").asText());
        }
    }

    @Test
    void onABusyMachine_oneGradingAtATime_stillGetsItsLayersLoadedAhead() throws Exception {
        // One grading after another keeps the CPUs busy by itself; the warm-up then takes CPU from nobody.
        warm.close();
        warm = new WarmEnvironments(apiThreads, dir.resolve("prewarmed-busy"), 2, SANDBOX, () -> true);

        JsonNode report = handOver("us-east-1").second();

        assertTrue(report.get("sdkLoaderIsAncestor").asBoolean(), report.toString());
        assertEquals("us-east-1", report.get("clientRegion").asText());
    }

    /** What a function with the SSM layer reported cold, and what the next one reported in the JVM waiting for it. */
    private record HandOver(JsonNode cold, JsonNode second) {
    }

    /**
     * Runs a function with platform-built layers (code in "c", started cold), then a second (code in "d", in
     * {@code region}) in the JVM that waited after the first, and checks that it did get that JVM.
     */
    private HandOver handOver(String region) throws IOException {
        return handOver(region, Set.of());
    }

    /** As {@link #handOver(String)}, with {@code ignored} JVMs (of other shapes) already waiting. */
    private HandOver handOver(String region, Set<Long> ignored) throws IOException {
        RuntimeSettings warmLayers = settings.withWarmLayers();
        FunctionZips.unpack(dir.resolve("c"), LayerWarmthReport.class);
        FunctionZips.unpack(dir.resolve("d"), LayerWarmthReport.class);
        try (EnvironmentPool first = new EnvironmentPool(layered("first", "c", "us-east-1"), warmLayers, SANDBOX,
                apiThreads, log, 2, warm)) {
            JsonNode cold = report(first);
            long waiting = awaitWaitingOtherThan(ignored);
            try (EnvironmentPool pool = new EnvironmentPool(layered("second", "d", region), warmLayers, SANDBOX,
                    apiThreads, log, 2, warm)) {
                JsonNode second = report(pool);
                assertEquals(List.of(waiting), pool.pids(), "the second function did not get the waiting JVM");
                return new HandOver(cold, second);
            }
        }
    }

    /** A function with the SSM layer's jars, reporting where its SDK classes came from. */
    private FunctionSpec layered(String name, String code, String region) {
        return new FunctionSpec("000000000000", region, name,
                "arn:aws:lambda:" + region + ":000000000000:function:" + name, "java17",
                LayerWarmthReport.class.getName() + "::handle", 256, 30, Map.of(), dir.resolve(code),
                dir.resolve("environments-" + name), "$LATEST", SdkJars.ssmLayer(),
                FunctionSpec.DEFAULT_EPHEMERAL_STORAGE_MB);
    }

    private EnvironmentPool pool(FunctionSpec spec) {
        return new EnvironmentPool(spec, settings, SANDBOX, apiThreads, log, 2, warm);
    }

    /** The pid of the one environment waiting, once the refill after the last launch has started it. */
    private long awaitWaiting() {
        await().atMost(PATIENCE).until(() -> !warm.waitingPids().isEmpty());
        return warm.waitingPids().get(0);
    }

    /** The pid of a waiting environment not among {@code ignored}, once there is one. */
    private long awaitWaitingOtherThan(Set<Long> ignored) {
        await().atMost(PATIENCE).until(() -> warm.waitingPids().stream().anyMatch(pid -> !ignored.contains(pid)));
        return warm.waitingPids().stream().filter(pid -> !ignored.contains(pid)).findFirst().orElseThrow();
    }

    private FunctionSpec spec(String name, String code, Class<?> handler, Map<String, String> variables) {
        return new FunctionSpec("000000000000", "us-east-1", name,
                "arn:aws:lambda:us-east-1:000000000000:function:" + name, "java17", handler.getName() + "::handle", 128,
                30, variables, dir.resolve(code), dir.resolve("environments-" + name));
    }

    private static JsonNode report(EnvironmentPool pool) throws IOException {
        return payload(invoke(pool));
    }

    private static InvocationResult invoke(EnvironmentPool pool) throws IOException {
        return invoke(pool, Map.of());
    }

    private static InvocationResult invoke(EnvironmentPool pool, Map<String, Object> event) throws IOException {
        return pool.invoke(new InvokeInput(UUID.randomUUID().toString(), JSON.writeValueAsBytes(event), null));
    }

    private static JsonNode payload(InvocationResult result) throws IOException {
        assertFalse(result.failed(), () -> new String(result.payload(), StandardCharsets.UTF_8));
        return JSON.readTree(result.payload());
    }
}

package dev.serverlesslab.emulator.lambda;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.lambda.runtime.JavaRuntimes;
import dev.serverlesslab.emulator.lambda.runtime.LayerArchives;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeClasspath;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeJvms;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeSettings;
import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import fixtures.ArchiveReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Functions with an AWS SDK layer start from that layer's own class-data sharing archive once it is recorded, but only
 * when the platform built the layer: the archive each environment's JVM has mapped is what the handler reports.
 */
class LayerArchiveBackendTests {

    /** What confines environments on this machine, detected once for the class as an emulator does at start. */
    private static final Sandbox SANDBOX = Sandbox.detect();

    private static final AccountRegion SCOPE = new AccountRegion(AccountRegion.DEFAULT_ACCOUNT, "us-east-1");
    private static final byte[] SDK_LAYER = sdkLayerZip(false);

    @TempDir
    Path workDir;
    private Path platformLayers;
    private LambdaBackend backend;

    @BeforeEach
    void start() throws IOException {
        Path runtime = workDir.resolve("runtime");
        platformLayers = Files.createDirectories(workDir.resolve("platform-layers"));
        RuntimeSettings settings = new RuntimeSettings(RuntimeSettings.currentJava(),
                RuntimeClasspath.prepare(runtime), runtime, runtime.resolve("lambda-runtime.jsa"),
                "http://127.0.0.1:4566");
        backend = new LambdaBackend(workDir.resolve("lambda"),
                new RuntimeJvms(settings, JavaRuntimes.discover(), new LayerArchives(platformLayers, true)),
                account -> null, SANDBOX);
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void invoke_withAPlatformBuiltSdkLayer_startsFromTheLayersArchiveOnceItIsRecorded() throws IOException {
        Files.write(platformLayers.resolve("sdk-test.zip"), SDK_LAYER);
        String layer = publish("sdk", SDK_LAYER);

        String first = invoke(create("before", layer));
        await().atMost(Duration.ofMinutes(3)).until(() -> archives().size() == 1);
        String later = invoke(create("after", layer));

        assertFalse(first.contains(platformLayers.toString()), first);
        Path archive = archives().get(0);
        assertTrue(archive.getFileName().toString().startsWith("sdk-test."), archive.toString());
        assertTrue(later.lines().anyMatch(line -> line.equals(archive.toString())),
                "the environment did not map " + archive + ": " + later);
    }

    @Test
    void invoke_withALayerThePlatformDidNotBuild_neverRecordsAnArchive() throws Exception {
        Files.write(platformLayers.resolve("sdk-test.zip"), SDK_LAYER);
        // The same SDK jars and one more file: any account can publish such a zip, and its classes are its own.
        String layer = publish("learners", sdkLayerZip(true));

        String report = invoke(create("learners", layer));
        // A recording would start in the background after the first invoke: watch the cache stay as it was for a while.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> archives().isEmpty());
        invoke(create("learners-again", layer));

        assertFalse(report.contains(platformLayers.toString()), report);
        try (Stream<Path> files = Files.list(platformLayers)) {
            assertEquals(List.of(platformLayers.resolve("sdk-test.zip")), files.toList());
        }
    }

    @Test
    void invoke_withAStaleArchive_runsFromTheDefaultOne() throws IOException {
        Files.write(platformLayers.resolve("sdk-test.zip"), SDK_LAYER);
        String layer = publish("sdk", SDK_LAYER);
        invoke(create("recording", layer));
        await().atMost(Duration.ofMinutes(3)).until(() -> archives().size() == 1);
        // What an archive recorded by another build of the JDK or the bootstrap amounts to: one the JVM refuses.
        Path archive = archives().get(0);
        archive.toFile().setWritable(true);
        Files.write(archive, "not an archive".getBytes(StandardCharsets.UTF_8));

        String report = invoke(create("stale", layer));

        assertFalse(report.contains(archive.toString()), report);
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(platformLayers)) {
            return files.filter(file -> file.toString().endsWith(".jsa")).toList();
        }
    }

    private String publish(String name, byte[] zip) {
        return backend.layers().publish(SCOPE, name, new LayerStore.PublishLayerVersionRequest(
                new LayerStore.PublishLayerVersionRequest.Content(zip, null, null), "SDK", List.of("java17"), null,
                null)).layerVersionArn();
    }

    private String create(String name, String layer) {
        backend.createFunction(SCOPE, new CreateFunctionRequest(name, "java17", RunningEmulator.ROLE,
                ArchiveReport.class.getName() + "::handle", new CreateFunctionRequest.FunctionCode(
                        FunctionZips.of(ArchiveReport.class), null, null, null, null), null, 30, 512, null, null,
                null, null, null, List.of(layer), null, null, null));
        return name;
    }

    private String invoke(String name) {
        InvokeResponse response = backend.invoke(SCOPE, new InvokeRequest(name, null, InvocationType.RequestResponse,
                "{}".getBytes(StandardCharsets.UTF_8), null));
        String payload = new String(response.payload(), StandardCharsets.UTF_8);
        assertNull(response.functionError(), payload + "\n" + response.log());
        // A JSON string of paths, one a line.
        return payload.substring(1, payload.length() - 1).replace("\\n", "\n");
    }

    /** A layer like the platform's SSM layer ({@link SdkJars#ssmLayer}), with one more file when asked. */
    private static byte[] sdkLayerZip(boolean extraFile) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path jar : SdkJars.ssmLayer()) {
                zip.putNextEntry(new ZipEntry("java/lib/" + jar.getFileName()));
                zip.write(Files.readAllBytes(jar));
                zip.closeEntry();
            }
            if (extraFile) {
                zip.putNextEntry(new ZipEntry("java/lib/README.txt"));
                zip.write("mine".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}

package dev.serverlesslab.emulator.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fixtures.NativeHogMain;
import dev.serverlesslab.emulator.lambda.bootstrap.LaunchParameters;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where no cgroup can be made, the address-space rlimit and JVM flags must still let the smallest function's JVM
 * start, and still stop native memory far past the function's size (the real sandbox, without cgroups).
 */
class AddressSpaceFallbackTests {

    /** What confines environments on this machine, detected once for the class as an emulator does at start. */
    private static final Sandbox SANDBOX = Sandbox.detect();

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private RuntimeSettings settings;

    @BeforeEach
    void prepare() throws Exception {
        assumeTrue(SANDBOX.confines(), "no sandbox here: " + SANDBOX.description());
        boolean root = Sandbox.runningAsRoot();
        SandboxCommand command = SandboxCommand.forJdk(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/prlimit"),
                root ? Path.of("/usr/bin/setpriv") : null, RuntimeSettings.currentJava(),
                SeccompFilter.forHost().isPresent());
        sandbox = Sandbox.of(command, Cgroups.none("switched off for this test"));
        Path classes = Path.of(NativeHogMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        settings = new RuntimeSettings(RuntimeSettings.currentJava(), List.of(classes), classes, null,
                "http://127.0.0.1:1");
        Files.createDirectories(dir.resolve("task"));
    }

    @Test
    void smallestFunction_stillStartsItsJvm_andUsesNativeMemoryWithinItsSize() throws Exception {
        String output = hog(128, 64);

        assertTrue(output.contains("allocated 64 MB"), output);
    }

    @Test
    void nativeMemoryFarPastTheFunctionsSize_isRefused() throws Exception {
        String output = hog(256, 1536);

        Matcher refused = Pattern.compile("refused after (\\d+) MB").matcher(output);
        assertTrue(refused.find(), output);
        long reached = Long.parseLong(refused.group(1));
        assertTrue(reached < 256 + (JvmMemoryFlags.OVERHEAD_BYTES >> 20), "got " + reached + " MB");
    }

    /** Runs {@link NativeHogMain} in the environment's exact JVM command line and sandbox, minus the cgroup. */
    private String hog(int memoryMb, int megabytes) throws Exception {
        String output;
        int exit;
        FunctionSpec function = new FunctionSpec("000000000000", "us-east-1", "hog", "arn", "java17", "a.B::c",
                memoryMb, 3, Map.of(), dir.resolve("task"), dir.resolve("envs"));
        try (EnvironmentNetwork network = EnvironmentNetwork.open(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 1), "http://127.0.0.1:4566")) {
            ChildProcessSpec spec = ChildProcessSpec.build(function, settings, dir, "127.0.0.1:1",
                    LaunchParameters.direct("token", "secret"), "stream", sandbox, network);
            // The command ends with the bootstrap's main class: the hog runs in its place, on the same JVM flags.
            List<String> command = new ArrayList<>(spec.command().subList(0, spec.command().size() - 1));
            command.addAll(List.of(NativeHogMain.class.getName(), Integer.toString(megabytes)));
            Process process = new ProcessBuilder(sandbox.launch(command, Optional.empty(), dir))
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM did not finish");
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            exit = process.exitValue();
        }
        assertEquals(output.contains("refused") ? 3 : 0, exit, output);
        return output;
    }
}

package dev.serverlesslab.emulator.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.serverlesslab.emulator.lambda.bootstrap.LaunchParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox decision and the bubblewrap command line, checked without running either. */
class SandboxTests {

    @TempDir
    Path dir;
    @RegisterExtension
    final CommandLineFixture commandLine = new CommandLineFixture();
    private final RuntimeSettings settings = CommandLineFixture.SETTINGS;

    @Test
    void detect_switchedOffByTheVariable_runsPlainProcesses_andSaysWhy() {
        Sandbox sandbox = Sandbox.detect(Map.of(Sandbox.SWITCH_VARIABLE, "off"), null, true);

        assertFalse(sandbox.confines());
        assertEquals("off: turned off by SERVERLESSLAB_SANDBOX=off", sandbox.description());
    }

    @Test
    void detect_systemPropertyWinsOverTheVariable() {
        Sandbox sandbox = Sandbox.detect(Map.of(Sandbox.SWITCH_VARIABLE, "on", "PATH", "/nowhere"), "false", true);

        assertEquals("off: turned off by SERVERLESSLAB_SANDBOX=false", sandbox.description());
    }

    @Test
    void detect_withoutBwrapOnThePath_fallsBack_namingThePackageToInstall() {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "bubblewrap is Linux only");

        Sandbox sandbox = Sandbox.detect(Map.of("PATH", dir.toString()), null, true);

        assertFalse(sandbox.confines());
        assertTrue(sandbox.description().contains("bwrap is not installed")
                && sandbox.description().contains("apt-get install bubblewrap"), sandbox.description());
    }

    @Test
    void detect_whenTheProbeFails_fallsBack_withWhatTheProbeSaid() throws IOException {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "bubblewrap is Linux only");
        for (String tool : List.of("bwrap", "prlimit", "setpriv")) {
            Path script = Files.writeString(dir.resolve(tool), "#!/bin/sh\necho 'No permissions to create new namespace' >&2\nexit 1\n");
            assertTrue(script.toFile().setExecutable(true));
        }

        Sandbox sandbox = Sandbox.detect(Map.of("PATH", dir.toString()), null, true);

        assertFalse(sandbox.confines());
        assertTrue(sandbox.description().contains("cannot confine a process here: No permissions to create new "
                + "namespace"), sandbox.description());
    }

    @Test
    void plain_leavesTheCommandAlone_andKeepsTmpInTheEnvironmentsDirectory() {
        Sandbox plain = Sandbox.none("test");
        List<String> java = List.of("/jdk/bin/java", "-version");

        assertEquals(java, plain.wrap(java, function(), settings, null));
        assertEquals(Path.of("/e/env-1/tmp"), plain.tmpDir(Path.of("/e/env-1")));
    }

    @Test
    void command_isolatesPidsAndSession_andDiesWithTheEmulator() {
        List<String> prefix = rootCommand().prefix(function(), settings, commandLine.network(), false);

        assertEquals("/usr/bin/bwrap", prefix.get(0));
        assertTrue(prefix.containsAll(List.of("--die-with-parent", "--new-session", "--unshare-pid")), prefix.toString());
    }

    @Test
    void command_givesAnOwnNetwork_reachingOutOnlyThroughTheEnvironmentsSockets_withNoDns() {
        List<String> prefix = rootCommand().prefix(function(), settings, commandLine.network(), false);

        assertTrue(prefix.contains("--unshare-net"), prefix.toString());
        String sockets = commandLine.network().directory().toString();
        assertTrue(Collections.indexOfSubList(prefix, List.of("--ro-bind", sockets, "/run/serverlesslab")) > 0,
                prefix.toString());
        for (String file : List.of("hosts", "resolv.conf", "nsswitch.conf")) {
            assertTrue(Collections.indexOfSubList(prefix, List.of("--ro-bind", sockets + "/" + file, "/etc/" + file))
                    > 0, prefix.toString());
            assertFalse(Collections.indexOfSubList(prefix, List.of("--ro-bind", "/etc/" + file, "/etc/" + file)) >= 0,
                    "the host's " + file + " must stay outside: " + prefix);
        }
        assertTrue(prefix.indexOf("--unshare-net") < prefix.indexOf("--"), prefix.toString());
    }

    @Test
    void probe_triesTheNetworkNamespaceToo_soAHostThatCannotMakeOneFallsBack() {
        assertTrue(rootCommand().probePrefix().contains("--unshare-net"));
    }

    @Test
    void command_givesAPrivateWritableTmp_andTheJvmUsesIt() {
        List<String> prefix = rootCommand().prefix(function(), settings, commandLine.network(), false);

        assertEquals(List.of("--perms", "1777", "--size", Long.toString(512L * 1024 * 1024), "--tmpfs", "/tmp"),
                prefix.subList(prefix.indexOf("--tmpfs") - 4, prefix.indexOf("--tmpfs") + 2));
        assertEquals(Path.of("/tmp"), Sandbox.of(rootCommand()).tmpDir(Path.of("/e/env-1")));
    }

    @Test
    void command_bindsCodeReadOnlyAtVarTask_andLayersAtTheirOwnPaths_andStartsInTheCode() throws IOException {
        Path task = Files.createDirectories(dir.resolve("fn/task"));
        Path layer = Files.createFile(dir.resolve("layer.jar"));
        FunctionSpec withLayer = new FunctionSpec("000000000000", "us-east-1", "f", "arn", "java17", "a.B::c", 128, 3,
                Map.of(), task, dir.resolve("envs"), "$LATEST", List.of(layer));

        List<String> prefix = rootCommand().prefix(withLayer, settings, commandLine.network(), false);

        assertTrue(Collections.indexOfSubList(prefix, List.of("--ro-bind", task.toString(), "/var/task")) > 0,
                prefix.toString());
        assertTrue(Collections.indexOfSubList(prefix, List.of("--ro-bind", layer.toString(), layer.toString())) > 0,
                prefix.toString());
        assertTrue(Collections.indexOfSubList(prefix, List.of("--chdir", "/var/task")) > 0, prefix.toString());
        assertFalse(prefix.contains("--bind"), "nothing of the host is writable: " + prefix);
    }

    @Test
    void command_makesTheParentsOfABindCrossable_forTheUnprivilegedUid() throws IOException {
        Path task = Files.createDirectories(dir.resolve("fn/task"));
        Path layer = Files.createFile(Files.createDirectories(dir.resolve("layers/l1")).resolve("layer.jar"));
        FunctionSpec function = new FunctionSpec("000000000000", "us-east-1", "f", "arn", "java17", "a.B::c", 128, 3,
                Map.of(), task, dir.resolve("envs"), "$LATEST", List.of(layer));

        List<String> prefix = rootCommand().prefix(function, settings, commandLine.network(), false);

        assertTrue(Collections.indexOfSubList(prefix, List.of("--perms", "0755", "--dir",
                dir.resolve("layers/l1").toString())) > 0, prefix.toString());
        assertTrue(Collections.indexOfSubList(prefix, List.of("--perms", "0755", "--dir", "/var")) > 0,
                prefix.toString());
    }

    @Test
    void command_asRoot_withoutCgroups_dropsToNobodyWithNoCapabilities_underProcessCpuAndAddressSpaceLimits() {
        List<String> prefix = rootCommand().prefix(function(), settings, commandLine.network(), false);

        // 128 MB, 3 s: one CPU for init (10 s) plus ten spinning invocations; address space 128 MB + 512 MB.
        List<String> tail = prefix.subList(prefix.indexOf("--") + 1, prefix.size());
        assertEquals(List.of("/usr/bin/prlimit", "--nproc=1024:1024", "--cpu=40:45", "--as=671088640:671088640",
                "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all",
                "--bounding-set=-all", "--no-new-privs", "--"), tail);
    }

    @Test
    void command_asRoot_withACgroup_leavesMemoryAndProcessesToTheCgroup() {
        List<String> prefix = rootCommand().prefix(function(), settings, commandLine.network(), true);

        List<String> tail = prefix.subList(prefix.indexOf("--") + 1, prefix.size());
        assertEquals(List.of("/usr/bin/prlimit", "--nproc=65536:65536", "--cpu=40:45"), tail.subList(0, 3));
        assertFalse(tail.stream().anyMatch(arg -> arg.startsWith("--as=")), tail.toString());
    }

    @Test
    void command_asAnOrdinaryUser_keepsItsUid_butStillLimitsProcesses_andDropsCapabilities() {
        SandboxCommand user = new SandboxCommand(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/prlimit"), null, Set.of());

        List<String> prefix = user.prefix(function(), settings, commandLine.network(), false);

        assertEquals(List.of("/usr/bin/prlimit", "--nproc=1024:1024", "--cpu=40:45", "--as=671088640:671088640"),
                prefix.subList(prefix.indexOf("--") + 1, prefix.size()));
        assertTrue(Collections.indexOfSubList(prefix, List.of("--cap-drop", "ALL")) > 0, prefix.toString());
        assertTrue(Sandbox.of(user).description().contains("the emulator's own uid"), Sandbox.of(user).description());
    }

    @Test
    void jdkPaths_ofDebiansJdk_includeItsConfigurationUnderEtc() {
        assumeTrue(Files.isDirectory(Path.of("/etc/java-17-openjdk"))
                        && RuntimeSettings.currentJava().toString().startsWith("/usr/lib/jvm/java-17-openjdk"),
                "this JDK is not Debian's OpenJDK 17, whose conf/ links into /etc/java-17-openjdk");

        assertTrue(SandboxCommand.jdkPaths(RuntimeSettings.currentJava()).contains(Path.of("/etc/java-17-openjdk")));
    }

    @Test
    void childProcessSpec_underTheSandbox_startsBwrap_andEndsWithTheBootstrap() {
        ChildProcessSpec spec = ChildProcessSpec.build(function(), settings, Path.of("/e/env-1"), "127.0.0.1:34567",
                LaunchParameters.direct("token", "secret"), "stream", Sandbox.of(rootCommand()), commandLine.network());

        List<String> command = spec.command();
        assertEquals("/usr/bin/bwrap", command.get(0));
        assertTrue(command.contains("-Djava.io.tmpdir=/tmp"), command.toString());
        assertEquals(ChildProcessSpec.BOOTSTRAP_MAIN, command.get(command.size() - 1));
        assertEquals("/jdk/bin/java", command.get(command.indexOf("--no-new-privs") + 2));
    }

    @Test
    void childProcessSpec_underTheSandbox_pointsTheSdkAndRuntimeAtTheRelays_onTheNamespacesLoopback() {
        ChildProcessSpec spec = ChildProcessSpec.build(function(), settings, Path.of("/e/env-1"), "127.0.0.1:34567",
                LaunchParameters.direct("token", "secret"), "stream", Sandbox.of(rootCommand()), commandLine.network());

        assertEquals("127.0.0.1:9001", spec.environment().get("AWS_LAMBDA_RUNTIME_API"));
        assertEquals("http://127.0.0.1:4566", spec.environment().get("AWS_ENDPOINT_URL"));
        String stdin = new String(spec.stdin(), StandardCharsets.UTF_8);
        assertTrue(stdin.contains("runtime-socket=/run/serverlesslab/runtime.sock\nruntime-port=9001\n")
                && stdin.contains("aws-socket=/run/serverlesslab/aws.sock\naws-port=4566\n"), stdin);
    }

    private static SandboxCommand rootCommand() {
        return new SandboxCommand(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/prlimit"), Path.of("/usr/bin/setpriv"),
                Set.of());
    }

    private FunctionSpec function() {
        return new FunctionSpec("000000000000", "us-east-1", "f", "arn:aws:lambda:us-east-1:000000000000:function:f",
                "java17", "a.B::c", 128, 3, Map.of(), dir, dir.resolve("envs"));
    }
}

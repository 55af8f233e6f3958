package dev.serverlesslab.emulator.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The limits an environment gets from its function, and the launcher that puts it in its cgroup and filter. */
class SandboxLimitsTests {

    @TempDir
    Path dir;
    @RegisterExtension
    final CommandLineFixture commandLine = new CommandLineFixture();
    private final RuntimeSettings settings = CommandLineFixture.SETTINGS;

    @Test
    void tmp_isSizedByTheFunctionsEphemeralStorage() {
        List<String> prefix = command(true).prefix(function(128, 1024), settings, commandLine.network(), true);

        assertEquals(List.of("--size", Long.toString(1024L << 20), "--tmpfs", "/tmp"),
                prefix.subList(prefix.indexOf("--tmpfs") - 2, prefix.indexOf("--tmpfs") + 2));
    }

    @Test
    void seccomp_isReadFromTheLaunchersDescriptor_onlyWhenThereIsAFilter() {
        List<String> with = command(true).prefix(function(128, 512), settings, commandLine.network(), true);
        List<String> without = command(false).prefix(function(128, 512), settings, commandLine.network(), true);

        int separator = with.indexOf("--");
        assertTrue(Collections.indexOfSubList(with.subList(0, separator), List.of("--seccomp", "3")) > 0,
                with.toString());
        assertFalse(without.contains("--seccomp"), without.toString());
    }

    @Test
    void limits_followLambda_oneVcpuPer1769Mb_andCpuTimeForInitPlusTenTimeouts() {
        assertEquals(1, EnvironmentLimits.of(function(1769, 512)).cpuCores());
        assertEquals(2, EnvironmentLimits.of(function(1770, 512)).cpuCores());
        assertEquals(6, EnvironmentLimits.of(function(10_240, 512)).cpuCores());
        assertEquals(1024, EnvironmentLimits.of(function(1769, 512)).cpuShares());
        assertEquals(100, EnvironmentLimits.of(function(1769, 512)).cpuWeight());
        assertTrue(EnvironmentLimits.of(function(128, 512)).cpuShares() < 100);
        assertEquals(2L * (10 + 10 * 3), EnvironmentLimits.of(function(3538, 512)).cpuSeconds());
        assertEquals(256L << 20, EnvironmentLimits.of(function(256, 512)).memoryBytes());
    }

    @Test
    void launcher_joinsEveryCgroupWithItsOwnPid_thenExecsWithTheFilterOnDescriptor3() throws Exception {
        Path memory = Files.createFile(dir.resolve("memory.procs"));
        Path pids = Files.createFile(dir.resolve("pids.procs"));
        Path filter = Files.writeString(dir.resolve("filter.bpf"), "the filter's bytes");

        Process process = new ProcessBuilder(SandboxCommand.launcher(List.of(memory, pids), filter,
                List.of("/bin/sh", "-c", "echo $$; cat <&3"))).start();

        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        List<String> output = List.of(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .split("\n"));
        assertEquals(List.of(Long.toString(process.pid()), "the filter's bytes"), output);
        assertEquals(Long.toString(process.pid()), Files.readString(memory).trim());
        assertEquals(Long.toString(process.pid()), Files.readString(pids).trim());
    }

    @Test
    void launcher_thatCannotJoinItsCgroup_runsNothing_andSaysWhichGroup() throws Exception {
        Path missing = dir.resolve("gone/cgroup.procs");
        Path marker = dir.resolve("ran");

        Process process = new ProcessBuilder(SandboxCommand.launcher(List.of(missing), Path.of("/dev/null"),
                List.of("/usr/bin/touch", marker.toString()))).redirectErrorStream(true).start();

        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(125, process.exitValue());
        assertTrue(output.contains("cannot join the cgroup " + missing), output);
        assertFalse(Files.exists(marker), "the command ran outside its cgroup");
    }

    @Test
    void description_namesWhatConfines_withoutCgroups_theAddressSpaceFallback() {
        String description = Sandbox.of(command(true)).description();

        assertTrue(description.contains("no capabilities in any set, no_new_privs"), description);
        assertTrue(description.contains("seccomp filter refusing namespaces, mounts"), description);
        assertTrue(description.contains("address space limited to MemorySize + 512 MB"), description);
    }

    @Test
    void jvmFlags_boundDirectMemory_onlyWhereNoCgroupDoes() {
        Sandbox sandbox = Sandbox.of(command(true));

        assertEquals(List.of("-XX:MaxDirectMemorySize=64m", "-XX:CompressedClassSpaceSize=64m",
                "-XX:ReservedCodeCacheSize=48m"), sandbox.jvmFlags(function(256, 512)));
        assertEquals(List.of(), Sandbox.none("test").jvmFlags(function(256, 512)));
    }

    private static SandboxCommand command(boolean seccomp) {
        return new SandboxCommand(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/prlimit"), Path.of("/usr/bin/setpriv"),
                Set.of(), seccomp);
    }

    private FunctionSpec function(int memoryMb, int ephemeralStorageMb) {
        return new FunctionSpec("000000000000", "us-east-1", "f", "arn", "java17", "a.B::c", memoryMb, 3, Map.of(),
                dir, dir.resolve("envs"), "$LATEST", List.of(), ephemeralStorageMb);
    }
}

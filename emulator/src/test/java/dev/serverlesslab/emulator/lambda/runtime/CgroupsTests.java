package dev.serverlesslab.emulator.lambda.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Finding this process's cgroups, and a real environment group's limits and removal where the machine allows. */
class CgroupsTests {

    private static final List<String> V1_MOUNTS = List.of(
            "31 30 0:28 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct",
            "34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
            "38 30 0:35 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids",
            "40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw");
    private static final List<String> V1_OWN = List.of("8:pids:/", "4:memory:/process_api/abc",
            "1:cpu,cpuacct:/", "0::/");

    @Test
    void base_onV1_joinsTheMountPointWithThisProcessesPath_perController() {
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/memory/process_api/abc")),
                Cgroups.base(V1_MOUNTS, V1_OWN, "cgroup", "memory"));
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/cpu,cpuacct")),
                Cgroups.base(V1_MOUNTS, V1_OWN, "cgroup", "cpu"));
        assertEquals(Optional.empty(), Cgroups.base(V1_MOUNTS, V1_OWN, "cgroup", "blkio"));
    }

    @Test
    void base_onV2_usesTheUnifiedLine_andAMountRootInsideANamespace() {
        List<String> mounts = List.of("29 23 0:26 /system.slice /sys/fs/cgroup rw - cgroup2 cgroup2 rw,nsdelegate");

        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/lab.service")),
                Cgroups.base(mounts, List.of("0::/system.slice/lab.service"), "cgroup2", ""));
    }

    @Test
    void withoutAMemoryHierarchy_thereAreNoCgroups_andTheDescriptionSaysWhy() {
        Cgroups none = Cgroups.detect(List.of(V1_MOUNTS.get(2)), V1_OWN);

        assertFalse(none.available());
        assertTrue(none.description().contains("no cgroup"), none.description());
    }

    @Test
    void environmentGroup_getsTheFunctionsLimits_andRemovingItEndsItsProcesses() throws Exception {
        Cgroups cgroups = Cgroups.detect();
        assumeTrue(cgroups.available(), "this machine gives the emulator no cgroups: " + cgroups.description());
        FunctionSpec function = new FunctionSpec("000000000000", "us-east-1", "f", "arn", "java17", "a.B::c", 3538,
                3, Map.of(), Path.of("/task"), Path.of("/envs"));

        Cgroup group = cgroups.create(EnvironmentLimits.of(function));
        Process sleeper = new ProcessBuilder(SandboxCommand.launcher(group.procsFiles(), Path.of("/dev/null"),
                List.of("/bin/sleep", "600"))).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.pids().contains(sleeper.pid()));

        for (Path dir : group.directories()) {
            assertLimit(dir, "memory.limit_in_bytes", "memory.max", Long.toString(3538L << 20));
            assertLimit(dir, "pids.max", "pids.max", "1024");
            assertLimit(dir, "cpu.cfs_quota_us", "cpu.max", "200000");
        }
        assertTrue(group.remove(), "the group was not removed");
        assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS), "the process in the group survived its removal");
        group.directories().forEach(dir -> assertFalse(Files.exists(dir), dir + " still exists"));
    }

    @Test
    void detect_removesEmptyGroupsOfEmulatorsThatDied_butNotThoseOfLiveOnes() throws Exception {
        Cgroups cgroups = Cgroups.detect();
        assumeTrue(cgroups.available(), "this machine gives the emulator no cgroups: " + cgroups.description());
        Process ended = new ProcessBuilder("/bin/true").start();
        assertTrue(ended.waitFor(10, TimeUnit.SECONDS));
        Cgroup live = cgroups.create(EnvironmentLimits.of(new FunctionSpec("000000000000", "us-east-1", "f", "arn",
                "java17", "a.B::c", 128, 3, Map.of(), Path.of("/task"), Path.of("/envs"))));
        Path parent = live.directories().get(0).getParent();
        Path orphan = Files.createDirectory(parent.resolve("env-" + ended.pid() + "-0123abcd"));

        Cgroups.detect();

        assertFalse(Files.exists(orphan), orphan + " was left behind");
        assertTrue(Files.isDirectory(live.directories().get(0)), "a live emulator's group was removed");
        assertTrue(live.remove());
    }

    private static void assertLimit(Path dir, String v1File, String v2File, String expected) throws Exception {
        Path file = Files.exists(dir.resolve(v1File)) ? dir.resolve(v1File) : dir.resolve(v2File);
        if (Files.exists(file)) {
            assertTrue(Files.readString(file).trim().startsWith(expected), file + ": " + Files.readString(file));
        }
    }
}

package dev.serverlesslab.emulator.lambda.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The control group of one execution environment: its memory, CPU and process limits, what it used, whether the
 * kernel killed it for memory, and its removal together with every process still in it.
 *
 * <p>On cgroup v1 the group is one directory per controller (memory, pids, cpu); on v2 a single directory. The
 * environment's launcher writes its own pid into {@link #procsFiles()} before it execs bubblewrap, so every process
 * of the environment starts inside the group.
 */
final class Cgroup {

    private static final long REMOVE_MILLIS = 5_000;

    private final boolean v2;
    private final List<Path> directories;

    private Cgroup(boolean v2, List<Path> directories) {
        this.v2 = v2;
        this.directories = List.copyOf(directories);
    }

    /** Makes the group {@code name} below each of {@code parents} and sets {@code limits} on it. */
    static Cgroup create(boolean v2, List<Path> parents, String name, EnvironmentLimits limits) throws IOException {
        List<Path> made = new ArrayList<>();
        try {
            for (Path parent : parents) {
                made.add(Files.createDirectory(parent.resolve(name)));
            }
            Cgroup group = new Cgroup(v2, made);
            group.limit(limits);
            return group;
        } catch (IOException | RuntimeException e) {
            new Cgroup(v2, made).remove();
            throw e;
        }
    }

    private void limit(EnvironmentLimits limits) throws IOException {
        if (v2) {
            Path dir = directories.get(0);
            write(dir, "memory.max", limits.memoryBytes());
            writeIfPresent(dir, "memory.swap.max", 0);
            // Lambda ends the whole environment on an out-of-memory kill, not just the largest process.
            writeIfPresent(dir, "memory.oom.group", 1);
            write(dir, "pids.max", limits.processes());
            write(dir, "cpu.weight", limits.cpuWeight());
            write(dir, "cpu.max", limits.cpuCores() * 100_000L + " 100000");
            return;
        }
        for (Path dir : directories) {
            if (Files.exists(dir.resolve("memory.limit_in_bytes"))) {
                write(dir, "memory.limit_in_bytes", limits.memoryBytes());
                // With swap accounting, memory plus swap gets the same ceiling, so nothing is pushed out to swap.
                writeIfPresent(dir, "memory.memsw.limit_in_bytes", limits.memoryBytes());
            }
            if (Files.exists(dir.resolve("pids.max"))) {
                write(dir, "pids.max", limits.processes());
            }
            if (Files.exists(dir.resolve("cpu.shares"))) {
                write(dir, "cpu.shares", limits.cpuShares());
                long period = Long.parseLong(Files.readString(dir.resolve("cpu.cfs_period_us")).trim());
                write(dir, "cpu.cfs_quota_us", limits.cpuCores() * period);
            }
        }
    }

    /** The files the launcher writes its pid into, one per hierarchy. */
    List<Path> procsFiles() {
        return directories.stream().map(dir -> dir.resolve("cgroup.procs")).toList();
    }

    List<Path> directories() {
        return directories;
    }

    /** The most memory the group held at once (page cache included, as the kernel charges it), if readable. */
    OptionalLong peakBytes() {
        return v2 ? read("memory.peak") : read("memory.max_usage_in_bytes");
    }

    /** True once the kernel killed a process of this group because the group reached its memory limit. */
    boolean outOfMemory() {
        String file = v2 ? "memory.events" : "memory.oom_control";
        for (Path dir : directories) {
            try {
                for (String line : Files.readAllLines(dir.resolve(file))) {
                    if (line.startsWith("oom_kill ") && Long.parseLong(line.substring(9).trim()) > 0) {
                        return true;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Not the memory hierarchy, or already removed.
            }
        }
        return false;
    }

    /** The pids of every process in the group now. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (Path dir : directories) {
            try {
                Files.readAllLines(dir.resolve("cgroup.procs")).stream().filter(line -> !line.isBlank())
                        .map(line -> Long.parseLong(line.trim())).filter(pid -> !pids.contains(pid))
                        .forEach(pids::add);
            } catch (IOException | RuntimeException e) {
                // Removed already: no processes.
            }
        }
        return pids;
    }

    /**
     * Kills whatever is still in the group and removes it; a fork bomb may add processes while they are being
     * killed, so this repeats until the group is empty (bounded).
     *
     * @return true when every directory of the group is gone
     */
    boolean remove() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REMOVE_MILLIS);
        boolean removed = false;
        while (!removed && System.nanoTime() < deadline) {
            List<Long> pids = pids();
            if (v2 && !pids.isEmpty()) {
                writeIfPresent(directories.get(0), "cgroup.kill", 1);
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            removed = true;
            for (Path dir : directories) {
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException e) {
                    // Busy: a process is still exiting. Try again shortly.
                    removed = false;
                }
            }
            if (!removed) {
                pause();
            }
        }
        return removed;
    }

    private OptionalLong read(String file) {
        for (Path dir : directories) {
            try {
                if (Files.exists(dir.resolve(file))) {
                    return OptionalLong.of(Long.parseLong(Files.readString(dir.resolve(file)).trim()));
                }
            } catch (IOException | RuntimeException e) {
                // Removed already.
            }
        }
        return OptionalLong.empty();
    }

    private static void write(Path dir, String file, long value) throws IOException {
        Files.writeString(dir.resolve(file), value + "\n");
    }

    private static void write(Path dir, String file, String value) throws IOException {
        Files.writeString(dir.resolve(file), value + "\n");
    }

    private static void writeIfPresent(Path dir, String file, long value) {
        try {
            if (Files.exists(dir.resolve(file))) {
                write(dir, file, value);
            }
        } catch (IOException e) {
            // Optional knob (no swap accounting, older kernel): the limits that matter were set.
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

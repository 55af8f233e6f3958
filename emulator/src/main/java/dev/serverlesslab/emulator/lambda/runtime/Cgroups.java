package dev.serverlesslab.emulator.lambda.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where this emulator makes its execution environments' cgroups: below its own cgroup (so the environments stay
 * inside whatever limits the emulator itself runs under), in a {@code serverless-lab} group, on cgroup v2 where the
 * memory controller is delegated there, otherwise on the v1 memory, pids and cpu hierarchies.
 */
final class Cgroups {

    static final String GROUP = "serverless-lab";
    private static final List<String> V1_CONTROLLERS = List.of("memory", "pids", "cpu");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ORPHAN = Pattern.compile("(?:env|probe)-(\\d+)(?:-[0-9a-f]+)?");

    private final boolean v2;
    private final List<Path> parents;
    private final String description;

    private Cgroups(boolean v2, List<Path> parents, String description) {
        this.v2 = v2;
        this.parents = List.copyOf(parents);
        this.description = description;
    }

    /** No cgroups: limits fall back to rlimits and JVM flags, for the reason given. */
    static Cgroups none(String why) {
        return new Cgroups(false, List.of(), "no cgroup (" + why + ")");
    }

    /** Finds this process's own cgroups from {@code /proc/self}, prepares the parent group and tries one group. */
    static Cgroups detect() {
        try {
            return detect(Files.readAllLines(Path.of("/proc/self/mountinfo")),
                    Files.readAllLines(Path.of("/proc/self/cgroup")));
        } catch (IOException e) {
            return none("no /proc/self/cgroup: not Linux");
        }
    }

    static Cgroups detect(List<String> mountinfo, List<String> ownCgroups) {
        Optional<Path> unified = base(mountinfo, ownCgroups, "cgroup2", "");
        if (unified.isPresent() && controllers(unified.get()).contains("memory")) {
            try {
                Path group = delegatedV2(unified.get());
                return tried(true, List.of(group), "cgroup v2 below " + group);
            } catch (IOException | RuntimeException e) {
                // Not delegable here (e.g. the emulator shares its cgroup with others): v1 may still work.
            }
        }
        List<Path> parents = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (String controller : V1_CONTROLLERS) {
            Optional<Path> base = base(mountinfo, ownCgroups, "cgroup", controller);
            if (base.isEmpty() && !controller.equals("cpu")) {
                // Memory and processes are the limits that must hold; CPU weight is a nicety.
                return none("neither a delegated cgroup v2 memory controller nor cgroup v1 memory and pids "
                        + "hierarchies");
            }
            if (base.isPresent()) {
                try {
                    parents.add(Files.createDirectories(base.get().resolve(GROUP)));
                    found.add(controller);
                } catch (IOException | RuntimeException e) {
                    return none("cannot create " + base.get().resolve(GROUP) + ": " + e.getMessage());
                }
            }
        }
        return tried(false, parents, "cgroup v1 " + String.join(", ", found));
    }

    /** True when environments get a cgroup each. */
    boolean available() {
        return !parents.isEmpty();
    }

    String description() {
        return description;
    }

    /** A new group for one environment; fails when the kernel refuses it, rather than leave the environment unbounded. */
    Cgroup create(EnvironmentLimits limits) throws IOException {
        if (!available()) {
            throw new IllegalStateException("No cgroups here: " + description);
        }
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return Cgroup.create(v2, parents, "env-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().formatHex(random), limits);
    }

    /** Proves that a group with limits can be made and removed here before any environment relies on it. */
    private static Cgroups tried(boolean v2, List<Path> parents, String where) {
        parents.forEach(Cgroups::removeOrphans);
        try {
            Cgroup probe = Cgroup.create(v2, parents, "probe-" + ProcessHandle.current().pid(),
                    new EnvironmentLimits(128L << 20, 1, 10, 64, 0));
            if (!probe.remove()) {
                return none("a probe group in " + where + " could not be removed");
            }
            return new Cgroups(v2, parents, where);
        } catch (IOException | RuntimeException e) {
            return none("cannot make a limited group in " + where + ": " + e.getMessage());
        }
    }

    /**
     * Removes the empty groups an emulator killed without its cleanup left behind. A group's name carries the pid of
     * the emulator that made it, so the groups of other emulators still running are never touched.
     */
    private static void removeOrphans(Path parent) {
        try (Stream<Path> groups = Files.list(parent)) {
            groups.filter(Files::isDirectory).forEach(group -> {
                Matcher name = ORPHAN.matcher(group.getFileName().toString());
                if (name.matches() && ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty()) {
                    try {
                        Files.deleteIfExists(group);
                    } catch (IOException e) {
                        // Still has processes, or already gone: leave it.
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            // Nothing to tidy.
        }
    }

    /**
     * The {@code serverless-lab} group below {@code own} with memory, pids and cpu enabled for its children. v2
     * lets a group with processes in it have no controllers for children, so this fails when the emulator's own
     * group cannot delegate.
     */
    private static Path delegatedV2(Path own) throws IOException {
        enable(own, true);
        Path group = Files.createDirectories(own.resolve(GROUP));
        enable(group, false);
        return group;
    }

    private static void enable(Path group, boolean onlyIfMissing) throws IOException {
        List<String> enabled = List.of(Files.readString(group.resolve("cgroup.subtree_control")).trim().split("\\s+"));
        for (String controller : List.of("memory", "pids", "cpu")) {
            if (!onlyIfMissing || !enabled.contains(controller)) {
                Files.writeString(group.resolve("cgroup.subtree_control"), "+" + controller);
            }
        }
    }

    private static List<String> controllers(Path group) {
        try {
            return List.of(Files.readString(group.resolve("cgroup.controllers")).trim().split("\\s+"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * This process's group in the hierarchy of {@code fsType} that carries {@code controller} (any for v2): the
     * hierarchy's mount point joined with the path {@code /proc/self/cgroup} names, relative to the mount's root.
     */
    static Optional<Path> base(List<String> mountinfo, List<String> ownCgroups, String fsType, String controller) {
        for (String line : mountinfo) {
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] before = line.substring(0, dash).split(" ");
            String[] after = line.substring(dash + 3).split(" ");
            if (before.length < 5 || after.length < 3 || !after[0].equals(fsType)) {
                continue;
            }
            if (!controller.isEmpty() && !List.of(after[2].split(",")).contains(controller)) {
                continue;
            }
            Optional<String> own = ownPath(ownCgroups, controller);
            if (own.isEmpty()) {
                continue;
            }
            Path root = Path.of(before[3]);
            Path path = Path.of(own.get());
            Path relative = path.startsWith(root) ? root.relativize(path) : Path.of("");
            return Optional.of(Path.of(before[4]).resolve(relative.toString()));
        }
        return Optional.empty();
    }

    /** The path of the line {@code id:controllers:path} that lists {@code controller}, or the v2 line {@code 0::}. */
    private static Optional<String> ownPath(List<String> ownCgroups, String controller) {
        for (String line : ownCgroups) {
            String[] fields = line.split(":", 3);
            if (fields.length < 3) {
                continue;
            }
            boolean match = controller.isEmpty() ? fields[0].equals("0") && fields[1].isEmpty()
                    : List.of(fields[1].split(",")).contains(controller);
            if (match) {
                return Optional.of(fields[2]);
            }
        }
        return Optional.empty();
    }
}

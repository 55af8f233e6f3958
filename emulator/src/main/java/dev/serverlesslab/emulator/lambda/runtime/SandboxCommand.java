package dev.serverlesslab.emulator.lambda.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The bubblewrap command line that confines one execution environment: what it may read, where it may write, which
 * processes it sees, and the uid and process limit it runs with.
 *
 * @param setpriv null when the emulator does not run as root: the environment then keeps the caller's own uid
 * @param jdkBinds the JDK and the host paths its files link to (Debian keeps {@code conf/} in {@code /etc/java-17-openjdk})
 * @param seccomp whether bubblewrap loads {@link SeccompFilter} from the launcher's descriptor {@link #SECCOMP_FD}
 */
record SandboxCommand(Path bwrap, Path prlimit, Path setpriv, Set<Path> jdkBinds, boolean seccomp) {

    /** Lambda's own /tmp: private, writable, 512 MB (the default ephemeral storage). */
    static final Path TMP = Path.of("/tmp");
    /** Where Lambda puts a function's code ({@code LAMBDA_TASK_ROOT}), and the handler's working directory. */
    static final Path TASK_ROOT = Path.of("/var/task");
    static final long TMP_BYTES = 512L * 1024 * 1024;
    /** {@code nobody}: owns no files, so a handler can write nothing of the host's. */
    static final int UID = 65534;
    /**
     * RLIMIT_NPROC counts every thread of the uid across all environments, and a JVM has a few dozen: this leaves room
     * for many environments at once while still stopping a fork bomb.
     */
    static final int MAX_PROCESSES = 1024;
    /**
     * With a pids cgroup per environment the per-uid count no longer has to stop a fork bomb, only to leave room for
     * every environment's own {@link EnvironmentLimits#PROCESSES}.
     */
    static final int MAX_PROCESSES_WITH_CGROUPS = 65_536;
    /** The descriptor the launcher opens the compiled seccomp filter on for bubblewrap. */
    static final int SECCOMP_FD = 3;
    /**
     * At the CPU-time soft limit the kernel sends SIGXCPU, which ends a JVM with a status that says why ("signal: CPU
     * time limit exceeded"); the hard limit this much later kills whatever ignored it.
     */
    static final long CPU_HARD_GRACE_SECONDS = 5;
    private static final List<String> MERGED_USR_LINKS = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");
    private static final List<String> HOST_FILES = List.of("/etc/ssl/certs");

    SandboxCommand {
        jdkBinds = Set.copyOf(jdkBinds);
    }

    /** A command without the seccomp filter. */
    SandboxCommand(Path bwrap, Path prlimit, Path setpriv, Set<Path> jdkBinds) {
        this(bwrap, prlimit, setpriv, jdkBinds, false);
    }

    /** A command for the JDK of {@code java}, with the paths outside it that its own symlinks point to. */
    static SandboxCommand forJdk(Path bwrap, Path prlimit, Path setpriv, Path java, boolean seccomp) {
        return new SandboxCommand(bwrap, prlimit, setpriv, jdkPaths(java), seccomp);
    }

    /** How the environment's identity reads in {@link Sandbox#description()}. */
    String identity() {
        return setpriv == null ? "the emulator's own uid" : "uid/gid " + UID + " (nobody)";
    }

    /**
     * Everything before the JVM's own command line for one environment of {@code function}.
     *
     * @param network the environment's sockets, reached from its own network namespace
     * @param cgroup whether the environment runs in its own memory and pids cgroup, which then bounds it instead of
     *     the address-space and per-uid process rlimits
     */
    List<String> prefix(FunctionSpec function, RuntimeSettings settings, EnvironmentNetwork network, boolean cgroup) {
        EnvironmentLimits limits = EnvironmentLimits.of(function);
        List<String> args = new ArrayList<>(baseArgs(limits.tmpBytes()));
        // CA certificates, for SDK clients that verify TLS even on the relayed endpoint.
        Set<Path> readOnly = new LinkedHashSet<>();
        HOST_FILES.forEach(file -> readOnly.add(Path.of(file)));
        readOnly.addAll(jdkBinds);
        if (!settings.javaExecutable().equals(RuntimeSettings.currentJava())) {
            // Walking a JDK costs milliseconds of every cold start: only another JDK than the one probed needs it.
            readOnly.addAll(jdkPaths(settings.javaExecutable()));
        }
        readOnly.add(settings.runtimeDir());
        readOnly.addAll(settings.classPath());
        if (settings.sharedArchive() != null && Files.isRegularFile(settings.sharedArchive())) {
            readOnly.add(settings.sharedArchive());
        }
        readOnly.addAll(function.layerJars());
        Mounts mounts = new Mounts(args);
        // Sorted, so a folder is bound before anything inside it, which then needs no bind of its own.
        Set<Path> sorted = new TreeSet<>();
        readOnly.forEach(path -> sorted.add(path.toAbsolutePath().normalize()));
        // Same path inside as outside, so the CDS archive's recorded class path still matches.
        sorted.forEach(mounts::bindReadOnly);
        // The code where Lambda puts it, so paths a handler builds from LAMBDA_TASK_ROOT or its working directory
        // read as they do on AWS.
        mounts.bindReadOnlyAt(function.taskRoot().toAbsolutePath().normalize(), TASK_ROOT);
        if (!cgroup) {
            args.addAll(List.of("--setenv", "MALLOC_ARENA_MAX", JvmMemoryFlags.MALLOC_ARENAS));
        }
        args.addAll(networkArgs(network));
        // Lambda starts handlers in their code directory (/var/task); here it is read-only like there.
        args.addAll(List.of("--chdir", TASK_ROOT.toString(), "--"));
        args.addAll(dropPrivileges(limits, cgroup));
        return args;
    }

    /** The sandbox around a bare command, with no function: what {@link Sandbox} probes at startup. */
    List<String> probePrefix() {
        List<String> args = new ArrayList<>(baseArgs(TMP_BYTES));
        args.add("--unshare-net");
        args.add("--");
        args.addAll(dropPrivileges(new EnvironmentLimits(0, 1, 10, MAX_PROCESSES, TMP_BYTES), true));
        return args;
    }

    /**
     * The seccomp filter, read by bubblewrap from the descriptor the launcher opened; without root, bubblewrap runs
     * the environment in its own user namespace, where it keeps no capability.
     */
    private List<String> kernelSurfaceArgs() {
        List<String> args = new ArrayList<>();
        if (seccomp) {
            args.addAll(List.of("--seccomp", Integer.toString(SECCOMP_FD)));
        }
        if (setpriv == null) {
            args.addAll(List.of("--cap-drop", "ALL"));
        }
        return args;
    }

    /**
     * An own network namespace with only {@code lo}: the environment reaches the emulator through the two sockets of
     * {@code network}, bound read-only (connecting needs no write access to the mount), and resolves no name but
     * localhost.
     */
    static List<String> networkArgs(EnvironmentNetwork network) {
        // bwrap makes missing parents 0700, which the unprivileged uid could not cross.
        List<String> args = new ArrayList<>(List.of("--unshare-net",
                "--perms", "0755", "--dir", EnvironmentNetwork.INSIDE.getParent().toString(),
                "--ro-bind", network.directory().toString(), EnvironmentNetwork.INSIDE.toString(),
                "--perms", "0755", "--dir", "/etc"));
        for (String file : EnvironmentNetwork.ETC_FILES) {
            args.addAll(List.of("--ro-bind", network.directory().resolve(file).toString(), "/etc/" + file));
        }
        return args;
    }

    private List<String> baseArgs(long tmpBytes) {
        List<String> args = new ArrayList<>(List.of(bwrap.toString(),
                "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-ipc",
                "--ro-bind", "/usr", "/usr"));
        for (String link : MERGED_USR_LINKS) {
            Path path = Path.of(link);
            if (Files.isSymbolicLink(path)) {
                args.addAll(List.of("--symlink", readLink(path), link));
            } else if (Files.isDirectory(path)) {
                args.addAll(List.of("--ro-bind", link, link));
            }
        }
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                "--perms", "1777", "--size", Long.toString(tmpBytes), "--tmpfs", TMP.toString()));
        args.addAll(kernelSurfaceArgs());
        return args;
    }

    /**
     * rlimits, then the unprivileged uid with no capability left in any set. The CPU-time rlimit always applies; the
     * address-space one only where no cgroup bounds the memory of the whole environment.
     */
    private List<String> dropPrivileges(EnvironmentLimits limits, boolean cgroup) {
        int processes = cgroup ? MAX_PROCESSES_WITH_CGROUPS : MAX_PROCESSES;
        List<String> args = new ArrayList<>(List.of(prlimit.toString(),
                "--nproc=" + processes + ":" + processes,
                "--cpu=" + limits.cpuSeconds() + ":" + (limits.cpuSeconds() + CPU_HARD_GRACE_SECONDS)));
        if (!cgroup) {
            long bytes = JvmMemoryFlags.addressSpaceBytes(limits.memoryBytes());
            args.add("--as=" + bytes + ":" + bytes);
        }
        if (setpriv != null) {
            // RLIMIT_NPROC binds only non-root uids, and nobody owns nothing it could overwrite. Changing uid empties
            // the effective and permitted capabilities; inheritable and bounding sets are emptied explicitly.
            args.addAll(List.of(setpriv.toString(), "--reuid=" + UID, "--regid=" + UID, "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
        }
        return args;
    }

    /**
     * The launcher in front of bubblewrap: it joins the environment's cgroups (writing its own pid, before anything
     * of the environment exists, so nothing escapes them), opens the seccomp filter on {@link #SECCOMP_FD} and execs
     * the sandbox. Paths travel as arguments, never spliced into the script.
     */
    static List<String> launcher(List<Path> cgroupProcsFiles, Path seccompFile, List<String> command) {
        List<String> args = new ArrayList<>(List.of("/bin/sh", "-c",
                "filter=$1; shift; while [ \"$1\" != -- ]; do echo $$ > \"$1\" || { echo \"serverless-lab: cannot "
                        + "join the cgroup $1\" >&2; exit 125; }; shift; done; shift; exec \"$@\" "
                        + SECCOMP_FD + "<\"$filter\"",
                "serverless-lab-launcher", seccompFile.toString()));
        cgroupProcsFiles.forEach(file -> args.add(file.toString()));
        args.add("--");
        args.addAll(command);
        return args;
    }

    /** The JDK home of {@code java}, plus targets of the JDK's own symlinks that lie outside it. */
    static Set<Path> jdkPaths(Path java) {
        Path home = java.toAbsolutePath().normalize().getParent().getParent();
        Set<Path> paths = new LinkedHashSet<>();
        if (home == null || !Files.isDirectory(home)) {
            return paths;
        }
        try {
            Path realHome = home.toRealPath();
            paths.add(home);
            paths.add(realHome);
            try (Stream<Path> files = Files.walk(realHome, 3)) {
                files.filter(Files::isSymbolicLink).forEach(link -> {
                    try {
                        Path target = link.toRealPath();
                        if (!target.startsWith(realHome)) {
                            // Debian links conf/ file by file into /etc/java-17-openjdk: bind that folder once.
                            boolean underEtc = target.startsWith("/etc") && target.getNameCount() > 2;
                            paths.add(underEtc ? target.getRoot().resolve(target.subpath(0, 2)) : target);
                        }
                    } catch (IOException e) {
                        // A dangling link inside the JDK: nothing to bind.
                    }
                });
            }
        } catch (IOException | UncheckedIOException e) {
            // An unreadable JDK fails the probe; binding what was found is the best that can be done.
        }
        return paths;
    }

    /**
     * Read-only binds at their host paths. bwrap creates missing parent directories as 0700 root, which the
     * environment's uid could not cross, so parents are made 0755 first; paths inside a bound directory need nothing.
     */
    private static final class Mounts {
        private final List<String> args;
        private final Set<Path> made = new LinkedHashSet<>(List.of(Path.of("/"), TMP, Path.of("/proc"), Path.of("/dev")));
        private final List<Path> boundDirectories = new ArrayList<>(List.of(Path.of("/usr")));

        Mounts(List<String> args) {
            this.args = args;
        }

        /** Binds {@code source} read-only at another path inside, making the parents it needs. */
        void bindReadOnlyAt(Path source, Path target) {
            for (int depth = 1; depth < target.getNameCount(); depth++) {
                Path parent = target.getRoot().resolve(target.subpath(0, depth));
                if (!made.contains(parent) && !insideBound(parent)) {
                    args.addAll(List.of("--perms", "0755", "--dir", parent.toString()));
                    made.add(parent);
                }
            }
            args.addAll(List.of("--ro-bind", source.toString(), target.toString()));
        }

        void bindReadOnly(Path path) {
            if (insideBound(path) || !Files.exists(path)) {
                return;
            }
            for (int depth = 1; depth < path.getNameCount(); depth++) {
                Path parent = path.getRoot().resolve(path.subpath(0, depth));
                if (!made.contains(parent) && !insideBound(parent)) {
                    args.addAll(List.of("--perms", "0755", "--dir", parent.toString()));
                    made.add(parent);
                }
            }
            args.addAll(List.of("--ro-bind", path.toString(), path.toString()));
            if (Files.isDirectory(path)) {
                boundDirectories.add(path);
            }
        }

        private boolean insideBound(Path path) {
            return boundDirectories.stream().anyMatch(path::startsWith);
        }
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the link " + link, e);
        }
    }
}

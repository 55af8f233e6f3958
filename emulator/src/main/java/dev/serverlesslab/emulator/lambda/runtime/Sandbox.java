package dev.serverlesslab.emulator.lambda.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How learner code is confined: each execution environment's JVM under bubblewrap where {@code bwrap} works, or a
 * plain child process where it does not (or where {@code SERVERLESSLAB_SANDBOX=off} says so).
 *
 * <p>The choice is made by {@link #detect()}, once per emulator (from {@code EmulatorConfig}, which may also hand a
 * specific one in), by running the real sandbox command on {@code /bin/true}, so a kernel without user namespaces or a
 * container without the needed privileges falls back instead of failing every invocation. The emulator hands the
 * result to the Lambda backend and each execution environment; nothing holds it statically. Under the sandbox each environment also gets a cgroup ({@link Cgroups}) bounding its memory, CPU and
 * processes, or, where none can be made, an address-space rlimit and JVM flags ({@link JvmMemoryFlags}).
 */
public final class Sandbox {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    /** Environment variable (or system property {@code serverlesslab.sandbox}) that turns the sandbox off. */
    public static final String SWITCH_VARIABLE = "SERVERLESSLAB_SANDBOX";
    static final String SWITCH_PROPERTY = "serverlesslab.sandbox";
    private static final long PROBE_SECONDS = 10;
    /** How the network part of the confinement reads in {@link #description()}. */
    static final String NETWORK_DESCRIPTION = "own network namespace (only the Runtime API and the AWS endpoint, "
            + "relayed over Unix sockets; no DNS)";

    private final SandboxCommand command;
    private final Cgroups cgroups;
    private final String description;

    private Sandbox(SandboxCommand command, Cgroups cgroups, String description) {
        this.command = command;
        this.cgroups = cgroups;
        this.description = description;
    }

    /**
     * How this machine confines learner code, decided now from {@link #SWITCH_VARIABLE} (or
     * {@code -Dserverlesslab.sandbox}), the tools on {@code PATH} and a probe run, and said on stderr when nothing
     * confines it. Call it once per emulator (or per command that reports confinement) and hand the result on.
     */
    public static Sandbox detect() {
        Sandbox sandbox = detect(System.getenv(), System.getProperty(SWITCH_PROPERTY), runningAsRoot());
        if (!sandbox.confines()) {
            LOG.warn("Learner code runs as plain child processes, without the bubblewrap sandbox ({})",
                    sandbox.description().substring("off: ".length()));
        }
        return sandbox;
    }

    /** No confinement: environments run as plain child processes; {@link #description()} says {@code off: why}. */
    public static Sandbox none(String why) {
        return new Sandbox(null, Cgroups.none("no sandbox"), "off: " + why);
    }

    /** Confinement by {@code command} without cgroups, without probing whether it works here. */
    static Sandbox of(SandboxCommand command) {
        return of(command, Cgroups.none("not asked for"));
    }

    /** Confinement by {@code command} and {@code cgroups}, without probing whether it works here. */
    static Sandbox of(SandboxCommand command, Cgroups cgroups) {
        String kernel = (command.setpriv() != null ? "no capabilities in any set, no_new_privs"
                : "no capabilities, no_new_privs")
                + (command.seccomp() ? ", a seccomp filter refusing namespaces, mounts, ptrace, keyrings, bpf, "
                        + "perf events and kernel modules" : ", no seccomp filter (unknown architecture "
                        + System.getProperty("os.arch") + ")");
        String limits = cgroups.available()
                ? "a cgroup per environment (" + cgroups.description() + "): memory = MemorySize for the whole "
                        + "process tree, CPU weight by memory and at most one CPU per " + EnvironmentLimits.MB_PER_VCPU
                        + " MB, " + EnvironmentLimits.PROCESSES + " processes"
                : cgroups.description() + ": address space limited to MemorySize + "
                        + (JvmMemoryFlags.OVERHEAD_BYTES >> 20) + " MB per process, at most "
                        + SandboxCommand.MAX_PROCESSES + " processes per uid";
        return new Sandbox(command, cgroups, "bubblewrap (" + command.bwrap() + "): read-only JDK and code, private "
                + "/tmp of EphemeralStorage size, own PID namespace, " + command.identity() + ", " + kernel + "; "
                + limits + "; a CPU-time rlimit; " + NETWORK_DESCRIPTION);
    }

    /**
     * Decides from the switch ({@code env} and {@code property}), the tools found on {@code path} and a probe run
     * whether environments are confined.
     */
    static Sandbox detect(Map<String, String> env, String property, boolean root) {
        String setting = property != null ? property : env.get(SWITCH_VARIABLE);
        if (setting != null && List.of("off", "false", "0", "no").contains(setting.trim().toLowerCase())) {
            return none("turned off by " + SWITCH_VARIABLE + "=" + setting.trim());
        }
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return none("bubblewrap confines processes on Linux only");
        }
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        Optional<Path> bwrap = find("bwrap", path);
        if (bwrap.isEmpty()) {
            return none("bwrap is not installed (on Debian/Ubuntu: apt-get install bubblewrap)");
        }
        Optional<Path> prlimit = find("prlimit", path);
        Optional<Path> setpriv = find("setpriv", path);
        if (prlimit.isEmpty() || (root && setpriv.isEmpty())) {
            return none("prlimit and setpriv (util-linux) are needed next to bwrap");
        }
        SandboxCommand command = SandboxCommand.forJdk(bwrap.get(), prlimit.get(), root ? setpriv.get() : null,
                RuntimeSettings.currentJava(), SeccompFilter.forHost().isPresent());
        return probe(command).map(failure -> none("bwrap is installed but cannot confine a process here: " + failure))
                .orElseGet(() -> of(command, Cgroups.detect()));
    }

    /** True when environments run confined. */
    public boolean confines() {
        return command != null;
    }

    /** One line for banners and health pages: what confines learner code, or why nothing does. */
    public String description() {
        return description;
    }

    /**
     * The command that runs {@code javaCommand} for {@code function}: the same list when nothing confines it.
     *
     * @param network the environment's way out of its network namespace; null when nothing confines it
     */
    List<String> wrap(List<String> javaCommand, FunctionSpec function, RuntimeSettings settings,
            EnvironmentNetwork network) {
        if (command == null) {
            return javaCommand;
        }
        List<String> wrapped = new ArrayList<>(command.prefix(function, settings, network, cgroups.available()));
        wrapped.addAll(javaCommand);
        return wrapped;
    }

    /** JVM flags that bound its memory where no cgroup does; none otherwise. */
    List<String> jvmFlags(FunctionSpec function) {
        return command != null && !cgroups.available() ? JvmMemoryFlags.flags(function.memoryMb()) : List.of();
    }

    /** A cgroup with the function's limits for one new environment; empty when environments get none here. */
    Optional<Cgroup> cgroup(FunctionSpec function) throws IOException {
        if (command == null || !cgroups.available()) {
            return Optional.empty();
        }
        return Optional.of(cgroups.create(EnvironmentLimits.of(function)));
    }

    /**
     * The process to start for a {@link #wrap wrapped} command: the launcher that joins {@code cgroup} and hands
     * bubblewrap the seccomp filter, written into the environment's own {@code directory}.
     */
    List<String> launch(List<String> wrapped, Optional<Cgroup> cgroup, Path directory) throws IOException {
        if (command == null) {
            return wrapped;
        }
        return SandboxCommand.launcher(cgroup.map(Cgroup::procsFiles).orElse(List.of()), seccompFile(directory),
                wrapped);
    }

    private Path seccompFile(Path directory) throws IOException {
        Optional<byte[]> program = command.seccomp() ? SeccompFilter.forHost() : Optional.empty();
        return program.isPresent() ? Files.write(directory.resolve("seccomp.bpf"), program.get()) : Path.of("/dev/null");
    }

    /** Where {@code java.io.tmpdir} points inside an environment whose own directory is {@code directory}. */
    Path tmpDir(Path directory) {
        return command == null ? directory.resolve("tmp") : SandboxCommand.TMP;
    }

    /**
     * The environment's JVM among the launched process and its descendants: under bubblewrap it runs below two
     * bwrap processes, and it is the JVM whose memory the REPORT line states.
     */
    Optional<ProcessHandle> jvm(ProcessHandle launched) {
        if (command == null) {
            return Optional.of(launched);
        }
        return launched.descendants()
                .filter(process -> process.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
    }

    /** @return why the sandbox failed to run {@code /bin/true}, or empty when it worked */
    private static Optional<String> probe(SandboxCommand command) {
        List<String> probe = new ArrayList<>(command.probePrefix());
        probe.add("/bin/true");
        Path filter = null;
        try {
            filter = Files.createTempFile("serverless-lab-seccomp", ".bpf");
            Files.write(filter, command.seccomp() ? SeccompFilter.forHost().orElseThrow() : new byte[0]);
            Process process = new ProcessBuilder(SandboxCommand.launcher(List.of(), filter, probe))
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of("the probe did not finish within " + PROBE_SECONDS + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.exitValue() == 0 ? Optional.empty()
                    : Optional.of(output.isEmpty() ? "exit code " + process.exitValue() : output);
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } finally {
            if (filter != null) {
                filter.toFile().delete();
            }
        }
    }

    private static Optional<Path> find(String program, String path) {
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether this process runs as root, where dropping to a dedicated uid is both possible and needed. */
    static boolean runningAsRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.substring("Uid:".length()).trim().split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc: not Linux, where the sandbox is off anyway.
        }
        return false;
    }
}

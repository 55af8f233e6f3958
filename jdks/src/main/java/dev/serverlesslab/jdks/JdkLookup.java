package dev.serverlesslab.jdks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that finds which JDK of this machine serves a Lambda Java runtime: the exercises' compile workers ask
 * for one that compiles for the runtime's release, the emulator for one that runs it. The JDKs are this JVM's own,
 * {@code JAVA_HOME} and every JDK under {@code /usr/lib/jvm}; {@code SERVERLESSLAB_JDK_<runtime>} (dots as
 * underscores, e.g. {@code SERVERLESSLAB_JDK_java21}) names one per runtime, which then is the only one tried. Otherwise
 * the closest JDK wins: the lowest feature release that is high enough, this JVM's own on a tie.
 */
public final class JdkLookup {

    /** The environment variable prefix naming a runtime's JDK home. */
    public static final String OVERRIDE_PREFIX = "SERVERLESSLAB_JDK_";
    /** Where Debian, Ubuntu and the Temurin packages install JDKs. */
    public static final Path SYSTEM_JDKS = Path.of("/usr/lib/jvm");

    /** What the JDK is for: running needs {@code bin/java}, compiling also {@code bin/javac}. */
    public enum Use {
        /** Start execution environments' JVMs (the emulator, read once at its start). */
        RUN,
        /** Run javac for the runtime's release (the compile workers). */
        COMPILE
    }

    private final Map<String, String> env;
    private final Jdk current;
    private final List<Jdk> found;
    private final Path systemJdks;

    private JdkLookup(Map<String, String> env, Jdk current, List<Jdk> found, Path systemJdks) {
        this.env = Map.copyOf(env);
        this.current = current;
        this.found = List.copyOf(found);
        this.systemJdks = systemJdks;
    }

    /** The JDKs of this machine, as the process environment, this JVM and {@code /usr/lib/jvm} describe them. */
    public static JdkLookup onThisMachine() {
        return of(System.getenv(), Path.of(System.getProperty("java.home")), SYSTEM_JDKS);
    }

    /**
     * @param env where {@code JAVA_HOME} and the per-runtime {@code SERVERLESSLAB_JDK_<runtime>} are read
     * @param currentHome the JDK of this JVM
     * @param systemJdks a directory of JDKs ({@code /usr/lib/jvm})
     */
    public static JdkLookup of(Map<String, String> env, Path currentHome, Path systemJdks) {
        Jdk current = Jdk.read(currentHome).orElseGet(() -> new Jdk(currentHome, Runtime.version().feature(),
                Runtime.version().toString()));
        List<Jdk> candidates = new ArrayList<>();
        candidates.add(current);
        String javaHome = env.get("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            Jdk.read(Path.of(javaHome)).ifPresent(candidates::add);
        }
        if (Files.isDirectory(systemJdks)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(systemJdks)) {
                List<Path> sorted = new ArrayList<>();
                dirs.forEach(sorted::add);
                sorted.sort(Comparator.naturalOrder());
                sorted.forEach(dir -> Jdk.read(dir).ifPresent(candidates::add));
            } catch (IOException e) {
                // An unreadable directory of JDKs leaves the others.
            }
        }
        return new JdkLookup(env, current, distinct(candidates), systemJdks);
    }

    /** The JDK of this JVM. */
    public Jdk current() {
        return current;
    }

    /** The name of the variable that chooses a runtime's JDK, e.g. {@code SERVERLESSLAB_JDK_java8_al2}. */
    public static String overrideVariable(String runtime) {
        return OVERRIDE_PREFIX + runtime.replace('.', '_');
    }

    /**
     * The JDK of at least {@code feature} that serves {@code runtime} for {@code use}, or why there is none.
     *
     * @param runtime a Lambda runtime name, e.g. {@code java21}: it names the override variable read and the error
     */
    public Choice choose(String runtime, int feature, Use use) {
        String variable = overrideVariable(runtime);
        String override = env.get(variable);
        if (override != null && !override.isBlank()) {
            Optional<Jdk> named = Jdk.read(Path.of(override));
            if (named.isEmpty()) {
                return missing(runtime, feature, use, variable + "=" + override + " is not a JDK (no bin/java and "
                        + "release file there)");
            }
            if (named.get().feature() < feature) {
                return missing(runtime, feature, use, variable + "=" + override + " is Java " + named.get().feature()
                        + ", older than the Java " + feature + " that " + runtime + " needs here");
            }
            if (use == Use.COMPILE && !named.get().compiles()) {
                return missing(runtime, feature, use, variable + "=" + override + " has no bin/javac (a JRE runs "
                        + "code but cannot compile it)");
            }
            return new Choice(named, null);
        }
        Optional<Jdk> closest = found.stream()
                .filter(jdk -> jdk.feature() >= feature)
                .filter(jdk -> use != Use.COMPILE || jdk.compiles())
                .min(Comparator.comparingInt(Jdk::feature).thenComparingInt(jdk -> jdk.equals(current) ? 0 : 1));
        if (closest.isPresent()) {
            return new Choice(closest, null);
        }
        return missing(runtime, feature, use, "no JDK " + feature + " or newer" + (use == Use.COMPILE ? " with javac"
                : "") + " was found (looked at this JVM's own JDK " + current.version() + ", JAVA_HOME and "
                + systemJdks + ")");
    }

    private Choice missing(String runtime, int feature, Use use, String why) {
        String need = use == Use.RUN ? "on the emulator's machine" : "to compile for it (--release " + feature + ")";
        String then = use == Use.RUN ? ", then restart the emulator" : "";
        return new Choice(Optional.empty(), "Runtime " + runtime + " needs a JDK " + feature + " or newer " + need
                + ", but " + why + ". Install one (for example the Debian package openjdk-" + feature
                + "-jdk-headless, or a Temurin " + feature + " JDK under " + systemJdks + ") or name its home in "
                + overrideVariable(runtime) + then + ".");
    }

    /**
     * A runtime's JDK, or why there is none.
     *
     * @param jdk     the JDK, when one serves
     * @param problem otherwise what is missing and how to install it, naming the runtime and its variable
     */
    public record Choice(Optional<Jdk> jdk, String problem) {

        /** The JDK; throws with {@link #problem()} when there is none. */
        public Jdk orElseThrow() {
            return jdk.orElseThrow(() -> new IllegalStateException(problem));
        }
    }

    private static List<Jdk> distinct(List<Jdk> candidates) {
        Map<Path, Jdk> byRealPath = new LinkedHashMap<>();
        for (Jdk jdk : candidates) {
            Path real;
            try {
                real = jdk.home().toRealPath();
            } catch (IOException e) {
                real = jdk.home();
            }
            byRealPath.putIfAbsent(real, jdk);
        }
        return List.copyOf(byRealPath.values());
    }
}

package dev.serverlesslab.emulator.lambda.runtime;

import dev.serverlesslab.jdks.Jdk;
import dev.serverlesslab.jdks.JdkLookup;
import dev.serverlesslab.jdks.LambdaJavaRuntimes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which real JDK runs each of Lambda's Java runtimes: {@code java21} runs Java 21 class files, so it needs a JDK of at
 * least 21. The JDKs are found by the one lookup the compile workers also use ({@link JdkLookup}: the emulator's own,
 * {@code JAVA_HOME}, every JDK under {@code /usr/lib/jvm}, and any named per runtime by
 * {@code SERVERLESSLAB_JDK_<runtime>}); for each runtime the closest JDK wins, never one older than the bootstrap needs.
 *
 * <p>AWS runs each runtime on that exact Corretto release; running an older runtime on a newer JDK (java11 on 17) keeps
 * class-file compatibility but not every behaviour, which is why {@code java11} gets its permissive reflection back
 * ({@link #jvmFlags(String)}).
 */
public final class JavaRuntimes {

    /** Lambda's Java runtimes the emulator runs, each with the Java feature release AWS runs it on. */
    public static final Map<String, Integer> FEATURE_RELEASE = LambdaJavaRuntimes.FEATURE_RELEASE;
    /** The bootstrap is compiled for Java 17, so no older JDK can start an environment, whatever the runtime. */
    static final int MIN_JDK_FEATURE = 17;

    private static final Map<Path, Jdk> BY_EXECUTABLE = new ConcurrentHashMap<>();

    private final Jdk current;
    private final Map<String, Jdk> chosen;
    private final Map<String, String> problems;

    private JavaRuntimes(Jdk current, Map<String, Jdk> chosen, Map<String, String> problems) {
        this.current = current;
        this.chosen = Map.copyOf(chosen);
        this.problems = Map.copyOf(problems);
    }

    /** The JDKs of this machine, as the process environment and {@code /usr/lib/jvm} describe them. */
    public static JavaRuntimes discover() {
        return discover(JdkLookup.onThisMachine());
    }

    /**
     * @param env where {@code JAVA_HOME} and the per-runtime overrides are read
     * @param currentHome the JDK running the emulator
     * @param systemJdks a directory of JDKs ({@code /usr/lib/jvm})
     */
    public static JavaRuntimes discover(Map<String, String> env, Path currentHome, Path systemJdks) {
        return discover(JdkLookup.of(env, currentHome, systemJdks));
    }

    private static JavaRuntimes discover(JdkLookup jdks) {
        Map<String, Jdk> chosen = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        FEATURE_RELEASE.forEach((runtime, feature) -> {
            JdkLookup.Choice choice = jdks.choose(runtime, needed(feature), JdkLookup.Use.RUN);
            choice.jdk().ifPresentOrElse(jdk -> chosen.put(runtime, jdk), () -> problems.put(runtime, choice.problem()));
        });
        return new JavaRuntimes(jdks.current(), chosen, problems);
    }

    /** The JDK feature release a runtime needs here: its own, but never below what the bootstrap needs. */
    static int needed(int runtimeFeature) {
        return Math.max(runtimeFeature, MIN_JDK_FEATURE);
    }

    /** The name of the variable that chooses a runtime's JDK, e.g. {@code SERVERLESSLAB_JDK_java8_al2}. */
    public static String overrideVariable(String runtime) {
        return JdkLookup.overrideVariable(runtime);
    }

    /** The JDK that runs {@code runtime}, if this machine has one. */
    public Optional<Jdk> jdk(String runtime) {
        return Optional.ofNullable(chosen.get(runtime));
    }

    /** The JDK running the emulator. */
    public Jdk current() {
        return current;
    }

    /**
     * Why {@code runtime} cannot run here and how to make it run, for the CreateFunction error; empty when it can.
     */
    public Optional<String> missing(String runtime) {
        if (chosen.containsKey(runtime)) {
            return Optional.empty();
        }
        if (!FEATURE_RELEASE.containsKey(runtime)) {
            return Optional.of("Runtime " + runtime + " is not a Java runtime this emulator runs");
        }
        return Optional.of(problems.get(runtime));
    }

    /**
     * JVM options a runtime adds to every environment: {@code java11} (and {@code java8.al2}), which run on JDK 17 or
     * newer here, keep Java 11's permissive reflection into the JDK's own packages (libraries of that era rely on it),
     * which JDK 17 closed by default.
     */
    public static List<String> jvmFlags(String runtime) {
        if (!"java11".equals(runtime) && !"java8.al2".equals(runtime)) {
            return List.of();
        }
        List<String> flags = new ArrayList<>();
        for (String pkg : List.of("java.base/java.lang", "java.base/java.lang.reflect",
                "java.base/java.util.concurrent", "java.base/java.io", "java.base/java.nio", "java.base/java.net",
                "java.base/java.text", "java.base/java.time", "java.base/sun.nio.ch", "java.base/jdk.internal.misc",
                "java.base/java.security", "java.base/javax.crypto", "java.sql/java.sql")) {
            flags.add("--add-opens=" + pkg + "=ALL-UNNAMED");
        }
        return flags;
    }

    /** The JDK a {@code bin/java} belongs to, as its release file describes it (read once per JDK). */
    static Jdk ofExecutable(Path java) {
        Path home = java.toAbsolutePath().normalize().getParent().getParent();
        return BY_EXECUTABLE.computeIfAbsent(home, dir -> Jdk.read(dir).orElseGet(() -> new Jdk(dir, 0, "unknown")));
    }

    /**
     * The {@code RuntimeVersionArn} naming the JDK a function runs on, in the shape of Lambda's
     * ({@code arn:aws:lambda:REGION::runtime:ID}); AWS's ids are opaque hashes, ours say which JDK it is.
     */
    public static String runtimeVersionArn(String region, Jdk jdk) {
        return "arn:aws:lambda:" + region + "::runtime:jdk-" + jdk.version() + "-" + jdk.home().getFileName();
    }
}

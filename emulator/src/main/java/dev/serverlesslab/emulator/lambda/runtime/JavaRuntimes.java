package dev.serverlesslab.emulator.lambda.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Which real JDK runs each of Lambda's Java runtimes: {@code java21} runs Java 21 class files, so it needs a JDK of at
 * least 21. The JDKs are the emulator's own, {@code JAVA_HOME}, every JDK under {@code /usr/lib/jvm}, and any named
 * per runtime by {@code SERVERLESSLAB_JDK_<runtime>} (dots as underscores, e.g. {@code SERVERLESSLAB_JDK_java21}); for
 * each runtime the closest JDK wins (the lowest feature release that is high enough, the emulator's own on a tie).
 *
 * <p>AWS runs each runtime on that exact Corretto release; running an older runtime on a newer JDK (java11 on 17) keeps
 * class-file compatibility but not every behaviour, which is why {@code java11} gets its permissive reflection back
 * ({@link #jvmFlags(String)}).
 */
public final class JavaRuntimes {

    /** Lambda's Java runtimes the emulator runs, each with the Java feature release AWS runs it on. */
    public static final Map<String, Integer> FEATURE_RELEASE = orderedReleases();
    /** The environment variable prefix naming a runtime's JDK home. */
    public static final String OVERRIDE_PREFIX = "SERVERLESSLAB_JDK_";
    /** The bootstrap is compiled for Java 17, so no older JDK can start an environment, whatever the runtime. */
    static final int MIN_JDK_FEATURE = 17;
    private static final Path SYSTEM_JDKS = Path.of("/usr/lib/jvm");

    private static final Map<Path, Jdk> BY_EXECUTABLE = new java.util.concurrent.ConcurrentHashMap<>();

    private final Jdk current;
    private final Map<String, Jdk> chosen;
    private final Map<String, String> problems;

    private JavaRuntimes(Jdk current, Map<String, Jdk> chosen, Map<String, String> problems) {
        this.current = current;
        this.chosen = Map.copyOf(chosen);
        this.problems = Map.copyOf(problems);
    }

    /** A JDK found on the machine. */
    public record Jdk(Path home, int feature, String version) {

        public Path java() {
            return home.resolve("bin").resolve("java");
        }

        /** How a log line or a configuration names it, e.g. {@code 25.0.3 (/usr/lib/jvm/temurin-25-jdk-amd64)}. */
        public String description() {
            return version + " (" + home + ")";
        }
    }

    private static Map<String, Integer> orderedReleases() {
        Map<String, Integer> releases = new LinkedHashMap<>();
        releases.put("java8.al2", 8);
        releases.put("java11", 11);
        releases.put("java17", 17);
        releases.put("java21", 21);
        releases.put("java25", 25);
        return java.util.Collections.unmodifiableMap(releases);
    }

    /** The JDKs of this machine, as the process environment and {@code /usr/lib/jvm} describe them. */
    public static JavaRuntimes discover() {
        return discover(System.getenv(), Path.of(System.getProperty("java.home")), SYSTEM_JDKS);
    }

    /**
     * @param env where {@code JAVA_HOME} and the per-runtime overrides are read
     * @param currentHome the JDK running the emulator
     * @param systemJdks a directory of JDKs ({@code /usr/lib/jvm})
     */
    public static JavaRuntimes discover(Map<String, String> env, Path currentHome, Path systemJdks) {
        Jdk current = read(currentHome).orElseGet(() -> new Jdk(currentHome, Runtime.version().feature(),
                Runtime.version().toString()));
        List<Jdk> candidates = new ArrayList<>();
        candidates.add(current);
        if (env.get("JAVA_HOME") != null && !env.get("JAVA_HOME").isBlank()) {
            read(Path.of(env.get("JAVA_HOME"))).ifPresent(candidates::add);
        }
        if (Files.isDirectory(systemJdks)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(systemJdks)) {
                List<Path> sorted = new ArrayList<>();
                dirs.forEach(sorted::add);
                sorted.sort(Comparator.naturalOrder());
                sorted.forEach(dir -> read(dir).ifPresent(candidates::add));
            } catch (IOException e) {
                // An unreadable /usr/lib/jvm leaves the emulator's own JDK.
            }
        }
        List<Jdk> distinct = distinct(candidates);
        Map<String, Jdk> chosen = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> runtime : FEATURE_RELEASE.entrySet()) {
            String variable = overrideVariable(runtime.getKey());
            String override = env.get(variable);
            if (override != null && !override.isBlank()) {
                Optional<Jdk> named = read(Path.of(override));
                if (named.isEmpty()) {
                    problems.put(runtime.getKey(), variable + "=" + override + " is not a JDK (no bin/java and release "
                            + "file there)");
                } else if (named.get().feature() < needed(runtime.getValue())) {
                    problems.put(runtime.getKey(), variable + "=" + override + " is Java " + named.get().feature()
                            + ", older than the Java " + needed(runtime.getValue()) + " that " + runtime.getKey()
                            + " needs here");
                } else {
                    chosen.put(runtime.getKey(), named.get());
                }
                continue;
            }
            closest(distinct, needed(runtime.getValue()), current).ifPresent(jdk -> chosen.put(runtime.getKey(), jdk));
        }
        return new JavaRuntimes(current, chosen, problems);
    }

    /** The JDK feature release a runtime needs here: its own, but never below what the bootstrap needs. */
    static int needed(int runtimeFeature) {
        return Math.max(runtimeFeature, MIN_JDK_FEATURE);
    }

    /** The name of the variable that chooses a runtime's JDK, e.g. {@code SERVERLESSLAB_JDK_java8_al2}. */
    public static String overrideVariable(String runtime) {
        return OVERRIDE_PREFIX + runtime.replace('.', '_');
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
        Integer feature = FEATURE_RELEASE.get(runtime);
        if (feature == null) {
            return Optional.of("Runtime " + runtime + " is not a Java runtime this emulator runs");
        }
        feature = needed(feature);
        String why = problems.getOrDefault(runtime, "no JDK " + feature + " or newer was found (looked at the "
                + "emulator's own JDK " + current.version() + ", JAVA_HOME and " + SYSTEM_JDKS + ")");
        return Optional.of("Runtime " + runtime + " needs a JDK " + feature + " or newer on the emulator's machine, "
                + "but " + why + ". Install one (for example the Debian package openjdk-" + feature + "-jdk-headless, "
                + "or a Temurin " + feature + " JDK under " + SYSTEM_JDKS + ") or name its home in "
                + overrideVariable(runtime) + ", then restart the emulator.");
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
        return BY_EXECUTABLE.computeIfAbsent(home, dir -> read(dir).orElseGet(() -> new Jdk(dir, 0, "unknown")));
    }

    /**
     * The {@code RuntimeVersionArn} naming the JDK a function runs on, in the shape of Lambda's
     * ({@code arn:aws:lambda:REGION::runtime:ID}); AWS's ids are opaque hashes, ours say which JDK it is.
     */
    public static String runtimeVersionArn(String region, Jdk jdk) {
        return "arn:aws:lambda:" + region + "::runtime:jdk-" + jdk.version() + "-" + jdk.home().getFileName();
    }

    /** Reads a JDK's {@code release} file; empty when {@code home} holds no runnable JDK. */
    static Optional<Jdk> read(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(release)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "").trim();
        int feature = feature(version);
        return feature <= 0 ? Optional.empty() : Optional.of(new Jdk(home.toAbsolutePath().normalize(), feature,
                version));
    }

    /** {@code 17.0.15} → 17, {@code 1.8.0_452} → 8, {@code 25} → 25; 0 when unreadable. */
    static int feature(String version) {
        String[] parts = version.split("[.+_-]");
        try {
            int first = Integer.parseInt(parts[0]);
            return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
        } catch (NumberFormatException e) {
            return 0;
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

    private static Optional<Jdk> closest(List<Jdk> jdks, int feature, Jdk current) {
        return jdks.stream()
                .filter(jdk -> jdk.feature() >= feature)
                .min(Comparator.comparingInt(Jdk::feature)
                        .thenComparing(jdk -> jdk.equals(current) ? 0 : 1));
    }
}

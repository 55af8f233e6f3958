package dev.serverlesslab.exercises.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The Java release a Lambda runtime runs ({@code java21} → 21), which submissions compile for ({@code --release}), and
 * the JDK whose javac can compile for it: this JVM's when it is new enough, else the closest newer one named by
 * {@code SERVERLESSLAB_JDK_<runtime>}, {@code JAVA_HOME} or found under {@code /usr/lib/jvm} (the same places and
 * variables the emulator's {@code JavaRuntimes} runs functions with).
 */
public final class JavaRelease {

    private static final Map<String, Integer> RELEASES = Map.of("java8.al2", 8, "java11", 11, "java17", 17,
            "java21", 21, "java25", 25);
    private static final Path SYSTEM_JDKS = Path.of("/usr/lib/jvm");

    private JavaRelease() {
    }

    /** The release a runtime's class files must target, e.g. 21 for {@code java21}. */
    public static int of(String runtime) {
        Integer release = RELEASES.get(runtime);
        if (release == null) {
            throw new IllegalArgumentException("not a Java runtime Lambda offers: " + runtime);
        }
        return release;
    }

    /**
     * The {@code bin/java} of a JDK whose javac compiles for {@code release}.
     *
     * @throws IllegalStateException when there is none here, saying how to install one
     */
    public static Path javaFor(int release) {
        return javaFor(release, System.getenv(), Path.of(System.getProperty("java.home")), SYSTEM_JDKS);
    }

    static Path javaFor(int release, Map<String, String> env, Path currentHome, Path systemJdks) {
        if (Runtime.version().feature() >= release && currentHome.equals(Path.of(System.getProperty("java.home")))) {
            return currentHome.resolve("bin").resolve("java");
        }
        List<Path> candidates = new ArrayList<>();
        RELEASES.forEach((runtime, feature) -> {
            String named = env.get("SERVERLESSLAB_JDK_" + runtime.replace('.', '_'));
            if (feature == release && named != null && !named.isBlank()) {
                candidates.add(Path.of(named));
            }
        });
        if (env.get("JAVA_HOME") != null && !env.get("JAVA_HOME").isBlank()) {
            candidates.add(Path.of(env.get("JAVA_HOME")));
        }
        candidates.add(currentHome);
        if (Files.isDirectory(systemJdks)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(systemJdks)) {
                dirs.forEach(candidates::add);
            } catch (IOException e) {
                // An unreadable directory of JDKs leaves the others.
            }
        }
        return candidates.stream()
                .filter(home -> Files.isExecutable(home.resolve("bin").resolve("javac")))
                .filter(home -> feature(home) >= release)
                .min(Comparator.comparingInt(JavaRelease::feature).thenComparing(Path::toString))
                .map(home -> home.resolve("bin").resolve("java"))
                .orElseThrow(() -> new IllegalStateException("no JDK " + release + " or newer is installed to compile "
                        + "for --release " + release + " (this platform runs on Java " + Runtime.version().feature()
                        + "): install one (e.g. the Debian package openjdk-" + release + "-jdk-headless or a Temurin "
                        + release + " JDK under " + systemJdks + ") or name its home in SERVERLESSLAB_JDK_java"
                        + release));
    }

    /** The feature release in a JDK's {@code release} file; 0 when there is none. */
    static int feature(Path home) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("release"))) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return 0;
        }
        String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "").trim();
        String[] parts = version.split("[.+_-]");
        try {
            int first = Integer.parseInt(parts[0]);
            return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Lambda's Java runtimes, e.g. for an exercise's {@code runtime:} field. */
    public static Optional<Integer> release(String runtime) {
        return Optional.ofNullable(RELEASES.get(runtime));
    }
}

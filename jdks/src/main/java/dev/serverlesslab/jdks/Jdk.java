package dev.serverlesslab.jdks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * A JDK found on the machine, as its {@code release} file describes it.
 *
 * @param home    its home directory (with {@code bin/java} and {@code release})
 * @param feature its Java feature release, e.g. 21
 * @param version its full version, e.g. {@code 21.0.7}
 */
public record Jdk(Path home, int feature, String version) {

    public Path java() {
        return home.resolve("bin").resolve("java");
    }

    /** Whether it can compile as well as run: a JDK with {@code bin/javac}, not a JRE. */
    public boolean compiles() {
        return Files.isExecutable(home.resolve("bin").resolve("javac"));
    }

    /** How a log line or a configuration names it, e.g. {@code 25.0.3 (/usr/lib/jvm/temurin-25-jdk-amd64)}. */
    public String description() {
        return version + " (" + home + ")";
    }

    /** Reads a JDK's {@code release} file; empty when {@code home} holds no runnable JDK. */
    public static Optional<Jdk> read(Path home) {
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
        int feature = parseFeature(version);
        return feature <= 0 ? Optional.empty() : Optional.of(new Jdk(home.toAbsolutePath().normalize(), feature,
                version));
    }

    /** {@code 17.0.15} → 17, {@code 1.8.0_452} → 8, {@code 25} → 25; 0 when unreadable. */
    public static int parseFeature(String version) {
        String[] parts = version.split("[.+_-]");
        try {
            int first = Integer.parseInt(parts[0]);
            return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

package dev.serverlesslab.server.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The default {@code ./lab} class path (server and what it depends on) carries no Docker client: Testcontainers and
 * docker-java belong to the optional localstack module, which {@code ./lab} adds only for {@code --backend localstack}.
 */
class LabClassPathTests {

    @Test
    void serverClassPath_hasNoTestcontainersOrDockerJavaJar() {
        List<String> entries = new ArrayList<>(entries(System.getProperty("java.class.path")));
        // Surefire may hand the JVM a manifest-only jar; it says the real test class path in this property.
        entries.addAll(entries(System.getProperty("surefire.test.class.path", "")));

        assertTrue(entries.stream().anyMatch(e -> e.contains("graders")), "graders is not on " + entries
                + ": this test would not be looking at the server's class path");
        assertFalse(entries.stream().anyMatch(LabClassPathTests::isDockerClient), entries.toString());
    }

    @Test
    void serverClassPath_cannotLoadTestcontainersOrDockerJava() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.testcontainers.DockerClientFactory"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.github.dockerjava.api.DockerClient"));
    }

    /** The list {@code ./lab} builds for itself, when a build by {@code ./lab} left one here. */
    @Test
    void labClassPathFile_whenBuilt_hasNoTestcontainersOrDockerJavaJar() throws IOException {
        Path file = Path.of("target/lab.classpath");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(file),
                "target/lab.classpath is written by ./lab's build, not by this test run");

        List<String> entries = entries(Files.readString(file).trim());

        assertFalse(entries.stream().anyMatch(LabClassPathTests::isDockerClient), entries.toString());
    }

    private static boolean isDockerClient(String entry) {
        String name = Path.of(entry).getFileName().toString().toLowerCase(Locale.ROOT);
        return name.startsWith("testcontainers") || name.startsWith("docker-java");
    }

    private static List<String> entries(String classPath) {
        return classPath.isEmpty() ? List.of() : List.of(classPath.split(File.pathSeparator));
    }
}

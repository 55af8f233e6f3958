package dev.serverlesslab.emulator.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which JDK runs each Lambda Java runtime, from JDKs laid out as on a machine: the emulator's rules on top of the shared
 * lookup ({@code dev.serverlesslab.jdks.JdkLookupTests} tests the overrides and the choice itself).
 */
class JavaRuntimesTests {

    @TempDir
    Path dir;

    @Test
    void discover_runsEachRuntimeOnTheClosestJdkOfAtLeastItsRelease_andNeverBelow17() throws IOException {
        Path current = jdk("current-17", "17.0.15");
        Path jvm = Files.createDirectories(dir.resolve("jvm"));
        jdk("jvm/temurin-25", "25.0.3");
        jdk("jvm/openjdk-21", "21.0.7");
        jdk("jvm/openjdk-11", "11.0.27");

        JavaRuntimes runtimes = JavaRuntimes.discover(Map.of(), current, jvm);

        assertEquals(current, runtimes.jdk("java11").orElseThrow().home(), "the bootstrap needs 17");
        assertEquals(current, runtimes.jdk("java8.al2").orElseThrow().home());
        assertEquals(current, runtimes.jdk("java17").orElseThrow().home());
        assertEquals(jvm.resolve("openjdk-21"), runtimes.jdk("java21").orElseThrow().home());
        assertEquals(jvm.resolve("temurin-25"), runtimes.jdk("java25").orElseThrow().home());
        assertTrue(runtimes.missing("java21").isEmpty());
    }

    @Test
    void discover_withoutANewEnoughJdk_saysWhichRuntimeAndHowToInstallOne() throws IOException {
        Path current = jdk("current-17", "17.0.15");

        JavaRuntimes runtimes = JavaRuntimes.discover(Map.of(), current, dir.resolve("no-such-dir"));

        assertTrue(runtimes.jdk("java21").isEmpty());
        String message = runtimes.missing("java21").orElseThrow();
        assertTrue(message.startsWith("Runtime java21 needs a JDK 21 or newer"), message);
        assertTrue(message.contains("openjdk-21-jdk-headless"), message);
        assertTrue(message.contains("SERVERLESSLAB_JDK_java21"), message);
    }

    @Test
    void jvmFlags_giveJava11ItsPermissiveReflection_only() {
        assertTrue(JavaRuntimes.jvmFlags("java11").contains("--add-opens=java.base/java.lang=ALL-UNNAMED"));
        assertEquals(List.of(), JavaRuntimes.jvmFlags("java21"));
    }

    private Path jdk(String relative, String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve(relative).resolve("bin"));
        Files.writeString(home.resolve("java"), "#!/bin/sh\n").toFile().setExecutable(true);
        Files.writeString(home.getParent().resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        return home.getParent().toAbsolutePath().normalize();
    }
}

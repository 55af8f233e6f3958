package dev.serverlesslab.jdks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.jdks.JdkLookup.Use;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which JDK serves a Lambda Java runtime, for running or compiling, from JDKs laid out as on a machine. */
class JdkLookupTests {

    @TempDir
    Path dir;

    @Test
    void choose_takesTheClosestJdkOfAtLeastTheRelease_thisJvmsOwnOnATie() throws IOException {
        Path current = jdk("current-17", "17.0.15", true);
        Path jvm = Files.createDirectories(dir.resolve("jvm"));
        jdk("jvm/temurin-25", "25.0.3", true);
        jdk("jvm/openjdk-21", "21.0.7", true);
        jdk("jvm/openjdk-17", "17.0.9", true);
        jdk("jvm/openjdk-11", "11.0.27", true);

        JdkLookup jdks = JdkLookup.of(Map.of(), current, jvm);

        assertEquals(current, jdks.choose("java17", 17, Use.RUN).orElseThrow().home());
        assertEquals(jvm.resolve("openjdk-11"), jdks.choose("java11", 11, Use.RUN).orElseThrow().home());
        assertEquals(jvm.resolve("openjdk-21"), jdks.choose("java21", 21, Use.RUN).orElseThrow().home());
        assertEquals(jvm.resolve("temurin-25"), jdks.choose("java25", 25, Use.COMPILE).orElseThrow().home());
    }

    @Test
    void choose_forCompiling_skipsJdksWithoutJavac() throws IOException {
        Path jdks = Files.createDirectories(dir.resolve("jvm"));
        jdk("jvm/jdk-25", "25.0.3", true);
        jdk("jvm/jdk-21", "21.0.7", true);
        jdk("jvm/jre-22", "22.0.1", false);
        JdkLookup lookup = JdkLookup.of(Map.of(), dir.resolve("none"), jdks);

        assertEquals(jdks.resolve("jdk-21/bin/java"), lookup.choose("java21", 21, Use.COMPILE).orElseThrow().java());
        assertEquals(jdks.resolve("jdk-25/bin/java"), lookup.choose("java22", 22, Use.COMPILE).orElseThrow().java());
        assertEquals(jdks.resolve("jre-22/bin/java"), lookup.choose("java22", 22, Use.RUN).orElseThrow().java(),
                "a JRE runs code");
    }

    @Test
    void choose_withoutANewEnoughJdk_namesTheRuntimeAndHowToInstallOne() throws IOException {
        Path current = jdk("current-17", "17.0.15", true);
        JdkLookup jdks = JdkLookup.of(Map.of(), current, dir.resolve("no-such-dir"));

        JdkLookup.Choice run = jdks.choose("java21", 21, Use.RUN);
        JdkLookup.Choice compile = jdks.choose("java21", 21, Use.COMPILE);

        assertTrue(run.jdk().isEmpty());
        for (String message : new String[] {run.problem(), compile.problem()}) {
            assertTrue(message.startsWith("Runtime java21 needs a JDK 21 or newer"), message);
            assertTrue(message.contains("openjdk-21-jdk-headless"), message);
            assertTrue(message.contains("SERVERLESSLAB_JDK_java21"), message);
        }
        assertTrue(run.problem().contains("restart the emulator"), run.problem());
        assertTrue(compile.problem().contains("to compile for it (--release 21)"), compile.problem());
    }

    @Test
    void choose_honoursTheOverrideVariable_andExplainsABadOne() throws IOException {
        Path current = jdk("current-17", "17.0.15", true);
        Path jvm = Files.createDirectories(dir.resolve("jvm"));
        jdk("jvm/openjdk-21", "21.0.7", true);
        Path chosen = jdk("elsewhere/jdk-22", "22.0.2", true);
        Path old = jdk("elsewhere/jdk-17b", "17.0.1", true);
        Path jre = jdk("elsewhere/jre-25", "25.0.1", false);

        JdkLookup jdks = JdkLookup.of(Map.of("SERVERLESSLAB_JDK_java21", chosen.toString(),
                "SERVERLESSLAB_JDK_java25", old.toString(), "SERVERLESSLAB_JDK_java8_al2", jre.toString(),
                "SERVERLESSLAB_JDK_java11", dir.resolve("nothing").toString()), current, jvm);

        assertEquals(chosen, jdks.choose("java21", 21, Use.COMPILE).orElseThrow().home(), "over the closer 21");
        assertFalse(jdks.choose("java25", 25, Use.RUN).jdk().isPresent());
        assertTrue(jdks.choose("java25", 25, Use.RUN).problem().contains("is Java 17, older than the Java 25"),
                jdks.choose("java25", 25, Use.RUN).problem());
        assertEquals(jre, jdks.choose("java8.al2", 17, Use.RUN).orElseThrow().home());
        assertTrue(jdks.choose("java8.al2", 17, Use.COMPILE).problem().contains("has no bin/javac"),
                jdks.choose("java8.al2", 17, Use.COMPILE).problem());
        assertTrue(jdks.choose("java11", 17, Use.RUN).problem().contains("is not a JDK"),
                jdks.choose("java11", 17, Use.RUN).problem());
    }

    @Test
    void parseFeature_readsOldAndNewVersionStrings() {
        assertEquals(8, Jdk.parseFeature("1.8.0_452"));
        assertEquals(17, Jdk.parseFeature("17.0.15"));
        assertEquals(25, Jdk.parseFeature("25"));
        assertEquals(0, Jdk.parseFeature("unknown"));
    }

    @Test
    void lambdaJavaRuntimes_mapEachRuntimeToItsRelease_andBack() {
        assertEquals(21, LambdaJavaRuntimes.release("java21").orElseThrow());
        assertEquals(8, LambdaJavaRuntimes.release("java8.al2").orElseThrow());
        assertTrue(LambdaJavaRuntimes.release("python3.12").isEmpty());
        assertEquals("java25", LambdaJavaRuntimes.runtimeOf(25).orElseThrow());
        assertTrue(LambdaJavaRuntimes.runtimeOf(22).isEmpty());
    }

    private Path jdk(String relative, String version, boolean javac) throws IOException {
        Path bin = Files.createDirectories(dir.resolve(relative).resolve("bin"));
        for (String tool : javac ? new String[] {"java", "javac"} : new String[] {"java"}) {
            Files.writeString(bin.resolve(tool), "#!/bin/sh\n").toFile().setExecutable(true);
        }
        Files.writeString(bin.getParent().resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        return bin.getParent().toAbsolutePath().normalize();
    }
}

package dev.serverlesslab.exercises.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.jdks.JdkLookup;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submissions compile for the release of their exercise's runtime, on a JDK whose javac can. */
class JavaReleaseTests {

    /** Record patterns in a switch: Java 21 and later only. */
    private static final String JAVA21_HANDLER = """
            package example;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;

            public class Shapes implements RequestHandler<Shapes.Shape, String> {
                public sealed interface Shape permits Circle, Square {}
                public record Circle(double radius) implements Shape {}
                public record Square(double side) implements Shape {}

                @Override
                public String handleRequest(Shape shape, Context context) {
                    return switch (shape) {
                        case Circle(double r) -> "circle " + r;
                        case Square(double s) -> "square " + s;
                    };
                }
            }
            """;

    private final SubmissionBuilder builder = new SubmissionBuilder();

    @TempDir
    Path work;

    @Test
    void of_mapsEachLambdaJavaRuntimeToItsRelease_andRefusesOthers() {
        assertEquals(11, JavaRelease.of("java11"));
        assertEquals(17, JavaRelease.of("java17"));
        assertEquals(21, JavaRelease.of("java21"));
        assertEquals(25, JavaRelease.of("java25"));
        assertThrows(IllegalArgumentException.class, () -> JavaRelease.of("python3.12"));
    }

    @Test
    void java21Submission_compilesForRelease21_intoJava21ClassFiles() throws IOException {
        assumeTrue(hasJdk(21), "no JDK 21 or newer on this machine");

        Build build = builder.build(Submission.of(Map.of("example/Shapes.java", JAVA21_HANDLER)), SdkModules.none(),
                JavaRelease.of("java21"), work);

        assertTrue(build.success(), build.compile().diagnostics().toString());
        assertEquals(65, classFileMajorVersion(build.deploymentZip(), "example/Shapes.class"));
    }

    @Test
    void java21Features_inAJava17Submission_failToCompileWithTheLine() {
        Build build = builder.build(Submission.of(Map.of("example/Shapes.java", JAVA21_HANDLER)), SdkModules.none(),
                JavaRelease.of("java17"), work);

        assertFalse(build.success());
        assertTrue(build.compile().diagnostics().stream().anyMatch(d -> d.toString().contains("Shapes.java:")),
                build.compile().diagnostics().toString());
    }

    @Test
    void javaFor_aReleaseNoJdkHereCompiles_saysHowToInstallOne(@TempDir Path noJdks) {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> JavaRelease.javaFor(99, JdkLookup.of(Map.of(), noJdks, noJdks)));

        assertTrue(error.getMessage().contains("SERVERLESSLAB_JDK_java99"), error.getMessage());
        assertTrue(error.getMessage().contains("to compile for it (--release 99)"), error.getMessage());
    }

    @Test
    void javaFor_aRuntimesRelease_takesTheJdkItsVariableNames(@TempDir Path jdks) throws IOException {
        Path named = Files.createDirectories(jdks.resolve("elsewhere/jdk-25/bin"));
        for (String tool : new String[] {"java", "javac"}) {
            Files.writeString(named.resolve(tool), "#!/bin/sh\n").toFile().setExecutable(true);
        }
        Files.writeString(named.getParent().resolve("release"), "JAVA_VERSION=\"25.0.1\"\n");

        assertEquals(named.resolve("java"), JavaRelease.javaFor(25, JdkLookup.of(
                Map.of("SERVERLESSLAB_JDK_java25", named.getParent().toString()), jdks.resolve("none"), jdks)));
    }

    private static boolean hasJdk(int release) {
        try {
            JavaRelease.javaFor(release);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static int classFileMajorVersion(byte[] zip, String entry) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(entry)) {
                    DataInputStream data = new DataInputStream(in);
                    data.readInt();
                    data.readUnsignedShort();
                    return data.readUnsignedShort();
                }
            }
        }
        throw new AssertionError(entry + " is not in the zip");
    }
}

package dev.serverlesslab.exercises.build;

import dev.serverlesslab.jdks.JdkLookup;
import dev.serverlesslab.jdks.LambdaJavaRuntimes;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Java release a Lambda runtime runs ({@code java21} → 21), which submissions compile for ({@code --release}), and
 * the JDK whose javac can compile for it: this JVM's when it is new enough, else the one {@link JdkLookup} finds (the
 * same lookup, places and {@code SERVERLESSLAB_JDK_<runtime>} variables the emulator runs functions with).
 */
public final class JavaRelease {

    private JavaRelease() {
    }

    /** The release a runtime's class files must target, e.g. 21 for {@code java21}. */
    public static int of(String runtime) {
        return LambdaJavaRuntimes.release(runtime).orElseThrow(() -> new IllegalArgumentException(
                "not a Java runtime Lambda offers: " + runtime));
    }

    /**
     * The {@code bin/java} of a JDK whose javac compiles for {@code release}.
     *
     * @throws IllegalStateException when there is none here, naming the runtime and saying how to install one
     */
    public static Path javaFor(int release) {
        if (Runtime.version().feature() >= release) {
            return Path.of(System.getProperty("java.home")).resolve("bin").resolve("java");
        }
        return javaFor(release, JdkLookup.onThisMachine());
    }

    /** The {@code bin/java} of the JDK {@code jdks} finds to compile for {@code release}. */
    static Path javaFor(int release, JdkLookup jdks) {
        // A release with no Lambda runtime of its own (22) is still named like one, so the variable to set is clear.
        String runtime = LambdaJavaRuntimes.runtimeOf(release).orElse("java" + release);
        return jdks.choose(runtime, release, JdkLookup.Use.COMPILE).orElseThrow().java();
    }

    /** Lambda's Java runtimes, e.g. for an exercise's {@code runtime:} field. */
    public static Optional<Integer> release(String runtime) {
        return LambdaJavaRuntimes.release(runtime);
    }
}

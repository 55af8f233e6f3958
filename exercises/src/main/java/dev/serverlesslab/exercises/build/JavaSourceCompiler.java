package dev.serverlesslab.exercises.build;

import dev.serverlesslab.exercises.build.worker.CompileWorkers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Compiles Java sources held in memory with the JDK's own compiler, against exactly the class path given, in a compile
 * worker JVM ({@link CompileWorkers}) so that no source can exhaust, stall or crash the JVM that asked.
 */
public final class JavaSourceCompiler {

    private final CompileWorkers workers;
    /** Whether to pick the shared pool per release (the default) rather than always use {@link #workers}. */
    private final boolean sharedPools;

    /**
     * Uses this JVM's shared compile workers, on another JDK for a release newer than this JVM's.
     *
     * @throws IllegalStateException when the platform runs on a JRE, which has no compiler
     */
    public JavaSourceCompiler() {
        this(CompileWorkers.shared(), true);
    }

    /** Uses the given workers, e.g. a pool with its own deadline. */
    public JavaSourceCompiler(CompileWorkers workers) {
        this(workers, false);
    }

    private JavaSourceCompiler(CompileWorkers workers, boolean sharedPools) {
        this.sharedPools = sharedPools;
        // The worker runs this JVM's java, so a JRE here would only fail later, inside the worker, less clearly.
        if (ModuleLayer.boot().findModule("jdk.compiler").isEmpty()) {
            throw new IllegalStateException("no Java compiler is available in " + System.getProperty("java.home")
                    + ": run the platform on a JDK 17 or newer, not on a JRE");
        }
        this.workers = workers;
    }

    /**
     * Compiles {@code sources} into {@code classesDir}. Sources that exhaust the compiler's time, memory or stack, or
     * crash it, end as a failed compilation whose diagnostic tells the learner what to change.
     *
     * @param sources    path relative to the source root (e.g. {@code example/Hello.java}) to source text
     * @param classpath  the jars and folders the sources may use; nothing else is visible to them
     * @param classesDir where class files are written; created when missing
     */
    public CompileResult compile(Map<String, String> sources, List<Path> classpath, Path classesDir) {
        return compile(sources, classpath, classesDir, 17);
    }

    /**
     * As {@link #compile(Map, List, Path)}, for Java {@code release} ({@code --release}, from the function's Lambda
     * runtime).
     *
     * @throws IllegalStateException when no JDK here compiles for that release (a platform problem)
     */
    public CompileResult compile(Map<String, String> sources, List<Path> classpath, Path classesDir, int release) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("there are no sources to compile");
        }
        CompileWorkers pool = sharedPools ? CompileWorkers.shared(release) : workers;
        return pool.compile(sources, classpath, classesDir, release);
    }
}

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

    /**
     * Uses this JVM's shared compile workers.
     *
     * @throws IllegalStateException when the platform runs on a JRE, which has no compiler
     */
    public JavaSourceCompiler() {
        this(CompileWorkers.shared());
    }

    /** Uses the given workers, e.g. a pool with its own deadline. */
    public JavaSourceCompiler(CompileWorkers workers) {
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
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("there are no sources to compile");
        }
        return workers.compile(sources, classpath, classesDir);
    }
}

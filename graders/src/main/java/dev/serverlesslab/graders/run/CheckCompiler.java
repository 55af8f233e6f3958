package dev.serverlesslab.graders.run;

import dev.serverlesslab.exercises.build.CompileResult;
import dev.serverlesslab.exercises.build.JavaSourceCompiler;
import dev.serverlesslab.exercises.exercise.Exercise;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compiles an exercise's {@code checks/} against the check API, with the same compile workers learners get, once per
 * content: the classes are kept in a {@link CompiledChecks} cache under the hash of the check sources and of the check
 * API's class path, so a grading of an exercise whose checks were compiled before (by this process or another) runs
 * them without calling javac.
 */
public final class CheckCompiler {

    /** What compiles the check sources; the compile workers in production. */
    @FunctionalInterface
    interface Compiler {
        CompileResult compile(Map<String, String> sources, List<Path> classpath, Path classesDir);
    }

    private final Compiler compiler;
    private final CompiledChecks cache;
    private final List<Path> classpath;

    /** Compiles in this JVM's shared compile workers and caches in {@code ~/.cache/serverless-lab/checks}. */
    public CheckCompiler() {
        this(new JavaSourceCompiler()::compile, CompiledChecks.inUserCache(), CheckClasspath.entries());
    }

    CheckCompiler(Compiler compiler, CompiledChecks cache, List<Path> classpath) {
        this.compiler = compiler;
        this.cache = cache;
        this.classpath = List.copyOf(classpath);
    }

    /**
     * The exercise's compiled checks: from the cache when these sources were compiled against this check API before,
     * else compiled now (into the cache, or into {@code classesDir} when the cache cannot be written). A failed
     * compilation is never cached, so its diagnostics are always fresh.
     */
    public CompileResult compile(Exercise exercise, Path classesDir) {
        Map<String, String> sources = sources(exercise);
        String key = cache.key(sources, classpath);
        Optional<Path> cached = cache.find(key);
        if (cached.isPresent()) {
            return new CompileResult(true, List.of(), cached.get());
        }
        CompileResult fresh = compiler.compile(sources, classpath, classesDir);
        if (!fresh.success()) {
            return fresh;
        }
        return cache.keep(key, fresh.classesDir())
                .map(kept -> new CompileResult(true, fresh.diagnostics(), kept))
                .orElse(fresh);
    }

    /** The cache key of {@code exercise}'s checks: equal for equal sources compiled against this check API. */
    String key(Exercise exercise) {
        return cache.key(sources(exercise), classpath);
    }

    /** The compiled-checks cache, where tallies are kept beside the classes they count. */
    CompiledChecks cache() {
        return cache;
    }

    private static Map<String, String> sources(Exercise exercise) {
        Map<String, String> sources = new TreeMap<>();
        Path dir = exercise.checksDir();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("exercise " + exercise.id() + " has no checks/ folder at " + dir);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.put(dir.relativize(file).toString().replace('\\', '/'),
                        Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checks of " + exercise.id(), e);
        }
        return sources;
    }
}

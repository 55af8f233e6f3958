package dev.serverlesslab.exercises.build.worker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One compilation as the worker receives it.
 *
 * @param sources    path relative to the source root (e.g. {@code example/Hello.java}) to source text
 * @param classpath  the jars and folders the sources may use; nothing else is visible to them
 * @param classesDir where the worker writes class files
 * @param release    the Java release to compile for ({@code --release}), that of the function's Lambda runtime
 */
record CompileRequest(SortedMap<String, String> sources, List<Path> classpath, Path classesDir, int release) {

    /** Java 17, the release of Lambda's {@code java17} runtime. */
    static final int DEFAULT_RELEASE = 17;

    CompileRequest(Map<String, String> sources, List<Path> classpath, Path classesDir, int release) {
        this(new TreeMap<>(sources), List.copyOf(classpath), classesDir, release);
    }

    CompileRequest(Map<String, String> sources, List<Path> classpath, Path classesDir) {
        this(new TreeMap<>(sources), List.copyOf(classpath), classesDir, DEFAULT_RELEASE);
    }
}

package dev.serverlesslab.graders.run;

import dev.serverlesslab.exercises.build.CompileResult;
import dev.serverlesslab.exercises.build.JavaSourceCompiler;
import dev.serverlesslab.exercises.exercise.Exercise;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Compiles an exercise's {@code checks/} against the check API, with the same in-process compiler learners get. */
public final class CheckCompiler {

    private final JavaSourceCompiler compiler = new JavaSourceCompiler();

    public CompileResult compile(Exercise exercise, Path classesDir) {
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
        return compiler.compile(sources, CheckClasspath.entries(), classesDir);
    }
}

package dev.serverlesslab.graders.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.build.CompileResult;
import dev.serverlesslab.exercises.build.JavaSourceCompiler;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCompilerTests {

    @TempDir
    Path temp;

    private Path content;
    private final AtomicInteger javacCalls = new AtomicInteger();

    @BeforeEach
    void copyContent() throws IOException {
        content = temp.resolve("content");
        Path source = Path.of("src/test/resources/content");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = content.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    private CheckCompiler compiler(Path cache) {
        JavaSourceCompiler javac = new JavaSourceCompiler();
        return new CheckCompiler((sources, classpath, classesDir) -> {
            javacCalls.incrementAndGet();
            return javac.compile(sources, classpath, classesDir);
        }, new CompiledChecks(cache), CheckClasspath.entries());
    }

    private Exercise echo() {
        return ExerciseCatalog.load(content).find("echo").orElseThrow();
    }

    @Test
    void secondCompileOfTheSameChecks_takesTheCachedClasses_withoutJavac() {
        Path cache = temp.resolve("cache");
        CompileResult first = compiler(cache).compile(echo(), temp.resolve("grading-1"));
        // A new compiler, as another grader or process would have: only the disk cache is shared.
        CompileResult second = compiler(cache).compile(echo(), temp.resolve("grading-2"));

        assertTrue(first.success(), first.diagnostics().toString());
        assertTrue(second.success());
        assertEquals(1, javacCalls.get(), "javac ran once for two gradings of unchanged checks");
        assertEquals(first.classesDir(), second.classesDir());
        assertTrue(second.classesDir().startsWith(cache));
        assertTrue(Files.isRegularFile(second.classesDir().resolve("checks/EchoChecks.class")));
        assertFalse(Files.exists(temp.resolve("grading-2")), "nothing compiled for the second grading");
    }

    @Test
    void cachedClasses_loadAsTheChecks() throws Exception {
        Path cache = temp.resolve("cache");
        compiler(cache).compile(echo(), temp.resolve("grading-1"));
        CompileResult cached = compiler(cache).compile(echo(), temp.resolve("grading-2"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {cached.classesDir().toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> checks = loader.loadClass("checks.EchoChecks");
            assertTrue(Stream.of(checks.getDeclaredMethods()).anyMatch(m -> m.isAnnotationPresent(Test.class)));
        }
    }

    @Test
    void editedChecks_areCompiledAgain() throws IOException {
        Path cache = temp.resolve("cache");
        CompileResult before = compiler(cache).compile(echo(), temp.resolve("grading-1"));
        Path checks = echo().checksDir().resolve("EchoChecks.java");
        Files.writeString(checks, Files.readString(checks) + "\n// edited by the author\n");

        CompileResult after = compiler(cache).compile(echo(), temp.resolve("grading-2"));

        assertEquals(2, javacCalls.get());
        assertNotEquals(before.classesDir(), after.classesDir());
    }

    @Test
    void checksThatDoNotCompile_areNotCached_andReportEveryTime() throws IOException {
        Path cache = temp.resolve("cache");
        Path checks = echo().checksDir().resolve("EchoChecks.java");
        Files.writeString(checks, Files.readString(checks).replaceFirst("class EchoChecks", "class EchoChecks {{"));

        CompileResult first = compiler(cache).compile(echo(), temp.resolve("grading-1"));
        CompileResult second = compiler(cache).compile(echo(), temp.resolve("grading-2"));

        assertFalse(first.success());
        assertFalse(second.success());
        assertFalse(second.errors().isEmpty(), "the second grading still shows javac's errors");
        assertEquals(2, javacCalls.get());
    }

    @Test
    void unwritableCache_compilesIntoTheGradingsFolder() throws IOException {
        Path blocked = temp.resolve("not-a-folder");
        Files.writeString(blocked, "a file where the cache folder would go");

        CompileResult result = compiler(blocked.resolve("checks")).compile(echo(), temp.resolve("grading-1"));

        assertTrue(result.success());
        assertEquals(temp.resolve("grading-1"), result.classesDir());
    }

    @Test
    void key_changesWithTheCheckApiClasspath() {
        CompiledChecks cache = new CompiledChecks(temp.resolve("cache"));
        Map<String, String> sources = Map.of("example/A.java", "package example; class A {}");
        List<Path> classpath = CheckClasspath.entries();

        String key = cache.key(sources, classpath);

        assertEquals(key, cache.key(sources, classpath));
        assertNotEquals(key, cache.key(sources, classpath.subList(1, classpath.size())));
    }
}

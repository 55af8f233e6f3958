package dev.serverlesslab.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import dev.serverlesslab.lessons.cache.CourseCache;
import dev.serverlesslab.lessons.course.CourseLoader;
import dev.serverlesslab.server.ContentCopy;
import dev.serverlesslab.server.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course serve keeps between starts is serve's alone: {@code lab validate} renders every lesson, so it reports a
 * broken one even when serve's cache holds a good course for exactly these files.
 */
class CourseCacheCommandsTests {

    @Test
    void validate_reportsABrokenLesson_evenWhenServesCacheHoldsAGoodCourseForIt(@TempDir Path home) {
        Path content = ContentCopy.of(home);
        ContentCopy.replace(content.resolve("lessons/01-what-serverless-is.md"), "title: What serverless is",
                "titel: What serverless is");
        // A good course kept under the broken files' key: what serve's start would show for them.
        CourseCache serves = CourseCache.in(ServeCommand.courseCache(home));
        serves.store(content, CourseLoader.load(TestApp.CONTENT));
        assertTrue(serves.load(content).fromCache(), "serve would read the kept course");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = new Lab(home, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> new Confinement(true, "test",
                Sandbox.detect())).run(List.of("validate", "--exercise", "hello-lambda"));

        String console = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, console);
        assertTrue(console.contains("01-what-serverless-is.md") && console.contains("titel"), console);
    }
}

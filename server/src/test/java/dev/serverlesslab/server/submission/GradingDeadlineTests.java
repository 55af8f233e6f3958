package dev.serverlesslab.server.submission;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradingDeadlineTests {

    @TempDir
    Path content;

    @Test
    void aSlowSecondFunction_extendsTheDeadline_beyondWhatTheExerciseDefaultAllows() throws IOException {
        Exercise quick = exercise("quick", "functions:\n  a: {handler: p.A::handleRequest}\n"
                + "  b: {handler: p.B::handleRequest}\n");
        Exercise slow = exercise("slow", "functions:\n  a: {handler: p.A::handleRequest}\n"
                + "  b: {handler: p.B::handleRequest, timeout: 60}\n");

        Duration quickDeadline = GradingDeadline.of(quick, 1);
        Duration slowDeadline = GradingDeadline.of(slow, 1);

        // A grading that waits out the 60 s function a few times must not be cut short at the 3 s default's pace.
        assertTrue(slowDeadline.compareTo(quickDeadline.plusSeconds(57)) > 0, quickDeadline + " vs " + slowDeadline);
    }

    private Exercise exercise(String id, String functions) throws IOException {
        Path dir = content.resolve("exercises").resolve(id);
        Files.createDirectories(dir.resolve("starter/p"));
        Files.createDirectories(dir.resolve("solution/p"));
        Files.createDirectories(dir.resolve("checks"));
        Files.writeString(dir.resolve("exercise.yml"), "title: " + id + "\nlesson: l\nmemory: 256\ntimeout: 3\n"
                + functions);
        Files.writeString(dir.resolve("README.md"), "# " + id + "\n");
        Files.writeString(dir.resolve("starter/p/A.java"), "package p; public class A {}\n");
        Files.writeString(dir.resolve("solution/p/A.java"), "package p; public class A {}\n");
        Files.writeString(dir.resolve("checks/C.java"), "class C { @org.junit.jupiter.api.Test void t() {} }\n");
        return ExerciseCatalog.load(content).find(id).orElseThrow();
    }
}

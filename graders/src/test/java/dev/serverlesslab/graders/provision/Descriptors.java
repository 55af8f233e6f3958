package dev.serverlesslab.graders.provision;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a test exercise from descriptor text, the way the course loads real ones. */
final class Descriptors {

    private Descriptors() {
    }

    /** @param body the descriptor after title, lesson and handler */
    static Exercise exercise(Path content, String id, String body) {
        try {
            Path folder = Files.createDirectories(content.resolve("exercises").resolve(id));
            Files.writeString(folder.resolve("exercise.yml"), "title: T\nlesson: l\nhandler: a.B\n" + body);
            return ExerciseCatalog.load(content).find(id).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

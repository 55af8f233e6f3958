package dev.serverlesslab.exercises.exercise;

import java.nio.file.Path;

/** Builds descriptor complaints in the "file:line: field 'path': what is wrong and what is allowed" shape. */
record DescriptorLocation(Path file) {

    ExerciseDefinitionException error(int line, String field, String problem) {
        return new ExerciseDefinitionException(file + ":" + line + ": field '" + field + "': " + problem);
    }

    ExerciseDefinitionException error(int line, String problem) {
        return new ExerciseDefinitionException(file + ":" + line + ": " + problem);
    }
}

package dev.serverlesslab.exercises.exercise;

import dev.serverlesslab.content.ContentException;
import java.nio.file.Path;

/** Builds descriptor complaints in the "file:line: field 'path': what is wrong and what is allowed" shape. */
record DescriptorLocation(Path file) {

    ContentException error(int line, String field, String problem) {
        return new ContentException(file.toString(), line, "field '" + field + "': " + problem);
    }

    ContentException error(int line, String problem) {
        return new ContentException(file.toString(), line, problem);
    }
}

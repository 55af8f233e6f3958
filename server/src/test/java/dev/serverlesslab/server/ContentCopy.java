package dev.serverlesslab.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A copy of the shipped course in a temporary folder, for tests that break or edit content files. */
public final class ContentCopy {

    private ContentCopy() {
    }

    /** Copies {@link TestApp#CONTENT} to {@code parent/content} and returns that folder. */
    public static Path of(Path parent) {
        Path target = parent.resolve("content");
        try (Stream<Path> paths = Files.walk(TestApp.CONTENT)) {
            for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path copy = target.resolve(TestApp.CONTENT.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Replaces {@code text} in a file of the copy, failing when it is not there (the test would prove nothing). */
    public static void replace(Path file, String text, String replacement) {
        try {
            String content = Files.readString(file);
            if (!content.contains(text)) {
                throw new AssertionError(file + " does not contain '" + text + "'");
            }
            Files.writeString(file, content.replace(text, replacement));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

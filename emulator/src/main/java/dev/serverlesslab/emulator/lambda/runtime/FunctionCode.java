package dev.serverlesslab.emulator.lambda.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Puts a function's unpacked code where a pre-warmed environment reads it, and clears such directories. */
final class FunctionCode {

    private FunctionCode() {
    }

    /**
     * Links (or, across file systems, copies) every file of {@code source} into the empty {@code target}, keeping
     * permissions: the environment reads the same bytes as from the function's own code directory.
     */
    static void copy(Path source, Path target) throws IOException {
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(source)) {
            entries = walk.toList();
        }
        for (Path entry : entries) {
            Path to = target.resolve(source.relativize(entry).toString());
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(to);
            } else if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createLink(to, entry);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(entry, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            } else {
                Files.copy(entry, to, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    static void deleteQuietly(Path directory) {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A directory left behind is removed with the emulator's work directory.
        }
    }
}

package dev.serverlesslab.graders.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Compiled exercise checks on disk, one folder per content hash: the check sources, the class path they compile
 * against (the check API, JUnit, Jackson, the SDK jars: each jar by path, size and time, each class folder by the
 * bytes of its classes) and the JDK. A folder appears whole or not at all (written aside, then renamed), so gradings
 * in other processes never see half of one, and it never changes afterwards.
 */
final class CompiledChecks {

    /** Bumped when what a folder holds, or how the key is made, changes. */
    private static final String FORMAT = "compiled-checks-1";
    /** The suffix of a kept {@link CheckTally}; bumped when how checks are counted changes. */
    private static final String TALLY = ".tally-1";

    private final Path root;
    private final Map<List<Path>, String> classpathHashes = new ConcurrentHashMap<>();

    CompiledChecks(Path root) {
        this.root = root;
    }

    /** {@code $XDG_CACHE_HOME/serverless-lab/checks}, by default under {@code ~/.cache}, beside the SDK layers. */
    static CompiledChecks inUserCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
        return new CompiledChecks(base.resolve("serverless-lab").resolve("checks"));
    }

    /** The hash naming the classes of these sources compiled against this class path. */
    String key(Map<String, String> sources, List<Path> classpath) {
        MessageDigest digest = sha256();
        update(digest, FORMAT);
        update(digest, System.getProperty("java.vm.version"));
        update(digest, classpathHashes.computeIfAbsent(List.copyOf(classpath), CompiledChecks::classpathHash));
        new TreeMap<>(sources).forEach((name, text) -> {
            update(digest, name);
            update(digest, text);
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The folder of classes kept under {@code key}, if there is one. */
    Optional<Path> find(String key) {
        Path dir = root.resolve(key);
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    /**
     * Keeps a copy of {@code classesDir} under {@code key} and returns it; empty when the cache cannot be written
     * (the caller then uses its own folder, as without a cache).
     */
    Optional<Path> keep(String key, Path classesDir) {
        Path target = root.resolve(key);
        Path partial = null;
        try {
            Files.createDirectories(root);
            partial = Files.createTempDirectory(root, key.substring(0, 12) + ".partial-");
            copyTree(classesDir, partial);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException racedByAnother) {
                // Another grading kept the same classes first; they are equal to these.
                deleteTree(partial);
            }
            return Optional.of(target);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(partial);
            return Files.isDirectory(target) ? Optional.of(target) : Optional.empty();
        }
    }

    /**
     * The tally kept beside the classes of {@code key} ({@link #keepTally}), so a restarted server shows points at
     * once; empty when none was kept or it cannot be read.
     */
    Optional<CheckTally> tally(String key) {
        try {
            String[] figures = Files.readString(root.resolve(key + TALLY)).strip().split(" ");
            return Optional.of(new CheckTally(Integer.parseInt(figures[0]), Integer.parseInt(figures[1])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Keeps {@code tally} for the classes of {@code key}: written aside, then renamed, as the classes are. */
    void keepTally(String key, CheckTally tally) {
        Path partial = null;
        try {
            Files.createDirectories(root);
            partial = Files.createTempFile(root, key.substring(0, 12), ".partial");
            Files.writeString(partial, tally.checks() + " " + tally.points() + "\n");
            Files.move(partial, root.resolve(key + TALLY), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            // Counted again next time; nothing else depends on the file.
            try {
                if (partial != null) {
                    Files.deleteIfExists(partial);
                }
            } catch (IOException ignored) {
                // A stray .partial file is never read.
            }
        }
    }

    private static String classpathHash(List<Path> classpath) {
        MessageDigest digest = sha256();
        try {
            for (Path entry : classpath) {
                update(digest, entry.toString());
                if (Files.isDirectory(entry)) {
                    // A class folder (a development build) changes in place: its classes' bytes are what counts.
                    try (Stream<Path> files = Files.walk(entry)) {
                        for (Path file : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                            update(digest, entry.relativize(file).toString());
                            digest.update(Files.readAllBytes(file));
                        }
                    }
                } else if (Files.isRegularFile(entry)) {
                    update(digest, Files.size(entry) + "|" + Files.getLastModifiedTime(entry).toMillis());
                }
            }
        } catch (IOException e) {
            // An unreadable entry: a key nobody else gets, so nothing is reused and javac reports the problem.
            update(digest, "unreadable " + e + System.nanoTime());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            deleteTree(dir);
        } catch (IOException | RuntimeException e) {
            // A stray .partial folder is never read; it only takes a little space.
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}

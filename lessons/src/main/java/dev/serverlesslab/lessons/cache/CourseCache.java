package dev.serverlesslab.lessons.cache;

import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.course.CourseLoader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The rendered course kept on disk between starts of {@code lab serve}, so a start with unchanged content reads one
 * file instead of rendering every lesson's Markdown again: one file per content folder, named by its path, holding
 * the course and the {@link ContentKey} of what it was rendered from (every lesson's bytes, course.yml, the
 * renderer's build).
 *
 * <p>Only serve's start reads it. {@code lab validate} and live reload render afresh, since they must see every
 * problem as it is now. A file that is missing, of another format, for other content, truncated or damaged (a CRC32C
 * over the course) is ignored without a word and the course rendered, then written again: atomically (a temporary
 * file moved over it), so a reader never sees half of one. Failing to write costs only the next start's time. The
 * courses of the {@value #KEPT_COURSES} content folders written last are kept.
 */
public final class CourseCache {

    /** Changed whenever {@link CourseCodec}'s layout changes (a rebuilt module changes the key anyway). */
    private static final int FORMAT = 1;
    private static final int MAGIC = 0x534c4343; // "SLCC"
    /** Far beyond any course (the shipped one is about 0.3 MB); a larger file is not read at all. */
    private static final long MAX_BYTES = 256L * 1024 * 1024;
    /** Courses kept at most: the newest, for the content folders served last (tests start many from temporary ones). */
    static final int KEPT_COURSES = 8;

    private final Path dir;

    private CourseCache(Path dir) {
        this.dir = dir;
    }

    /** A cache in {@code dir}, created when first written. */
    public static CourseCache in(Path dir) {
        return new CourseCache(dir.toAbsolutePath().normalize());
    }

    /**
     * A course and where it came from.
     *
     * @param fromCache true when it was read from the cache file, false when the Markdown was rendered
     */
    public record Loaded(Course course, boolean fromCache) {
    }

    /**
     * The course in {@code contentDir}, as {@link CourseLoader#load} gives it: from the cache file when it was
     * written for exactly the content and build there now, otherwise loaded (and then kept for the next start).
     *
     * @throws ContentException as {@link CourseLoader#load} does, at the first problem; broken content is never kept
     */
    public Loaded load(Path contentDir) {
        Optional<byte[]> key = ContentKey.of(contentDir);
        if (key.isPresent()) {
            Optional<Course> kept = read(file(contentDir), key.get());
            if (kept.isPresent()) {
                return new Loaded(kept.get(), true);
            }
        }
        Course course = CourseLoader.load(contentDir);
        // Kept only when the files did not change while they were read: the course is then theirs.
        Optional<byte[]> after = ContentKey.of(contentDir);
        if (key.isPresent() && after.isPresent() && Arrays.equals(key.get(), after.get())) {
            write(file(contentDir), key.get(), course);
        }
        return new Loaded(course, false);
    }

    /**
     * Keeps {@code course} as the rendering of the content in {@code contentDir} as it is now; the caller vouches
     * that it is (tests use this to tell a cached course from a rendered one).
     */
    public void store(Path contentDir, Course course) {
        ContentKey.of(contentDir).ifPresent(key -> write(file(contentDir), key, course));
    }

    /** The file kept for {@code contentDir}: one per content folder, so two courses do not overwrite each other. */
    public Path file(Path contentDir) {
        byte[] path = contentDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(path);
            return dir.resolve("course-" + HexFormat.of().formatHex(hash, 0, 8) + ".bin");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static Optional<Course> read(Path file, byte[] key) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                return Optional.empty();
            }
            byte[] keptKey = new byte[key.length];
            in.readFully(keptKey);
            if (!Arrays.equals(keptKey, key)) {
                return Optional.empty();
            }
            long checksum = in.readLong();
            int length = in.readInt();
            if (length != in.available()) {
                return Optional.empty();
            }
            byte[] course = new byte[length];
            in.readFully(course);
            CRC32C crc = new CRC32C();
            crc.update(course);
            if (crc.getValue() != checksum) {
                return Optional.empty();
            }
            return Optional.of(CourseCodec.decode(course));
        } catch (IOException | RuntimeException e) {
            // Whatever is wrong with the file, rendering gives the right course; the next write replaces it.
            return Optional.empty();
        }
    }

    private static void pruneOldest(Path dir) throws IOException {
        List<Path> kept;
        try (Stream<Path> files = Files.list(dir)) {
            kept = files.filter(path -> path.getFileName().toString().matches("course-[0-9a-f]{16}\\.bin"))
                    .sorted(Comparator.comparing(CourseCache::modified).reversed()).toList();
        }
        for (Path old : kept.subList(Math.min(KEPT_COURSES, kept.size()), kept.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void write(Path file, byte[] key, Course course) {
        Path temporary = null;
        try {
            byte[] encoded = CourseCodec.encode(course);
            CRC32C crc = new CRC32C();
            crc.update(encoded);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length + 64);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(MAGIC);
                out.writeInt(FORMAT);
                out.write(key);
                out.writeLong(crc.getValue());
                out.writeInt(encoded.length);
                out.write(encoded);
            }
            Files.createDirectories(file.getParent());
            temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(temporary, bytes.toByteArray());
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
            pruneOldest(file.getParent());
        } catch (IOException | UncheckedIOException | SecurityException e) {
            // Not kept (a read-only folder, a full disk): the next start renders again, nothing else changes.
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // left behind in the cache folder; harmless
                }
            }
        }
    }
}

package dev.serverlesslab.lessons.cache;

import com.vladsch.flexmark.ext.admonition.AdmonitionExtension;
import com.vladsch.flexmark.ext.footnotes.FootnoteExtension;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.ext.toc.TocExtension;
import com.vladsch.flexmark.ext.yaml.front.matter.YamlFrontMatterExtension;
import com.vladsch.flexmark.parser.Parser;
import dev.serverlesslab.content.YamlNode;
import dev.serverlesslab.lessons.course.CourseLoader;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a loaded course depends on, as one SHA-256: the bytes of every file {@link CourseLoader} reads
 * ({@code course.yml} and each {@code lessons/*.md} it would consider, by name), the content folder's absolute path
 * (lessons hold their file's path), and the build of the code that renders them (this module, content-yaml, SnakeYAML
 * and Flexmark's jars: each one's path, size and time, or every class file's for a folder), so a rebuilt renderer
 * never reads a course rendered by the one before.
 */
final class ContentKey {

    /** Classes whose jars (or class folders) make the rendered course what it is. */
    private static final List<Class<?>> RENDERING_CODE = List.of(CourseLoader.class, ContentKey.class, YamlNode.class,
            org.yaml.snakeyaml.LoaderOptions.class, Parser.class, YamlFrontMatterExtension.class,
            TablesExtension.class, AdmonitionExtension.class, TocExtension.class, TaskListExtension.class,
            FootnoteExtension.class);

    private static volatile Optional<byte[]> build;

    private ContentKey() {
    }

    /**
     * The key of the course in {@code contentDir} as it is on disk now; empty when a file cannot be read or the
     * build cannot be told (then nothing is cached: the loader reads the folder and reports what is wrong).
     */
    static Optional<byte[]> of(Path contentDir) {
        Optional<byte[]> code = build();
        if (code.isEmpty()) {
            return Optional.empty();
        }
        try {
            MessageDigest digest = sha256();
            digest.update(code.get());
            Path root = contentDir.toAbsolutePath().normalize();
            field(digest, root.toString());
            file(digest, root.resolve("course.yml"));
            Path lessons = root.resolve("lessons");
            TreeSet<String> names = new TreeSet<>();
            if (Files.isDirectory(lessons)) {
                try (Stream<Path> files = Files.list(lessons)) {
                    // The files CourseLoader takes for lessons: visible regular .md files.
                    files.filter(Files::isRegularFile).map(path -> path.getFileName().toString())
                            .filter(name -> name.endsWith(".md") && !name.startsWith(".")).forEach(names::add);
                }
            }
            for (String name : names) {
                file(digest, lessons.resolve(name));
            }
            return Optional.of(digest.digest());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void file(MessageDigest digest, Path file) throws IOException {
        field(digest, file.getFileName().toString());
        if (Files.isRegularFile(file)) {
            byte[] bytes = Files.readAllBytes(file);
            digest.update(longBytes(bytes.length));
            digest.update(bytes);
        } else {
            digest.update(longBytes(-1));
        }
    }

    /** A length before the text, so no two different sequences of fields hash alike. */
    private static void field(MessageDigest digest, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        digest.update(longBytes(utf8.length));
        digest.update(utf8);
    }

    private static Optional<byte[]> build() {
        Optional<byte[]> known = build;
        if (known == null) {
            known = identify();
            build = known;
        }
        return known;
    }

    private static Optional<byte[]> identify() {
        try {
            MessageDigest digest = sha256();
            TreeSet<Path> places = new TreeSet<>();
            for (Class<?> type : RENDERING_CODE) {
                CodeSource source = type.getProtectionDomain().getCodeSource();
                URL location = source == null ? null : source.getLocation();
                if (location == null || !"file".equals(location.getProtocol())) {
                    return Optional.empty();
                }
                places.add(Path.of(location.toURI()).toAbsolutePath().normalize());
            }
            for (Path place : places) {
                List<Path> files = new ArrayList<>();
                if (Files.isDirectory(place)) {
                    // Tests and IDEs run from class folders: every class file counts, as a rebuilt jar would.
                    try (Stream<Path> walk = Files.walk(place)) {
                        walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                    }
                } else {
                    files.add(place);
                }
                for (Path file : files) {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    field(digest, file.toString());
                    digest.update(longBytes(attributes.size()));
                    digest.update(longBytes(attributes.lastModifiedTime().toMillis()));
                }
            }
            return Optional.of(digest.digest());
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] longBytes(long value) {
        byte[] bytes = new byte[Long.BYTES];
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return bytes;
    }
}

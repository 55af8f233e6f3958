package dev.serverlesslab.exercises.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packages compiled classes as a Lambda deployment zip: classes at the root, library jars under {@code lib/}.
 */
final class DeploymentZip {

    // Class files name the types they use in their constant pool, in internal form, so a byte search finds any use.
    private static final byte[] EVENTS_PACKAGE =
            "com/amazonaws/services/lambda/runtime/events/".getBytes(StandardCharsets.US_ASCII);

    // Every entry gets the same local timestamp (the DOS epoch), so the same classes always give the same bytes and
    // therefore the same CodeSha256 in Lambda, whatever the clock or time zone.
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private final List<Path> eventsJars;

    DeploymentZip(List<Path> eventsJars) {
        this.eventsJars = List.copyOf(eventsJars);
    }

    /**
     * Zips every file below {@code classesDir}; the events jars (with joda-time) are added only when a class uses the events library,
     * and the core library never is, because the Lambda Java runtime provides it.
     */
    byte[] create(Path classesDir) {
        try {
            TreeMap<String, byte[]> entries = new TreeMap<>();
            for (Path file : regularFiles(classesDir)) {
                entries.put(entryName(classesDir, file), Files.readAllBytes(file));
            }
            boolean usesEvents = entries.entrySet().stream()
                    .anyMatch(e -> e.getKey().endsWith(".class") && contains(e.getValue(), EVENTS_PACKAGE));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                for (var entry : entries.entrySet()) {
                    write(zip, entry.getKey(), entry.getValue());
                }
                if (usesEvents) {
                    for (Path jar : eventsJars) {
                        write(zip, "lib/" + jar.getFileName(), Files.readAllBytes(jar));
                    }
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot package the classes in " + classesDir, e);
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void write(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(FIXED_TIME);
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).collect(ArrayList::new, List::add, List::addAll);
        }
    }

    private static String entryName(Path root, Path file) {
        List<String> parts = new ArrayList<>();
        root.relativize(file).forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }
}

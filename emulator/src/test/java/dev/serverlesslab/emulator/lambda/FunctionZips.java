package dev.serverlesslab.emulator.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Builds deployment packages from compiled test fixtures, laid out as a student's build would be: classes at the
 * root, dependencies in {@code lib/}.
 */
public final class FunctionZips {

    private FunctionZips() {
    }

    /** The classes (with their nested classes) at the zip's root. */
    public static byte[] of(Class<?>... classes) {
        return withLibraries(List.of(classes), List.of());
    }

    /** The classes at the root plus other files (such as {@code META-INF/services/...}) by their path in the zip. */
    public static byte[] withFiles(Map<String, byte[]> files, Class<?>... classes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(of(classes)));
                ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                add(zip, entry.getName(), in.readAllBytes());
            }
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                add(zip, file.getKey(), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A zip of the files under {@code root}, by their path relative to it (a build's class output). */
    public static byte[] ofDirectory(Path root) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                add(zip, root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The classes at the root and each library jar (located from one of its classes) in {@code lib/}. */
    public static byte[] withLibraries(List<Class<?>> classes, List<Class<?>> libraryAnchors) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Class<?> type : classes) {
                Path root = location(type);
                String packagePath = type.getPackageName().replace('.', '/');
                String simple = type.getName().substring(type.getName().lastIndexOf('.') + 1);
                try (Stream<Path> files = Files.list(root.resolve(packagePath))) {
                    for (Path file : files.toList()) {
                        String name = file.getFileName().toString();
                        if (name.equals(simple + ".class") || name.startsWith(simple + "$")) {
                            add(zip, packagePath + "/" + name, Files.readAllBytes(file));
                        }
                    }
                }
            }
            for (Class<?> anchor : libraryAnchors) {
                Path jar = location(anchor);
                add(zip, "lib/" + jar.getFileName(), Files.readAllBytes(jar));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The package of {@link #of(Class[])} unpacked into {@code target}, as an environment's task root. */
    public static void unpack(Path target, Class<?>... classes) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(of(classes)))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = target.resolve(entry.getName());
                Files.createDirectories(file.getParent());
                Files.copy(in, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.serverlesslab.emulator.lambda.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.serverlesslab.emulator.lambda.bootstrap.Bootstrap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds the class path of every execution environment: a small jar of just the bootstrap classes, plus
 * aws-lambda-java-core and aws-lambda-java-serialization, so no emulator or Jackson-databind class is visible to
 * student code.
 *
 * <p>Classes are read from wherever this emulator was loaded (target/classes, its jar, or a fat jar), so the same code
 * works in tests, from the module jar and from a shaded application. Jars are written once and never rewritten, so a
 * class-data sharing archive recorded against them stays valid.
 */
public final class RuntimeClasspath {

    static final String BOOTSTRAP_PACKAGE = Bootstrap.class.getPackageName().replace('.', '/') + "/";
    private static final String LAMBDA_RUNTIME = "com/amazonaws/services/lambda/runtime/";
    private static final String SERIALIZATION = LAMBDA_RUNTIME + "serialization/";
    private static final String EVENTS = LAMBDA_RUNTIME + "events/";
    private static final String SHADED_JACKSON = "com/amazonaws/lambda/thirdparty/";

    private RuntimeClasspath() {
    }

    /** Writes what is missing into {@code dir} and returns the class path, bootstrap first. */
    public static List<Path> prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            Path own = codeSource(Bootstrap.class);
            List<Path> classPath = new ArrayList<>();
            classPath.add(extract(own, dir.resolve("serverlesslab-bootstrap.jar"), List.of(BOOTSTRAP_PACKAGE),
                    List.of()));
            classPath.add(library(RequestHandler.class, own, dir.resolve("aws-lambda-java-core.jar"),
                    List.of(LAMBDA_RUNTIME), List.of(SERIALIZATION, EVENTS)));
            classPath.add(library(JacksonFactory.class, own, dir.resolve("aws-lambda-java-serialization.jar"),
                    List.of(SERIALIZATION, SHADED_JACKSON), List.of()));
            return classPath;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the Lambda bootstrap into " + dir, e);
        }
    }

    /**
     * A short hash of everything an environment's classes come from (bootstrap classes, library jars, the JDK), naming
     * a cache directory whose contents never need to change.
     */
    public static String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, System.getProperty("java.home") + "|" + System.getProperty("java.vm.version"));
            Path own = codeSource(Bootstrap.class);
            ClassLoader loader = RuntimeClasspath.class.getClassLoader();
            for (String name : names(own, List.of(BOOTSTRAP_PACKAGE), List.of())) {
                update(digest, name);
                try (InputStream in = loader.getResourceAsStream(name)) {
                    digest.update(in == null ? new byte[0] : in.readAllBytes());
                }
            }
            for (Class<?> anchor : List.of(RequestHandler.class, JacksonFactory.class)) {
                Path jar = codeSource(anchor);
                update(digest, jar + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the Lambda runtime's classes", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** The library's own jar when it has one; otherwise (a fat jar or class directory) just its packages. */
    private static Path library(Class<?> anchor, Path own, Path target, List<String> include, List<String> exclude)
            throws IOException {
        Path source = codeSource(anchor);
        if (Files.isRegularFile(source) && !source.equals(own)) {
            return source;
        }
        return extract(source, target, include, exclude);
    }

    private static Path extract(Path source, Path target, List<String> include, List<String> exclude)
            throws IOException {
        if (Files.isRegularFile(target)) {
            return target;
        }
        List<String> names = names(source, include, exclude);
        if (names.isEmpty()) {
            throw new IOException("No classes under " + include + " in " + source);
        }
        // Written beside the target and moved into place, so a concurrent emulator never sees half a jar.
        Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
        ClassLoader loader = RuntimeClasspath.class.getClassLoader();
        try (ZipOutputStream jar = new ZipOutputStream(Files.newOutputStream(partial))) {
            for (String name : names) {
                try (InputStream in = loader.getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("Class " + name + " is listed in " + source + " but cannot be read");
                    }
                    jar.putNextEntry(new ZipEntry(name));
                    in.transferTo(jar);
                    jar.closeEntry();
                }
            }
        }
        readableByAll(partial);
        try {
            // A link never replaces: a jar another emulator already placed keeps its timestamp, which a class-data
            // sharing archive recorded against it checks.
            Files.createLink(target, partial);
        } catch (FileAlreadyExistsException e) {
            // Another emulator was first; its jar has the same content.
        } catch (UnsupportedOperationException | IOException e) {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
    }

    /** Temporary files start private; environments may run as another user (a sandbox) and must read the jar. */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its default permissions apply.
        }
    }

    private static List<String> names(Path source, List<String> include, List<String> exclude) throws IOException {
        return entries(source).stream()
                .filter(name -> name.endsWith(".class"))
                .filter(name -> include.stream().anyMatch(name::startsWith))
                .filter(name -> exclude.stream().noneMatch(name::startsWith))
                .sorted()
                .toList();
    }

    private static List<String> entries(Path source) throws IOException {
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source)) {
                return files.filter(Files::isRegularFile)
                        .map(file -> source.relativize(file).toString().replace('\\', '/'))
                        .toList();
            }
        }
        try (ZipFile zip = new ZipFile(source.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("Cannot tell where " + type.getName() + " was loaded from; the Lambda "
                    + "bootstrap needs its classes on a file system class path", e);
        }
    }
}

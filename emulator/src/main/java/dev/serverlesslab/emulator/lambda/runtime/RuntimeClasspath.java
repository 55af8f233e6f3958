package dev.serverlesslab.emulator.lambda.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.serverlesslab.emulator.lambda.bootstrap.Bootstrap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds the class path of every execution environment: a small jar of just the bootstrap classes, plus
 * aws-lambda-java-core and aws-lambda-java-serialization, so no emulator or Jackson class is visible to student code.
 *
 * <p>Classes are read from wherever this emulator was loaded (target/classes, its jar, or a fat jar), so the same
 * code works in tests, from the module jar and from a shaded application.
 */
public final class RuntimeClasspath {

    static final String BOOTSTRAP_PACKAGE = Bootstrap.class.getPackageName().replace('.', '/') + "/";
    private static final String LAMBDA_RUNTIME = "com/amazonaws/services/lambda/runtime/";
    private static final String SERIALIZATION = LAMBDA_RUNTIME + "serialization/";
    private static final String EVENTS = LAMBDA_RUNTIME + "events/";
    private static final String SHADED_JACKSON = "com/amazonaws/lambda/thirdparty/";

    private RuntimeClasspath() {
    }

    /** Writes what is needed into {@code runtimeDir} and returns the class path, bootstrap first. */
    public static List<Path> prepare(Path runtimeDir) {
        try {
            Files.createDirectories(runtimeDir);
            Path own = codeSource(Bootstrap.class);
            List<Path> classPath = new ArrayList<>();
            classPath.add(extract(own, runtimeDir.resolve("serverlesslab-bootstrap.jar"), List.of(BOOTSTRAP_PACKAGE),
                    List.of()));
            classPath.add(library(RequestHandler.class, own, runtimeDir.resolve("aws-lambda-java-core.jar"),
                    List.of(LAMBDA_RUNTIME), List.of(SERIALIZATION, EVENTS)));
            classPath.add(library(JacksonFactory.class, own, runtimeDir.resolve("aws-lambda-java-serialization.jar"),
                    List.of(SERIALIZATION, SHADED_JACKSON), List.of()));
            return classPath;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the Lambda bootstrap into " + runtimeDir, e);
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
        List<String> names = entries(source).stream()
                .filter(name -> name.endsWith(".class"))
                .filter(name -> include.stream().anyMatch(name::startsWith))
                .filter(name -> exclude.stream().noneMatch(name::startsWith))
                .sorted()
                .toList();
        if (names.isEmpty()) {
            throw new IOException("No classes under " + include + " in " + source);
        }
        ClassLoader loader = RuntimeClasspath.class.getClassLoader();
        try (ZipOutputStream jar = new ZipOutputStream(Files.newOutputStream(target))) {
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
        return target;
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

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("Cannot tell where " + type.getName() + " was loaded from; the Lambda "
                    + "bootstrap needs its classes on a file system class path", e);
        }
    }
}

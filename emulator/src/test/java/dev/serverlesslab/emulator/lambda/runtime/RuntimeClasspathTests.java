package dev.serverlesslab.emulator.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeClasspathTests {

    @TempDir
    Path runtimeDir;

    @Test
    void prepare_writesABootstrapJarOfOnlyTheBootstrapPackage() throws IOException {
        List<Path> classPath = RuntimeClasspath.prepare(runtimeDir);

        assertEquals(3, classPath.size());
        List<String> entries = entries(classPath.get(0));
        assertTrue(entries.contains(RuntimeClasspath.BOOTSTRAP_PACKAGE + "Bootstrap.class"), entries.toString());
        assertTrue(entries.stream().allMatch(name -> name.startsWith(RuntimeClasspath.BOOTSTRAP_PACKAGE)),
                entries.toString());
        assertTrue(classPath.get(1).getFileName().toString().startsWith("aws-lambda-java-core"));
        assertTrue(classPath.get(2).getFileName().toString().startsWith("aws-lambda-java-serialization"));
    }

    /**
     * Loads and links every bootstrap class with nothing but the child's class path and the JDK, so a dependency on
     * Jackson-databind or the emulator would fail here rather than in a student's function.
     */
    @Test
    void bootstrapClasses_linkAgainstOnlyTheJdkAndTheLambdaLibraries() throws IOException {
        List<Path> classPath = RuntimeClasspath.prepare(runtimeDir);
        List<URL> urls = new ArrayList<>();
        for (Path entry : classPath) {
            urls.add(url(entry));
        }
        try (URLClassLoader isolated = new URLClassLoader(urls.toArray(new URL[0]),
                ClassLoader.getPlatformClassLoader())) {
            for (String entry : entries(classPath.get(0))) {
                String className = entry.replace('/', '.').substring(0, entry.length() - ".class".length());
                assertDoesNotThrow(() -> {
                    Class<?> type = Class.forName(className, false, isolated);
                    type.getDeclaredMethods();
                    type.getDeclaredFields();
                    type.getDeclaredConstructors();
                }, className);
            }
            assertFalse(entries(classPath.get(0)).isEmpty());
        }
    }

    private static List<String> entries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }

    private static URL url(Path path) throws MalformedURLException {
        return path.toUri().toURL();
    }
}

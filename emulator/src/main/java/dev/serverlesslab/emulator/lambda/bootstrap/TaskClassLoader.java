package dev.serverlesslab.emulator.lambda.bootstrap;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The class loader for the student's code: the task root (classes at the zip's root), then {@code lib/*.jar} in name
 * order, then the layers' {@code java/lib} jars, as Lambda's Java runtime loads {@code /var/task} and {@code /opt}.
 *
 * <p>Its parent is the system class loader, so aws-lambda-java-core always comes from the runtime, never from a copy
 * bundled in the zip; otherwise {@code Context} would be two different classes.
 */
final class TaskClassLoader {

    private TaskClassLoader() {
    }

    static URLClassLoader create(String taskRoot) {
        return create(taskRoot, null);
    }

    /** @param layerJars the layers' jars separated by the path separator; null or empty when there are none */
    static URLClassLoader create(String taskRoot, String layerJars) {
        List<URL> urls = codeAndLib(taskRoot);
        try {
            if (layerJars != null && !layerJars.isEmpty()) {
                for (String jar : layerJars.split(File.pathSeparator)) {
                    urls.add(new File(jar).toURI().toURL());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the task root " + taskRoot, e);
        }
        // Unnamed on purpose: a named loader would prefix every stack frame ("task//pkg.Class.method").
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getSystemClassLoader());
    }

    /** The function's own part of the class path: the task root, then {@code lib/*.jar} in name order. */
    static List<URL> codeAndLib(String taskRoot) {
        File root = new File(taskRoot);
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(root.toURI().toURL());
            File[] jars = new File(root, "lib").listFiles((dir, name) -> name.endsWith(".jar"));
            if (jars != null) {
                Arrays.sort(jars);
                for (File jar : jars) {
                    urls.add(jar.toURI().toURL());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the task root " + taskRoot, e);
        }
        return urls;
    }
}

package dev.serverlesslab.emulator.lambda.bootstrap;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A waiting environment's layers, loaded before its function arrives: the layers' jars in a class loader of their own
 * whose SDK clients were each built once and sent one request ({@link LayerTraining#exerciseClients}), so a handler
 * that builds a client in its init finds the classes loaded, initialised and partly compiled. The function's task
 * class loader then sits on top of it, asking it first.
 *
 * <p>Lambda's class path puts the function's own code before the layers ({@code /var/task}, {@code lib/*.jar}, then
 * {@code /opt/java/lib}), and a parent-first loader would turn that around. So the layered loader is used only when
 * nothing can tell the two apart: the code has no {@code lib} jars, no symbolic link, no file at a path a layer jar
 * holds, and no class in a package a layer jar has classes in (package-private access needs one loader). Otherwise the
 * function gets the flat task class loader, as without this.
 *
 * <p>Only for layers the platform built (the emulator sets {@link Bootstrap#WARM_LAYERS} for those alone), since this
 * runs the layers' code before the handler's.
 */
final class WarmLayers {

    private final URLClassLoader loader;
    /** Every file in the layer jars. */
    private final Set<String> files = new HashSet<>();
    /** Every folder of the layer jars that holds a class, as {@code software/amazon/awssdk/core/}. */
    private final Set<String> packages = new HashSet<>();

    private WarmLayers(URLClassLoader loader) {
        this.loader = loader;
    }

    /**
     * Loads the layers and builds their clients, stopping early once {@code arrived} says the function is here;
     * null when there is nothing to load or it failed.
     */
    static WarmLayers prepare(String layerJars, BooleanSupplier arrived) {
        if (layerJars == null || layerJars.isEmpty()) {
            return null;
        }
        try {
            List<URL> urls = new ArrayList<>();
            for (String jar : layerJars.split(File.pathSeparator)) {
                urls.add(new File(jar).toURI().toURL());
            }
            // Unnamed, as the task class loader, so stack frames read as they do without it.
            WarmLayers layers = new WarmLayers(new URLClassLoader(urls.toArray(new URL[0]),
                    ClassLoader.getSystemClassLoader()));
            layers.index(layerJars);
            LayerTraining.exerciseClients(layers.loader, layerJars, arrived);
            return layers;
        } catch (IOException | RuntimeException e) {
            // The function then loads its layers itself, as without a warm-up.
            return null;
        }
    }

    private void index(String layerJars) throws IOException {
        for (String jar : layerJars.split(File.pathSeparator)) {
            try (JarFile file = new JarFile(jar)) {
                for (JarEntry entry : java.util.Collections.list(file.entries())) {
                    String name = entry.getName();
                    if (entry.isDirectory()) {
                        continue;
                    }
                    files.add(name);
                    if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                        packages.add(name.substring(0, name.lastIndexOf('/') + 1));
                    }
                }
            }
        }
    }

    /**
     * The task class loader for the code at {@code taskRoot} on top of the loaded layers, or null when the code could
     * tell it from Lambda's order (see the class comment).
     */
    URLClassLoader taskLoader(String taskRoot) {
        Path root = Path.of(taskRoot);
        if (Files.isDirectory(root.resolve("lib"))) {
            try (Stream<Path> lib = Files.list(root.resolve("lib"))) {
                if (lib.anyMatch(file -> file.getFileName().toString().endsWith(".jar"))) {
                    return null;
                }
            } catch (IOException e) {
                return null;
            }
        }
        try (Stream<Path> code = Files.walk(root)) {
            // A symbolic link could lead anywhere the walk does not go: such code gets the flat loader.
            boolean apart = code.filter(file -> !root.equals(file))
                    .noneMatch(file -> Files.isSymbolicLink(file) || (Files.isRegularFile(file)
                            && overlaps(root.relativize(file).toString().replace(File.separatorChar, '/'))));
            if (!apart) {
                return null;
            }
            return new URLClassLoader(new URL[] {root.toUri().toURL()}, loader);
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    private boolean overlaps(String file) {
        return files.contains(file)
                || (file.endsWith(".class") && packages.contains(file.substring(0, file.lastIndexOf('/') + 1)));
    }
}

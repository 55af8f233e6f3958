package dev.serverlesslab.emulator.lambda.bootstrap;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A waiting environment's layers, loaded before its function arrives: the layers' jars in a class loader of their own
 * whose SDK clients were each built once and sent one request ({@link LayerTraining#exerciseClients}), so a handler
 * that builds a client in its init finds the classes loaded, initialised and partly compiled. The function's task
 * class loader then sits on top of it, asking it first.
 *
 * <p>Lambda's class path puts the function's own code before the layers ({@code /var/task}, {@code lib/*.jar}, then
 * {@code /opt/java/lib}), and a parent-first loader would turn that around. So the layered loader is used only when
 * nothing can tell the two apart: the code has no symbolic link, no file at a path a layer jar holds, and neither it
 * nor a {@code lib} jar has a class in a package a layer jar has classes in (package-private access needs one
 * loader); resources, which every jar has some of in common ({@code META-INF/MANIFEST.MF}), are looked up in Lambda's
 * order ({@link OnLayers}). Otherwise the function gets the flat task class loader, as without this. The {@code lib}
 * jars are allowed because the platform adds aws-lambda-java-events and joda-time there for every handler of an event
 * type: refused, they kept every API Gateway exercise from its loaded layers.
 *
 * <p>Only for layers the platform built (the emulator sets {@link Bootstrap#WARM_LAYERS} for those alone), since this
 * runs the layers' code before the handler's.
 */
final class WarmLayers {

    /** The folder of a multi-release jar's versioned classes, which load under the names that follow it. */
    private static final Pattern VERSIONED = Pattern.compile("^META-INF/versions/[0-9]+/");

    private final LayerLoader loader;
    /** Every file in the layer jars. */
    private final Set<String> files = new HashSet<>();
    /** Every folder of the layer jars that holds a class, as {@code software/amazon/awssdk/core/}. */
    private final Set<String> packages = new HashSet<>();

    private WarmLayers(LayerLoader loader) {
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
            WarmLayers layers = new WarmLayers(new LayerLoader(urls.toArray(new URL[0])));
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
                for (JarEntry entry : Collections.list(file.entries())) {
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
        Path lib = root.resolve("lib");
        try (Stream<Path> code = Files.walk(root)) {
            // A symbolic link could lead anywhere the walk does not go: such code gets the flat loader.
            // A folder named like a jar in lib is on the class path too, and is not read as one here.
            boolean apart = code.filter(file -> !root.equals(file))
                    .noneMatch(file -> Files.isSymbolicLink(file)
                            || (isLibJar(lib, file) ? !Files.isRegularFile(file) || sharesAPackage(file)
                                    : Files.isRegularFile(file) && overlaps(
                                            root.relativize(file).toString().replace(File.separatorChar, '/'))));
            if (!apart) {
                return null;
            }
            // In the flat task loader's order (Lambda's): the code, then lib/*.jar by name.
            return new OnLayers(TaskClassLoader.codeAndLib(taskRoot).toArray(new URL[0]), loader);
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    /** A jar directly in {@code lib}, which Lambda puts on the class path. */
    private static boolean isLibJar(Path lib, Path file) {
        return lib.equals(file.getParent()) && file.getFileName().toString().endsWith(".jar");
    }

    private boolean overlaps(String file) {
        return files.contains(file) || inALayerPackage(file);
    }

    /** Whether {@code file} (a path in a jar or below the task root) is a class in a package a layer has classes in. */
    private boolean inALayerPackage(String file) {
        return file.endsWith(".class") && packages.contains(file.substring(0, file.lastIndexOf('/') + 1));
    }

    /**
     * Whether the jar has a class in a package a layer jar has classes in (a multi-release jar's versioned ones too);
     * an unreadable jar, or one whose manifest adds a {@code Class-Path} of jars not looked into, counts as one.
     */
    private boolean sharesAPackage(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getManifest() != null
                    && file.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH) != null) {
                return true;
            }
            return Collections.list(file.entries()).stream()
                    .anyMatch(entry -> !entry.isDirectory()
                            && inALayerPackage(VERSIONED.matcher(entry.getName()).replaceFirst("")));
        } catch (IOException e) {
            return true;
        }
    }

    /** The loaded layers' jars, whose own resources {@link OnLayers} looks up after the function's. */
    static final class LayerLoader extends URLClassLoader {

        LayerLoader(URL[] jars) {
            super(jars, ClassLoader.getSystemClassLoader());
        }

        URL ownResource(String name) {
            return findResource(name);
        }

        Enumeration<URL> ownResources(String name) throws IOException {
            return findResources(name);
        }
    }

    /**
     * The function's task loader on the loaded layers. Classes are asked of the layers first, which changes nothing,
     * as no class of the function is in a layer's package; resources are looked up in the flat loader's order (the
     * runtime's, the function's code and lib jars, then the layers'), as a parent-first loader would not.
     */
    static final class OnLayers extends URLClassLoader {

        private final LayerLoader layers;

        OnLayers(URL[] code, LayerLoader layers) {
            super(code, layers);
            this.layers = layers;
        }

        @Override
        public URL getResource(String name) {
            URL url = ClassLoader.getSystemClassLoader().getResource(name);
            if (url == null) {
                url = findResource(name);
            }
            return url != null ? url : layers.ownResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            List<URL> urls = new ArrayList<>(Collections.list(ClassLoader.getSystemClassLoader().getResources(name)));
            urls.addAll(Collections.list(findResources(name)));
            urls.addAll(Collections.list(layers.ownResources(name)));
            return Collections.enumeration(urls);
        }
    }
}

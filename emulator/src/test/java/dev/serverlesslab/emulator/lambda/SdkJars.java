package dev.serverlesslab.emulator.lambda;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The jars of a layer like the platform's SSM layer, taken from the tests' class path: the SDK without the other
 * services and HTTP clients (so the SDK picks the URL connection client, as in the platform's layers).
 */
public final class SdkJars {

    private SdkJars() {
    }

    public static List<Path> ssmLayer() {
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String path = entry.replace(File.separatorChar, '/');
            boolean sdk = path.contains("/software/amazon/awssdk/")
                    && (!path.matches(".*/awssdk/[a-z0-9-]+-client/.*") || path.contains("/url-connection-client/"))
                    && (!isService(jar) || path.contains("/ssm/"));
            if (entry.endsWith(".jar") && (sdk || path.contains("/org/reactivestreams/")
                    || path.contains("/org/slf4j/slf4j-api/"))) {
                jars.add(jar);
            }
        }
        return jars;
    }

    private static boolean isService(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().anyMatch(entry -> entry.getName().startsWith("software/amazon/awssdk/services/"));
        } catch (IOException e) {
            return false;
        }
    }
}

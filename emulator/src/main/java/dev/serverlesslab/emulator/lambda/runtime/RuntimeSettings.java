package dev.serverlesslab.emulator.lambda.runtime;

import java.nio.file.Path;
import java.util.List;

/**
 * What every execution environment of this emulator shares: the JVM to start, the bootstrap class path and the
 * emulator's own endpoint, which handlers reach through {@code AWS_ENDPOINT_URL}.
 *
 * @param runtimeDir the directory holding the bootstrap jar ({@code LAMBDA_RUNTIME_DIR})
 * @param sharedArchive where the class-data sharing archive is (or will be, once trained); null for none
 * @param warmLayers whether a waiting environment may load its layers' SDK clients before its function arrives: only
 *     for layers the platform built ({@link LayerArchives}), since that runs the layers' code before the handler's
 */
public record RuntimeSettings(Path javaExecutable, List<Path> classPath, Path runtimeDir, Path sharedArchive,
        String endpointUrl, boolean warmLayers) {

    public RuntimeSettings {
        classPath = List.copyOf(classPath);
    }

    public RuntimeSettings(Path javaExecutable, List<Path> classPath, Path runtimeDir, Path sharedArchive,
            String endpointUrl) {
        this(javaExecutable, classPath, runtimeDir, sharedArchive, endpointUrl, false);
    }

    /** These settings with another class-data sharing archive. */
    RuntimeSettings withArchive(Path archive) {
        return new RuntimeSettings(javaExecutable, classPath, runtimeDir, archive, endpointUrl, warmLayers);
    }

    /** These settings for layers the platform built, whose SDK clients waiting environments may load ahead. */
    RuntimeSettings withWarmLayers() {
        return new RuntimeSettings(javaExecutable, classPath, runtimeDir, sharedArchive, endpointUrl, true);
    }

    /** These settings with no layer loaded ahead. */
    RuntimeSettings withoutWarmLayers() {
        return new RuntimeSettings(javaExecutable, classPath, runtimeDir, sharedArchive, endpointUrl, false);
    }

    /** The JVM running the emulator, so children match it. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}

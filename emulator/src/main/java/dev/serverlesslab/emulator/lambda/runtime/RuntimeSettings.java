package dev.serverlesslab.emulator.lambda.runtime;

import java.nio.file.Path;
import java.util.List;

/**
 * What every execution environment of this emulator shares: the JVM to start, the bootstrap class path and the
 * emulator's own endpoint, which handlers reach through {@code AWS_ENDPOINT_URL}.
 *
 * @param runtimeDir the directory holding the bootstrap jar ({@code LAMBDA_RUNTIME_DIR})
 * @param sharedArchive where the class-data sharing archive is (or will be, once trained); null for none
 */
public record RuntimeSettings(Path javaExecutable, List<Path> classPath, Path runtimeDir, Path sharedArchive,
        String endpointUrl) {

    public RuntimeSettings {
        classPath = List.copyOf(classPath);
    }

    /** The JVM running the emulator, so children match it. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}

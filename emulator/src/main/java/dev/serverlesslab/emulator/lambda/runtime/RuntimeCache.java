package dev.serverlesslab.emulator.lambda.runtime;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Places the environments' class path and class-data sharing archive in the user's cache directory, named by the
 * runtime's fingerprint, so every emulator on the machine reuses one archive; falls back to the emulator's own work
 * directory when the cache is not writable.
 */
public final class RuntimeCache {

    static final String ARCHIVE_NAME = "lambda-runtime.jsa";

    private RuntimeCache() {
    }

    /**
     * @param workDir the emulator's work directory, used when the cache is not writable
     * @param endpointUrl the emulator's endpoint for {@code AWS_ENDPOINT_URL}
     */
    public static RuntimeSettings settings(Path workDir, String endpointUrl) {
        Path dir = cacheRoot().resolve(RuntimeClasspath.fingerprint());
        List<Path> classPath;
        try {
            classPath = RuntimeClasspath.prepare(dir);
        } catch (UncheckedIOException | SecurityException e) {
            dir = workDir.resolve("runtime");
            classPath = RuntimeClasspath.prepare(dir);
        }
        return new RuntimeSettings(RuntimeSettings.currentJava(), classPath, dir, dir.resolve(ARCHIVE_NAME),
                endpointUrl);
    }

    /** {@code $XDG_CACHE_HOME/serverless-lab/lambda-runtime}, by default under {@code ~/.cache}. */
    static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg == null || xdg.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache")
                : Path.of(xdg);
        return base.resolve("serverless-lab").resolve("lambda-runtime");
    }
}

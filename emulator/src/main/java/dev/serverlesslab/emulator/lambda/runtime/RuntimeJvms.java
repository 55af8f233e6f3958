package dev.serverlesslab.emulator.lambda.runtime;

import dev.serverlesslab.jdks.Jdk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link RuntimeSettings} each Lambda runtime's environments start with: the emulator's own settings when the
 * runtime runs on the emulator's JDK, else the same bootstrap class path on the runtime's JDK ({@link JavaRuntimes})
 * with a class-data sharing archive of that JDK's own (an archive only works on the JDK that recorded it), recorded in
 * the background the first time the JDK is used.
 */
public final class RuntimeJvms implements AutoCloseable {

    private final RuntimeSettings base;
    private final JavaRuntimes runtimes;
    private final Map<Path, RuntimeSettings> byJdk = new ConcurrentHashMap<>();
    private final List<Process> trainings = new ArrayList<>();
    private final LayerArchives layerArchives;

    public RuntimeJvms(RuntimeSettings base, JavaRuntimes runtimes) {
        this(base, runtimes, LayerArchives.fromSystem());
    }

    /** @param layerArchives the per-layer archives of platform-built SDK layers */
    public RuntimeJvms(RuntimeSettings base, JavaRuntimes runtimes, LayerArchives layerArchives) {
        this.base = base;
        this.runtimes = runtimes;
        this.layerArchives = layerArchives;
    }

    /** Every runtime on the JDKs this machine has (see {@link JavaRuntimes#discover()}). */
    public static RuntimeJvms discover(RuntimeSettings base) {
        return new RuntimeJvms(base, JavaRuntimes.discover());
    }

    public JavaRuntimes runtimes() {
        return runtimes;
    }

    /** The JDK that runs {@code runtime}; empty when none here can ({@link JavaRuntimes#missing(String)} says why). */
    public Optional<Jdk> jdk(String runtime) {
        return runtimes.jdk(runtime);
    }

    /**
     * The settings environments of {@code runtime} start with.
     *
     * @throws IllegalStateException when no JDK here can run it; CreateFunction refuses such functions first
     */
    public RuntimeSettings settings(String runtime) {
        Jdk jdk = runtimes.jdk(runtime).orElseThrow(() -> new IllegalStateException(
                runtimes.missing(runtime).orElse("No JDK for " + runtime)));
        if (jdk.home().equals(runtimes.current().home())) {
            return base;
        }
        return byJdk.computeIfAbsent(jdk.home(), home -> {
            Path archive = base.sharedArchive() == null ? null
                    : base.sharedArchive().resolveSibling("lambda-runtime-" + shortHash(jdk) + ".jsa");
            RuntimeSettings settings = new RuntimeSettings(jdk.java(), base.classPath(), base.runtimeDir(), archive,
                    base.endpointUrl());
            ArchiveTraining.start(settings).ifPresent(process -> {
                synchronized (trainings) {
                    trainings.add(process);
                }
            });
            return settings;
        });
    }

    /**
     * The settings environments of {@code runtime} with these layers start with: {@link #settings(String)}, with the
     * layers' own class-data archive once one is recorded ({@link LayerArchives}).
     *
     * @param layers the content of each layer, null for one no longer published
     */
    public RuntimeSettings settings(String runtime, List<Path> layerJars, List<LayerArchives.LayerContent> layers) {
        return layerArchives.settings(settings(runtime), layerJars, layers);
    }

    private static String shortHash(Jdk jdk) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((jdk.home() + "|" + jdk.version()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** Stops archive recordings still running. */
    @Override
    public void close() {
        layerArchives.close();
        synchronized (trainings) {
            trainings.forEach(Process::destroyForcibly);
        }
    }
}

package dev.serverlesslab.emulator.lambda.runtime;

import dev.serverlesslab.emulator.lambda.bootstrap.Bootstrap;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A class-data sharing archive per platform-built SDK layer: the bootstrap's classes plus the SDK classes a handler's
 * client init loads, so a function with that layer starts its environments from it instead of the runtime's own
 * archive ({@link ArchiveTraining}).
 *
 * <p>Recording an archive runs the layer's classes, and any account may publish a layer, so an archive is recorded
 * only for layers whose zip is byte for byte one the platform built itself: a zip in the platform's layer cache
 * ({@code ~/.cache/serverless-lab/layers}, written by the graders and by nobody else, learner code being confined),
 * matched by the CodeSha256 the emulator computed when the layer was published. The recording runs a trainer the
 * platform wrote ({@code Bootstrap --train-layers}), with the JDK, flags and class path the environments use; the
 * archive lands beside the layer zip, named by the layers' hashes, the JDK, the runtime's archive and the trainer's
 * flags, so any change of these records a new one. Until it exists (and whenever the JVM finds it does not match),
 * environments start as before.
 */
public final class LayerArchives implements AutoCloseable {

    /** System property that turns per-layer archives off ({@code 0}, {@code off} or {@code false}). */
    public static final String SWITCH_PROPERTY = "serverlesslab.layerArchives";
    /**
     * System property that keeps waiting environments from loading their platform-built layers' SDK clients ahead
     * ({@code 0}, {@code off} or {@code false}); the comparison {@code ./lab bench} measures it with.
     */
    public static final String WARM_UP_PROPERTY = "serverlesslab.layerWarmUp";
    /** Changes whenever the trainer or its flags change, so archives recorded by an older one are not reused. */
    static final String TRAINER_VERSION = "layer-training-2";

    private final Path platformLayers;
    private final boolean enabled;
    private final boolean warmUp;
    /** CodeSha256 (base64, as Lambda reports it) of each platform-built zip, by the zip's name, size and time. */
    private final Map<String, String> hashes = new ConcurrentHashMap<>();
    private final Set<Path> recording = ConcurrentHashMap.newKeySet();
    private final List<Process> processes = new ArrayList<>();
    private boolean closed;

    /**
     * @param platformLayers the folder of layer zips the platform built (never one learners can write to)
     * @param enabled false to start every environment from the runtime's archive
     */
    public LayerArchives(Path platformLayers, boolean enabled) {
        this(platformLayers, enabled, enabled);
    }

    /**
     * @param warmUp whether waiting environments of functions with platform-built layers load the layers' SDK
     *     clients before their function arrives ({@code Bootstrap}'s {@code WarmLayers})
     */
    public LayerArchives(Path platformLayers, boolean enabled, boolean warmUp) {
        this.platformLayers = platformLayers;
        this.enabled = enabled;
        this.warmUp = warmUp;
    }

    /** The graders' layer cache, on unless {@value #SWITCH_PROPERTY} says otherwise. */
    public static LayerArchives fromSystem() {
        return new LayerArchives(Path.of(System.getProperty("user.home"), ".cache", "serverless-lab", "layers"),
                switchedOn(SWITCH_PROPERTY), switchedOn(WARM_UP_PROPERTY));
    }

    private static boolean switchedOn(String property) {
        return !List.of("0", "off", "false", "no").contains(System.getProperty(property, "on").trim().toLowerCase());
    }

    /**
     * The settings a function with these layers starts its environments with: {@code base} with the layers' archive
     * once it is recorded, else {@code base} itself (and the recording started, once, when every layer is one the
     * platform built). For platform-built layers they also say {@link RuntimeSettings#warmLayers()}, so waiting
     * environments load the layers' clients ahead, unless {@value #WARM_UP_PROPERTY} is off.
     *
     * @param layerJars the function's layer jars, in class path order
     * @param layers the content of each of the function's layers; null for one the emulator no longer has
     */
    public RuntimeSettings settings(RuntimeSettings base, List<Path> layerJars, List<LayerContent> layers) {
        Optional<Path> archive = archive(base, layers);
        if (archive.isEmpty() || layerJars.isEmpty()) {
            return base;
        }
        RuntimeSettings platformBuilt = warmUp ? base.withWarmLayers() : base;
        if (Files.isRegularFile(archive.get())) {
            return platformBuilt.withArchive(archive.get());
        }
        record(base, layerJars, archive.get());
        return platformBuilt;
    }

    /** Where the archive of these layers on {@code base}'s JDK goes; empty when one may not be recorded. */
    Optional<Path> archive(RuntimeSettings base, List<LayerContent> layers) {
        if (!enabled || base.sharedArchive() == null || layers.isEmpty()
                || layers.stream().anyMatch(java.util.Objects::isNull)) {
            return Optional.empty();
        }
        List<Path> zips = new ArrayList<>();
        List<String> layerSha256s = new ArrayList<>();
        for (LayerContent layer : layers) {
            Optional<Path> zip = platformBuilt(layer);
            if (zip.isEmpty()) {
                return Optional.empty();
            }
            zips.add(zip.get());
            layerSha256s.add(layer.codeSha256());
        }
        String key = String.join("|", TRAINER_VERSION, base.javaExecutable().toString(), jdkVersion(base),
                base.sharedArchive().toString(), String.join(",", layerSha256s), String.join(" ", trainerFlags()));
        String first = zips.get(0).getFileName().toString();
        String stem = first.endsWith(".zip") ? first.substring(0, first.length() - ".zip".length()) : first;
        return Optional.of(zips.get(0).resolveSibling(stem + "." + hex(key).substring(0, 16) + ".jsa"));
    }

    /**
     * The zip in the platform's layer folder with this content; only zips of the layer's size are hashed, each once
     * (per name, size and time), so a deployment pays for at most one hash of a new zip.
     */
    private Optional<Path> platformBuilt(LayerContent layer) {
        if (!Files.isDirectory(platformLayers)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> zips = Files.newDirectoryStream(platformLayers, "*.zip")) {
            for (Path zip : zips) {
                long size = Files.size(zip);
                if (size != layer.codeSize()) {
                    continue;
                }
                String id = zip.getFileName() + "|" + size + "|" + Files.getLastModifiedTime(zip).toMillis();
                String sha = hashes.get(id);
                if (sha == null) {
                    sha = codeSha256(zip);
                    hashes.put(id, sha);
                }
                if (sha.equals(layer.codeSha256())) {
                    return Optional.of(zip);
                }
            }
        } catch (IOException e) {
            // An unreadable cache only means no layer archive.
        }
        return Optional.empty();
    }

    private void record(RuntimeSettings base, List<Path> layerJars, Path archive) {
        synchronized (this) {
            if (closed || !recording.add(archive)) {
                return;
            }
        }
        try {
            Path partial = Files.createTempFile(archive.getParent(), archive.getFileName().toString(), ".partial");
            Files.delete(partial);
            List<String> command = new ArrayList<>();
            command.add(base.javaExecutable().toString());
            command.add("-XX:ArchiveClassesAtExit=" + partial);
            command.addAll(trainerFlags());
            command.addAll(List.of("-cp", base.classPath().stream().map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator)), ChildProcessSpec.BOOTSTRAP_MAIN,
                    Bootstrap.LAYER_TRAINING));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().clear();
            builder.environment().putAll(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8",
                    Bootstrap.LAYER_JARS, layerJars.stream().map(Path::toString)
                            .collect(Collectors.joining(File.pathSeparator))));
            Process process = builder.start();
            process.getOutputStream().close();
            synchronized (this) {
                processes.add(process);
            }
            process.onExit().thenRun(() -> install(process, partial, archive));
        } catch (IOException e) {
            // Environments keep the runtime's archive; the next deployment tries again.
            recording.remove(archive);
        }
    }

    private void install(Process process, Path partial, Path archive) {
        try {
            if (process.exitValue() == 0 && Files.isRegularFile(partial)) {
                Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                deleteSuperseded(archive);
            }
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            // As above: best effort.
        } finally {
            recording.remove(archive);
            synchronized (this) {
                processes.remove(process);
            }
        }
    }

    /**
     * Removes the same layers' archives for other JDKs, bootstraps or trainers once they are a day old, so rebuilds do
     * not pile up 20 MB files beside the layer; a younger one may still serve another emulator on this machine.
     */
    private static void deleteSuperseded(Path archive) throws IOException {
        String name = archive.getFileName().toString();
        String stem = name.substring(0, name.indexOf('.') + 1);
        long dayAgo = System.currentTimeMillis() - 24L * 60 * 60 * 1000;
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(archive.getParent(), stem + "*.jsa")) {
            for (Path sibling : siblings) {
                if (!sibling.equals(archive) && Files.getLastModifiedTime(sibling).toMillis() < dayAgo) {
                    Files.deleteIfExists(sibling);
                }
            }
        }
    }

    /** The recordings still running (for tests). */
    synchronized List<Process> recordings() {
        return List.copyOf(processes);
    }

    /** The flags environments start with that decide whether an archive fits them (as in {@link ChildProcessSpec}). */
    static List<String> trainerFlags() {
        return List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-Xlog:cds=off,cds+dynamic=off", "--add-opens=java.base/java.util=ALL-UNNAMED");
    }

    private static String jdkVersion(RuntimeSettings base) {
        Path release = base.javaExecutable().getParent() == null ? null
                : base.javaExecutable().getParent().resolveSibling("release");
        try {
            return release != null && Files.isRegularFile(release) ? Files.readString(release) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static String codeSha256(Path zip) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(zip), digest())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return Base64.getEncoder().encodeToString(((DigestInputStream) in).getMessageDigest().digest());
        }
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /**
     * What a function's layer holds, as the emulator computed it on PublishLayerVersion.
     *
     * @param codeSha256 base64 SHA-256 of the layer's zip (Lambda's {@code CodeSha256})
     * @param codeSize the zip's size in bytes
     */
    public record LayerContent(String codeSha256, long codeSize) {
    }

    /** Stops recordings still running; their partial files are left to the next recording's temp name. */
    @Override
    public void close() {
        List<Process> running;
        synchronized (this) {
            closed = true;
            running = List.copyOf(processes);
        }
        running.forEach(Process::destroyForcibly);
    }
}

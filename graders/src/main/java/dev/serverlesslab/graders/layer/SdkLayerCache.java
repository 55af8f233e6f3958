package dev.serverlesslab.graders.layer;

import dev.serverlesslab.exercises.build.SdkModules;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds the Lambda layer zip for a set of AWS SDK modules ({@code java/lib/*.jar}, where the Java runtime puts
 * layer jars on the class path) once, and keeps it on disk named by the modules' hash, so later gradings and other
 * processes reuse it.
 */
public final class SdkLayerCache {

    // Fixed entry times make equal jar sets give equal bytes, so a republished layer has the same CodeSha256.
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private final Path directory;

    /** @param directory where layer zips are kept; created when missing */
    public SdkLayerCache(Path directory) {
        this.directory = directory;
    }

    /** The cache every grading on this machine shares: {@code ~/.cache/serverless-lab/layers}. */
    public static SdkLayerCache inUserCache() {
        return new SdkLayerCache(Path.of(System.getProperty("user.home"), ".cache", "serverless-lab", "layers"));
    }

    /**
     * The layer zip of these modules, built now when the cache has none.
     *
     * @throws IllegalArgumentException for {@link SdkModules#none()}, which needs no layer
     */
    public LayerZip zipFor(SdkModules modules) {
        if (modules.isEmpty()) {
            throw new IllegalArgumentException("no SDK modules were chosen, so there is no layer to build");
        }
        Path zip = directory.resolve("sdk-" + modules.hash() + ".zip");
        try {
            if (Files.isRegularFile(zip)) {
                return new LayerZip(zip, false, Files.size(zip));
            }
            Files.createDirectories(directory);
            // Written aside and moved into place in one step: a grading racing this one, in this process or another,
            // sees either no file or a whole one, and two finished writers leave the same bytes.
            Path partial = Files.createTempFile(directory, "sdk-" + modules.hash(), ".partial");
            try {
                try (OutputStream out = Files.newOutputStream(partial)) {
                    write(modules, out);
                }
                move(partial, zip);
            } finally {
                Files.deleteIfExists(partial);
            }
            return new LayerZip(zip, true, Files.size(zip));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the AWS SDK layer " + modules.label() + " in " + directory
                    + ": " + e.getMessage() + "; check that the folder is writable", e);
        }
    }

    private static void write(SdkModules modules, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path jar : modules.jars()) {
                byte[] bytes = Files.readAllBytes(jar);
                // Jars are compressed already: storing them saves the time deflating would take for nothing.
                ZipEntry entry = new ZipEntry("java/lib/" + jar.getFileName());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(bytes.length);
                entry.setCompressedSize(bytes.length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                entry.setCrc(crc.getValue());
                entry.setTimeLocal(FIXED_TIME);
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * A layer zip on disk.
     *
     * @param built true when this call built it, false when it came from the cache
     */
    public record LayerZip(Path file, boolean built, long bytes) {
    }
}

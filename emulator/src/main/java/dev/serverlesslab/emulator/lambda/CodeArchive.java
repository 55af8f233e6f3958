package dev.serverlesslab.emulator.lambda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A deployment package: checked, fingerprinted and unpacked into the function's task root, with Lambda's limits.
 */
final class CodeArchive {

    /** Lambda's limit for a direct upload. */
    static final long MAX_ZIPPED_BYTES = 50L * 1024 * 1024;
    /** Lambda's limit for the unpacked code. */
    static final long MAX_UNZIPPED_BYTES = 262_144_000L;
    private static final String UNREADABLE =
            "Could not unzip uploaded file. Please check your file, then try to upload again.";

    /** What CodeSize and CodeSha256 report. */
    record Unpacked(long codeSize, String codeSha256) {
    }

    private CodeArchive() {
    }

    /** Lambda's limit on a zip sent in the request; one read from S3 is bounded only by its unzipped size. */
    static byte[] checkDirectUpload(byte[] zip) {
        if (zip.length > MAX_ZIPPED_BYTES) {
            throw LambdaErrors.tooLarge("Zipped code must be smaller than " + MAX_ZIPPED_BYTES
                    + " bytes for a direct upload (Code.ZipFile)");
        }
        return zip;
    }

    static Unpacked unpack(byte[] zip, Path taskRoot) {
        if (zip.length > MAX_UNZIPPED_BYTES) {
            throw LambdaErrors.invalidParameter("Unzipped size must be smaller than " + MAX_UNZIPPED_BYTES
                    + " bytes");
        }
        try {
            Files.createDirectories(taskRoot);
            int entries = extract(zip, taskRoot);
            if (entries == 0) {
                throw LambdaErrors.invalidParameter(UNREADABLE);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw LambdaErrors.invalidParameter(UNREADABLE);
        }
        return new Unpacked(zip.length, sha256(zip));
    }

    private static int extract(byte[] zip, Path taskRoot) throws IOException {
        Path root = taskRoot.toAbsolutePath().normalize();
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[16 * 1024];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries++;
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    // A "../" entry would write outside the task root (zip slip).
                    throw new IOException("Entry escapes the archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    total += copy(in, out, buffer, MAX_UNZIPPED_BYTES - total);
                }
            }
        }
        return entries;
    }

    /** Copies at most {@code budget} bytes, failing past it so a zip bomb never fills the disk. */
    private static long copy(InputStream in, OutputStream out, byte[] buffer, long budget) throws IOException {
        long copied = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            copied += read;
            if (copied > budget) {
                throw LambdaErrors.invalidParameter("Unzipped size must be smaller than " + MAX_UNZIPPED_BYTES
                        + " bytes");
            }
            out.write(buffer, 0, read);
        }
        return copied;
    }

    /** Base64 of the SHA-256 of the zip, as Lambda reports CodeSha256. */
    static String sha256(byte[] zip) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(zip));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** Removes unpacked code and environment directories, as far as the file system lets it. */
    static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // Best effort: the emulator's work directory is removed as a whole on close.
        }
    }
}

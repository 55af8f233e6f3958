package dev.serverlesslab.emulator.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Objects larger than the emulator should ever hold in its heap: their bodies stream from the connection to a file
 * under the emulator's {@code s3} directory and back, with S3's ETag, ranges and clean-up on delete.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3LargeObjectTests {

    private static final long SIZE = 64L * 1024 * 1024;
    /** Far below the object's size: holding the body once (let alone growing an array to it) would exceed it. */
    private static final long ALLOCATION_BUDGET = 16L * 1024 * 1024;

    private RunningS3 running;
    private S3Client s3;

    @BeforeAll
    void start(@TempDir Path workDir) {
        running = new RunningS3(workDir);
        s3 = running.s3;
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @Test
    void a64MbObject_streamsToDiskAndBack_withItsMd5Etag_andLeavesNoFileOnceDeleted(@TempDir Path dir)
            throws Exception {
        Path source = dir.resolve("big.bin");
        String md5 = writeRandom(source, SIZE);
        s3.createBucket(b -> b.bucket("large-objects"));
        Map<Long, Long> before = emulatorThreadAllocations();

        String etag = s3.putObject(b -> b.bucket("large-objects").key("big.bin"), RequestBody.fromFile(source))
                .eTag();
        Path downloaded = dir.resolve("downloaded.bin");
        s3.getObject(b -> b.bucket("large-objects").key("big.bin"), ResponseTransformer.toFile(downloaded));
        long allocated = allocatedSince(before);

        assertEquals("\"" + md5 + "\"", etag);
        assertEquals(md5, md5Of(downloaded));
        assertTrue(allocated < ALLOCATION_BUDGET, "the emulator's HTTP threads allocated " + allocated
                + " bytes to store and serve a " + SIZE + "-byte object; its body must not be held in memory");
        List<Path> stored = storedFiles();
        assertEquals(1, stored.size(), "one file holds the object: " + stored);
        assertEquals(SIZE, Files.size(stored.get(0)));

        long first = SIZE / 2 - 100;
        byte[] range = s3.getObjectAsBytes(b -> b.bucket("large-objects").key("big.bin")
                .range("bytes=" + first + "-" + (first + 999))).asByteArray();
        assertArrayEquals(slice(source, first, 1000), range);

        s3.deleteObject(b -> b.bucket("large-objects").key("big.bin"));
        assertEquals(List.of(), storedFiles(), "deleting the object deletes its file");
        s3.deleteBucket(b -> b.bucket("large-objects"));
    }

    @Test
    void anUploadFailingItsContentMd5_isRefusedWithBadDigest_andLeavesNoFile() {
        s3.createBucket(b -> b.bucket("large-refused"));
        List<Path> before = storedFiles();

        S3Exception refused = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket("large-refused")
                .key("wrong.txt").contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="), RequestBody.fromString("not empty")));

        assertEquals("BadDigest", refused.awsErrorDetails().errorCode());
        assertEquals(before, storedFiles());
        assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket("large-refused").key("wrong.txt")));
    }

    private List<Path> storedFiles() {
        Path root = running.workDir.resolve("s3");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(root)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Bytes allocated so far by each of the emulator's HTTP threads (the edge names them {@code emulator-http}). */
    private static Map<Long, Long> emulatorThreadAllocations() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<Long, Long> allocations = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("emulator-http")) {
                allocations.put(thread.getId(), threads.getThreadAllocatedBytes(thread.getId()));
            }
        }
        return allocations;
    }

    private static long allocatedSince(Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> now : emulatorThreadAllocations().entrySet()) {
            total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }

    private static String writeRandom(Path file, long size) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        Random random = new Random(42);
        byte[] buffer = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += buffer.length) {
                random.nextBytes(buffer);
                md5.update(buffer);
                out.write(buffer);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static String md5Of(Path file) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static byte[] slice(Path file, long offset, int length) throws IOException {
        byte[] bytes = new byte[length];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(offset);
            in.readFully(bytes);
        }
        return bytes;
    }
}

package dev.serverlesslab.emulator.s3;

import dev.serverlesslab.emulator.http.StreamedBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Object and part contents on disk, one immutable file per stored body under the emulator's {@code s3} directory,
 * so objects never sit in the heap between requests. The directory is made on the first write, not before.
 */
final class ObjectStore {

    /**
     * One stored body: the file's id, its size, its MD5 (hex, S3's ETag of a single-part object) and the flexible
     * checksums computed while it was written (base64, by algorithm).
     */
    record Blob(String id, long size, String md5Hex, Map<String, String> checksums) {

        Blob {
            checksums = Map.copyOf(checksums);
        }
    }

    private static final int BUFFER = 64 * 1024;

    private final Path root;

    ObjectStore(Path root) {
        this.root = root;
    }

    /**
     * Streams a body to a new file, a buffer at a time, computing its MD5 and the named checksums on the way; a body
     * that cannot be read to its end leaves no file behind.
     */
    Blob write(InputStream body, Set<String> algorithms) {
        String id = UUID.randomUUID().toString();
        Path file = file(id);
        MessageDigest md5 = md5();
        Checksums.Running checksums = new Checksums.Running(algorithms);
        long size = 0;
        try {
            Files.createDirectories(root);
            try (InputStream in = body; OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[BUFFER];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    md5.update(buffer, 0, n);
                    checksums.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    size += n;
                }
            }
        } catch (IOException | RuntimeException e) {
            delete(id);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new UncheckedIOException("Could not store an S3 object under " + root, (IOException) e);
        }
        return new Blob(id, size, HexFormat.of().formatHex(md5.digest()), checksums.values());
    }

    /** Writes the concatenation of stored bodies (a completed multipart upload) to a new file. */
    Blob concat(List<String> ids) {
        String id = UUID.randomUUID().toString();
        MessageDigest md5 = md5();
        long size = 0;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file(id)), md5)) {
            for (String part : ids) {
                size += Files.copy(file(part), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not assemble a multipart upload under " + root, e);
        }
        return new Blob(id, size, HexFormat.of().formatHex(md5.digest()), Map.of());
    }

    /** A copy of a stored body under a new id (objects are deleted independently of their copies). */
    String copy(String id) {
        String copy = UUID.randomUUID().toString();
        try {
            Files.copy(file(id), file(copy));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy an S3 object under " + root, e);
        }
        return copy;
    }

    /**
     * {@code length} bytes from {@code offset} of a stored body, for the edge to copy to the client. The file is
     * opened now, so an object replaced or deleted while it is being sent is still sent whole.
     */
    StreamedBody read(String id, long offset, long length) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file(id), StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read an S3 object under " + root, e);
        }
        return new StreamedBody() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BUFFER, Math.max(length, 1)));
                long position = offset;
                long left = length;
                while (left > 0) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                    int n = channel.read(buffer, position);
                    if (n < 0) {
                        throw new IOException("The S3 object file " + id + " is shorter than its recorded size");
                    }
                    out.write(buffer.array(), 0, n);
                    position += n;
                    left -= n;
                }
            }

            @Override
            public void close() {
                try {
                    channel.close();
                } catch (IOException e) {
                    // Nothing was written through it; the descriptor is gone either way.
                }
            }
        };
    }

    /** Whether a stored body's file exists (for tests of the clean-up). */
    boolean exists(String id) {
        return Files.exists(file(id));
    }

    /** The stored body as a stream, for checksums computed without holding it. */
    InputStream open(String id) {
        try {
            return Files.newInputStream(file(id));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read an S3 object under " + root, e);
        }
    }

    void delete(String id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete an S3 object under " + root, e);
        }
    }

    private Path file(String id) {
        return root.resolve(id);
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no MD5", e);
        }
    }
}

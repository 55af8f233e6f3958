package dev.serverlesslab.emulator.s3;

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
import java.util.UUID;

/**
 * Object and part contents on disk, one immutable file per stored body under the emulator's {@code s3} directory,
 * so objects never sit in the heap between requests. The directory is made on the first write, not before.
 */
final class ObjectStore {

    /** One stored body: the file's id, its size and its MD5 (hex, S3's ETag of a single-part object). */
    record Blob(String id, long size, String md5Hex) {
    }

    private final Path root;

    ObjectStore(Path root) {
        this.root = root;
    }

    /** Writes a body to a new file. */
    Blob write(byte[] data) {
        String id = UUID.randomUUID().toString();
        Path file = file(id);
        try {
            Files.createDirectories(root);
            Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store an S3 object under " + root, e);
        }
        return new Blob(id, data.length, HexFormat.of().formatHex(md5().digest(data)));
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
        return new Blob(id, size, HexFormat.of().formatHex(md5.digest()));
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

    /** {@code length} bytes from {@code offset} of a stored body. */
    byte[] read(String id, long offset, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(file(id), StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read an S3 object under " + root, e);
        }
        return buffer.array();
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

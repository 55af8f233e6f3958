package dev.serverlesslab.emulator.s3;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The integrity checks S3 makes on an upload: {@code Content-MD5} and the flexible checksums
 * ({@code x-amz-checksum-crc32|crc32c|sha1|sha256}), each compared with the body received; a mismatch is
 * {@code BadDigest}. CRC64NVME, which the JDK cannot compute, is kept as sent and not checked.
 */
final class Checksums {

    private Checksums() {
    }

    /** Throws BadDigest (or InvalidDigest) when a value the client sent does not match the body. */
    static void verify(byte[] body, String contentMd5, Map<String, String> checksums) {
        if (contentMd5 != null) {
            byte[] sent;
            try {
                sent = Base64.getDecoder().decode(contentMd5.trim());
            } catch (IllegalArgumentException e) {
                throw new S3Exception("InvalidDigest", "The Content-MD5 you specified was invalid.", 400,
                        Map.of("Content-MD5", contentMd5));
            }
            if (!MessageDigest.isEqual(sent, ObjectStore.md5().digest(body))) {
                throw new S3Exception("BadDigest", "The Content-MD5 you specified did not match what we received.",
                        400, Map.of("ExpectedDigest", contentMd5));
            }
        }
        checksums.forEach((algorithm, value) -> {
            String actual = compute(algorithm, body);
            if (actual != null && !actual.equals(value)) {
                throw new S3Exception("BadDigest", "The " + algorithm + " you specified did not match the "
                        + "calculated checksum.", 400, Map.of());
            }
        });
    }

    /** The base64 checksum of the body with an algorithm, or null when the JDK cannot compute that one. */
    static String compute(String algorithm, byte[] body) {
        return switch (algorithm) {
            case "CRC32" -> crc(new CRC32(), body);
            case "CRC32C" -> crc(new CRC32C(), body);
            case "SHA1" -> digest("SHA-1", body);
            case "SHA256" -> digest("SHA-256", body);
            default -> null;
        };
    }

    private static String crc(Checksum checksum, byte[] body) {
        checksum.update(body, 0, body.length);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) checksum.getValue()).array());
    }

    private static String digest(String algorithm, byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no " + algorithm, e);
        }
    }
}

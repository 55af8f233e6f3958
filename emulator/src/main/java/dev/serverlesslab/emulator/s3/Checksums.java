package dev.serverlesslab.emulator.s3;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The integrity checks S3 makes on an upload: {@code Content-MD5} and the flexible checksums
 * ({@code x-amz-checksum-crc32|crc32c|sha1|sha256}), each compared with the body received; a mismatch is
 * {@code BadDigest}. CRC64NVME, which the JDK cannot compute, is kept as sent and not checked. Values are computed
 * while the body streams to disk ({@link Running}), never over the body held in memory.
 */
final class Checksums {

    private Checksums() {
    }

    /** Throws BadDigest (or InvalidDigest) when a value the client sent does not match the stored body. */
    static void verify(ObjectStore.Blob blob, String contentMd5, Map<String, String> checksums) {
        if (contentMd5 != null) {
            byte[] sent;
            try {
                sent = Base64.getDecoder().decode(contentMd5.trim());
            } catch (IllegalArgumentException e) {
                throw new S3Exception("InvalidDigest", "The Content-MD5 you specified was invalid.", 400,
                        Map.of("Content-MD5", contentMd5));
            }
            if (!MessageDigest.isEqual(sent, HexFormat.of().parseHex(blob.md5Hex()))) {
                throw new S3Exception("BadDigest", "The Content-MD5 you specified did not match what we received.",
                        400, Map.of("ExpectedDigest", contentMd5));
            }
        }
        checksums.forEach((algorithm, value) -> {
            String actual = blob.checksums().get(algorithm);
            if (actual != null && !actual.equals(value)) {
                throw new S3Exception("BadDigest", "The " + algorithm + " you specified did not match the "
                        + "calculated checksum.", 400, Map.of());
            }
        });
    }

    /** Checksums of the algorithms asked for that the JDK can compute, updated as bytes pass. */
    static final class Running {

        private final Map<String, Object> state = new LinkedHashMap<>();

        Running(Set<String> algorithms) {
            for (String algorithm : algorithms) {
                Object one = switch (algorithm) {
                    case "CRC32" -> new CRC32();
                    case "CRC32C" -> new CRC32C();
                    case "SHA1" -> digest("SHA-1");
                    case "SHA256" -> digest("SHA-256");
                    default -> null;
                };
                if (one != null) {
                    state.put(algorithm, one);
                }
            }
        }

        void update(byte[] bytes, int offset, int length) {
            for (Object one : state.values()) {
                if (one instanceof Checksum checksum) {
                    checksum.update(bytes, offset, length);
                } else {
                    ((MessageDigest) one).update(bytes, offset, length);
                }
            }
        }

        /** Each algorithm's value in base64, as S3 writes them. */
        Map<String, String> values() {
            Map<String, String> values = new LinkedHashMap<>();
            state.forEach((algorithm, one) -> {
                byte[] raw = one instanceof Checksum checksum
                        ? ByteBuffer.allocate(4).putInt((int) checksum.getValue()).array()
                        : ((MessageDigest) one).digest();
                values.put(algorithm, Base64.getEncoder().encodeToString(raw));
            });
            return values;
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no " + algorithm, e);
        }
    }
}

package dev.serverlesslab.emulator.s3;

import java.time.Instant;
import java.util.Map;

/**
 * One stored object's metadata; its body lives in the {@link ObjectStore} file {@code blobId}.
 *
 * @param etag the ETag without quotes: the body's MD5 in hex, or for a multipart upload the MD5 of the parts' MD5s
 *     followed by {@code -N}
 * @param headers the system metadata S3 keeps and answers with: Content-Type, Cache-Control, Content-Disposition,
 *     Content-Encoding, Content-Language, Expires
 * @param metadata user metadata ({@code x-amz-meta-*}), names lower-case without the prefix
 * @param checksums checksums the uploader sent, by algorithm ({@code CRC32} to its base64 value); S3 returns them
 *     to a GET that asks with {@code x-amz-checksum-mode: ENABLED}
 */
record S3Object(String key, String blobId, long size, String etag, Instant lastModified, Map<String, String> headers,
        Map<String, String> metadata, Map<String, String> checksums) {

    S3Object {
        headers = Map.copyOf(headers);
        metadata = Map.copyOf(metadata);
        checksums = Map.copyOf(checksums);
    }

    /** The ETag as S3 writes it in headers and XML: quoted. */
    String quotedEtag() {
        return "\"" + etag + "\"";
    }

    String contentType() {
        return headers.getOrDefault("Content-Type", "binary/octet-stream");
    }
}

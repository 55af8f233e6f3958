package dev.serverlesslab.emulator.s3;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A multipart upload in progress: what CreateMultipartUpload set for the object to be, and the parts uploaded so far
 * by number (a part uploaded again replaces the earlier one, as on S3).
 */
record MultipartUpload(String uploadId, String key, Instant initiated, Map<String, String> headers,
        Map<String, String> metadata, ConcurrentSkipListMap<Integer, Part> parts) {

    /**
     * One uploaded part; {@code etag} is its MD5 in hex, unquoted; {@code checksums} those the client sent with it,
     * verified, which UploadPart answers back.
     */
    record Part(int number, String blobId, long size, String etag, Instant lastModified,
            Map<String, String> checksums) {

        Part {
            checksums = Map.copyOf(checksums);
        }
    }
}

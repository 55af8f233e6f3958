package dev.serverlesslab.emulator.s3;

import java.util.Map;

/**
 * What a PutObject (or UploadPart) stores: the decoded body, system and user metadata, and the integrity values the
 * client sent to be checked.
 *
 * @param contentMd5 the {@code Content-MD5} header (base64), or null
 * @param checksums {@code x-amz-checksum-*} values sent as headers or trailers, by upper-case algorithm
 */
record PutRequest(byte[] body, Map<String, String> headers, Map<String, String> metadata, String contentMd5,
        Map<String, String> checksums) {

    PutRequest {
        headers = Map.copyOf(headers);
        metadata = Map.copyOf(metadata);
        checksums = Map.copyOf(checksums);
    }
}

package dev.serverlesslab.emulator.s3;

import dev.serverlesslab.emulator.http.AwsRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Upload bodies as SDKs send them: plain, or {@code aws-chunked} (SigV4 streaming, {@code x-amz-content-sha256} one
 * of {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}, {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER},
 * {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}): {@code hex-size[;chunk-signature=..]\r\n data \r\n} chunks, a
 * zero-size chunk, then trailers such as {@code x-amz-checksum-crc32:...}. Chunk signatures are not verified, as no
 * signature is in this emulator.
 */
final class AwsChunked {

    /** A decoded body and the trailers that followed it (names lower-case). */
    record Body(byte[] data, Map<String, String> trailers) {
    }

    private AwsChunked() {
    }

    /** The request's payload, decoded when it is aws-chunked. */
    static Body decode(AwsRequest request) {
        String sha = request.header("x-amz-content-sha256");
        String encoding = request.header("Content-Encoding");
        boolean chunked = sha != null && sha.startsWith("STREAMING-")
                || encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked");
        if (!chunked) {
            return new Body(request.body(), Map.of());
        }
        Body body = decode(request.body());
        String declared = request.header("x-amz-decoded-content-length");
        if (declared != null && Long.parseLong(declared.trim()) != body.data().length) {
            throw new S3Exception("IncompleteBody", "You did not provide the number of bytes specified by the "
                    + "x-amz-decoded-content-length header (" + declared + "; received " + body.data().length + ")",
                    400, Map.of());
        }
        return body;
    }

    static Body decode(byte[] raw) {
        ByteArrayOutputStream data = new ByteArrayOutputStream(raw.length);
        int at = 0;
        while (true) {
            int lineEnd = lineEnd(raw, at);
            String header = new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII);
            int semicolon = header.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? header : header.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw invalid("a chunk header is not a hex size: '" + header + "'");
            }
            at = lineEnd + 2;
            if (size == 0) {
                break;
            }
            if (at + size > raw.length) {
                throw invalid("a chunk is shorter than its declared size " + size);
            }
            data.write(raw, at, size);
            at += size + 2;
        }
        Map<String, String> trailers = new LinkedHashMap<>();
        while (at < raw.length) {
            int lineEnd = lineEnd(raw, at);
            String line = new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII);
            at = lineEnd + 2;
            int colon = line.indexOf(':');
            if (colon > 0) {
                trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return new Body(data.toByteArray(), trailers);
    }

    private static int lineEnd(byte[] raw, int from) {
        for (int i = from; i + 1 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n') {
                return i;
            }
        }
        if (from < raw.length) {
            return raw.length;
        }
        throw invalid("the body ends before its final zero-size chunk");
    }

    private static S3Exception invalid(String what) {
        return new S3Exception("IncompleteBody", "The aws-chunked request body could not be decoded: " + what, 400,
                Map.of());
    }
}

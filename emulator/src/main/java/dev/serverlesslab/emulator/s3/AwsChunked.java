package dev.serverlesslab.emulator.s3;

import dev.serverlesslab.emulator.http.AwsRequest;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Upload bodies as SDKs send them: plain, or {@code aws-chunked} (SigV4 streaming, {@code x-amz-content-sha256} one
 * of {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}, {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER},
 * {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}): {@code hex-size[;chunk-signature=..]\r\n data \r\n} chunks, a
 * zero-size chunk, then trailers such as {@code x-amz-checksum-crc32:...}. Chunk signatures are not verified, as no
 * signature is in this emulator. Bodies are decoded as they are read, so an object upload streams to disk.
 */
final class AwsChunked {

    /** A chunk header or trailer line longer than this is no aws-chunked body (headers are a size and a signature). */
    private static final int MAX_LINE = 8 * 1024;

    /** A decoded body and the trailers that followed it (names lower-case). */
    record Body(byte[] data, Map<String, String> trailers) {
    }

    private AwsChunked() {
    }

    /** The request's whole payload, decoded when it is aws-chunked: for small bodies such as XML documents. */
    static Body decode(AwsRequest request) {
        Payload payload = open(request);
        byte[] data;
        try (InputStream in = payload) {
            data = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("The request body could not be read", e);
        }
        payload.checkLength(data.length);
        return new Body(data, payload.trailers());
    }

    static Body decode(byte[] raw) {
        Payload payload = new Payload(new java.io.ByteArrayInputStream(raw), true, null);
        try (InputStream in = payload) {
            return new Body(in.readAllBytes(), payload.trailers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request's payload as a stream, decoded as it is read when it is aws-chunked. */
    static Payload open(AwsRequest request) {
        String sha = request.header("x-amz-content-sha256");
        String encoding = request.header("Content-Encoding");
        boolean chunked = sha != null && sha.startsWith("STREAMING-")
                || encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked");
        String declared = chunked ? request.header("x-amz-decoded-content-length") : null;
        return new Payload(request.bodyStream(), chunked, declared);
    }

    /**
     * An upload's decoded bytes, read once; its trailers are known once it has been read to the end. Read errors
     * of a malformed body are {@code IncompleteBody}.
     */
    static final class Payload extends InputStream {

        private final InputStream in;
        private final boolean chunked;
        private final String declaredLength;
        private final Map<String, String> trailers = new LinkedHashMap<>();
        private long remaining;
        private boolean done;

        private Payload(InputStream in, boolean chunked, String declaredLength) {
            this.in = chunked ? new BufferedInputStream(in, 64 * 1024) : in;
            this.chunked = chunked;
            this.declaredLength = declaredLength;
        }

        /** Trailers sent after the last chunk (names lower-case); complete once the payload was read to its end. */
        Map<String, String> trailers() {
            return Map.copyOf(trailers);
        }

        /** IncompleteBody when {@code x-amz-decoded-content-length} announced another size than was read. */
        void checkLength(long read) {
            if (declaredLength != null && Long.parseLong(declaredLength.trim()) != read) {
                throw new S3Exception("IncompleteBody", "You did not provide the number of bytes specified by the "
                        + "x-amz-decoded-content-length header (" + declaredLength.trim() + "; received " + read
                        + ")", 400, Map.of());
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (!chunked) {
                return in.read(buffer, offset, length);
            }
            if (length == 0) {
                return 0;
            }
            if (done) {
                return -1;
            }
            if (remaining == 0) {
                startChunk();
                if (done) {
                    return -1;
                }
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw invalid("a chunk is shorter than its declared size");
            }
            remaining -= n;
            if (remaining == 0) {
                // Each chunk's data ends with CRLF.
                readLine();
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        private void startChunk() throws IOException {
            String header = readLine();
            if (header == null) {
                throw invalid("the body ends before its final zero-size chunk");
            }
            int semicolon = header.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? header : header.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw invalid("a chunk header is not a hex size: '" + header + "'");
            }
            if (size < 0) {
                throw invalid("a chunk header is not a hex size: '" + header + "'");
            }
            if (size == 0) {
                readTrailers();
                done = true;
            }
            remaining = size;
        }

        private void readTrailers() throws IOException {
            for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
            }
        }

        /** One line up to CRLF (or the end of the body), or null when the body has ended. */
        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int previous = -1;
            while (true) {
                int next = in.read();
                if (next < 0) {
                    if (previous < 0) {
                        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
                    }
                    line.write(previous);
                    return line.toString(StandardCharsets.US_ASCII);
                }
                if (previous == '\r' && next == '\n') {
                    return line.toString(StandardCharsets.US_ASCII);
                }
                if (previous >= 0) {
                    line.write(previous);
                }
                previous = next;
                if (line.size() > MAX_LINE) {
                    throw invalid("a chunk header or trailer is longer than " + MAX_LINE + " bytes");
                }
            }
        }
    }

    private static S3Exception invalid(String what) {
        return new S3Exception("IncompleteBody", "The aws-chunked request body could not be decoded: " + what, 400,
                Map.of());
    }
}

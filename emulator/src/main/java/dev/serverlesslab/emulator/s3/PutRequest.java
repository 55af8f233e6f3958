package dev.serverlesslab.emulator.s3;

import dev.serverlesslab.emulator.http.AwsRequest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a PutObject (or UploadPart) stores: the body, still on the connection, system and user metadata, and the
 * integrity values the client sent to be checked ({@code Content-MD5}, {@code x-amz-checksum-*} as headers or as
 * trailers of an aws-chunked body, which are only known once the body has been read).
 */
final class PutRequest {

    /** A stored body and the checksums the client sent for it (by upper-case algorithm), all verified. */
    record Stored(ObjectStore.Blob blob, Map<String, String> checksums) {
    }

    private final InputStream body;
    private final AwsChunked.Payload payload;
    private final Map<String, String> headers;
    private final Map<String, String> metadata;
    private final String contentMd5;
    private final Map<String, String> sentChecksums;
    private final Set<String> algorithms;

    private PutRequest(InputStream body, AwsChunked.Payload payload, Map<String, String> headers,
            Map<String, String> metadata, String contentMd5, Map<String, String> sentChecksums,
            Set<String> algorithms) {
        this.body = body;
        this.payload = payload;
        this.headers = Map.copyOf(headers);
        this.metadata = Map.copyOf(metadata);
        this.contentMd5 = contentMd5;
        this.sentChecksums = Map.copyOf(sentChecksums);
        this.algorithms = Set.copyOf(algorithms);
    }

    /** A body already in memory (backend tests). */
    PutRequest(byte[] body, Map<String, String> headers, Map<String, String> metadata, String contentMd5,
            Map<String, String> checksums) {
        this(new ByteArrayInputStream(body), null, headers, metadata, contentMd5, checksums, checksums.keySet());
    }

    /**
     * The upload a request carries. The checksums computed while storing are those the client sent as headers, named
     * in {@code x-amz-trailer} or in {@code x-amz-sdk-checksum-algorithm}: nothing else is worth the time.
     */
    static PutRequest of(AwsRequest request) {
        Map<String, String> sent = ObjectHeaders.checksums(request, Map.of());
        Set<String> algorithms = new LinkedHashSet<>(sent.keySet());
        String trailer = request.header("x-amz-trailer");
        if (trailer != null) {
            for (String name : trailer.split(",")) {
                String algorithm = name.trim().toLowerCase(Locale.ROOT);
                if (algorithm.startsWith("x-amz-checksum-")) {
                    algorithms.add(algorithm.substring("x-amz-checksum-".length()).toUpperCase(Locale.ROOT));
                }
            }
        }
        String sdk = request.header("x-amz-sdk-checksum-algorithm");
        if (sdk != null) {
            algorithms.add(sdk.trim().toUpperCase(Locale.ROOT));
        }
        AwsChunked.Payload payload = AwsChunked.open(request);
        return new PutRequest(payload, payload, ObjectHeaders.system(request), ObjectHeaders.metadata(request),
                request.header("Content-MD5"), sent, algorithms);
    }

    Map<String, String> headers() {
        return headers;
    }

    Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Streams the body into the store, then checks its length and every integrity value sent against what was
     * stored; a body failing a check is deleted again, so nothing of a refused upload stays on disk.
     */
    Stored storeIn(ObjectStore store) {
        ObjectStore.Blob blob = store.write(body, algorithms);
        try {
            Map<String, String> checksums = new LinkedHashMap<>(sentChecksums);
            if (payload != null) {
                payload.checkLength(blob.size());
                Map<String, String> trailers = payload.trailers();
                for (String algorithm : ObjectHeaders.CHECKSUMS) {
                    String value = trailers.get("x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT));
                    if (value != null) {
                        checksums.put(algorithm, value);
                    }
                }
            }
            Checksums.verify(blob, contentMd5, checksums);
            return new Stored(blob, checksums);
        } catch (RuntimeException e) {
            store.delete(blob.id());
            throw e;
        }
    }
}

package dev.serverlesslab.emulator.s3;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * S3's multipart uploads: parts are stored as they arrive, and CompleteMultipartUpload joins the listed ones into the
 * object, whose ETag is the MD5 of the parts' MD5s followed by {@code -N}. As on S3, every part but the last must be
 * at least 5 MiB, parts must be listed in ascending order, and each listed ETag must match the part uploaded.
 */
final class Multipart {

    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    static final int MAX_PART_NUMBER = 10_000;

    /** One part as CompleteMultipartUpload lists it. */
    record CompletedPart(int number, String etag) {
    }

    private final S3Backend backend;
    private final ObjectStore store;
    private final Clock clock;

    Multipart(S3Backend backend, ObjectStore store, Clock clock) {
        this.backend = backend;
        this.store = store;
        this.clock = clock;
    }

    MultipartUpload createMultipartUpload(String bucketName, String key, Map<String, String> headers,
            Map<String, String> metadata) {
        Bucket bucket = backend.bucket(bucketName);
        String uploadId = UUID.randomUUID().toString().replace("-", "");
        MultipartUpload upload = new MultipartUpload(uploadId, key, clock.instant(), headers, metadata,
                new ConcurrentSkipListMap<>());
        bucket.uploads.put(uploadId, upload);
        return upload;
    }

    MultipartUpload.Part uploadPart(String bucketName, String key, String uploadId, int partNumber,
            PutRequest request) {
        if (partNumber < 1 || partNumber > MAX_PART_NUMBER) {
            throw S3Exception.invalidArgument("Part number must be an integer between 1 and 10000, inclusive",
                    "partNumber", String.valueOf(partNumber));
        }
        MultipartUpload upload = upload(bucketName, key, uploadId);
        PutRequest.Stored stored = request.storeIn(store);
        ObjectStore.Blob blob = stored.blob();
        MultipartUpload.Part part = new MultipartUpload.Part(partNumber, blob.id(), blob.size(), blob.md5Hex(),
                clock.instant(), stored.checksums());
        MultipartUpload.Part replaced = upload.parts().put(partNumber, part);
        if (replaced != null) {
            store.delete(replaced.blobId());
        }
        return part;
    }

    /** Joins the listed parts into the object, ends the upload and announces {@code CompleteMultipartUpload}. */
    S3Object completeMultipartUpload(String bucketName, String key, String uploadId, List<CompletedPart> listed,
            EventSource source) {
        Bucket bucket = backend.bucket(bucketName);
        MultipartUpload upload = upload(bucketName, key, uploadId);
        if (listed.isEmpty()) {
            throw S3Exception.malformedXml("CompleteMultipartUpload lists no parts");
        }
        List<MultipartUpload.Part> parts = new ArrayList<>();
        int previous = 0;
        for (CompletedPart completed : listed) {
            if (completed.number() <= previous) {
                throw new S3Exception("InvalidPartOrder", "The list of parts was not in ascending order. The parts "
                        + "list must be specified in order by part number.", 400, Map.of("UploadId", uploadId));
            }
            previous = completed.number();
            MultipartUpload.Part part = upload.parts().get(completed.number());
            if (part == null || !part.etag().equals(unquote(completed.etag()))) {
                throw new S3Exception("InvalidPart", "One or more of the specified parts could not be found. The "
                        + "part may not have been uploaded, or the specified entity tag may not match the part's "
                        + "entity tag.", 400, Map.of("UploadId", uploadId, "PartNumber",
                        String.valueOf(completed.number()), "ETag", completed.etag()));
            }
            parts.add(part);
        }
        for (int i = 0; i < parts.size() - 1; i++) {
            if (parts.get(i).size() < MIN_PART_SIZE) {
                throw new S3Exception("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed "
                        + "object size: every part but the last must be at least 5 MiB", 400, Map.of(
                        "PartNumber", String.valueOf(parts.get(i).number()),
                        "ProposedSize", String.valueOf(parts.get(i).size()),
                        "MinSizeAllowed", String.valueOf(MIN_PART_SIZE)));
            }
        }
        ObjectStore.Blob blob = store.concat(parts.stream().map(MultipartUpload.Part::blobId).toList());
        var md5s = ObjectStore.md5();
        parts.forEach(part -> md5s.update(HexFormat.of().parseHex(part.etag())));
        String etag = HexFormat.of().formatHex(md5s.digest()) + "-" + parts.size();
        S3Object object = new S3Object(key, blob.id(), blob.size(), etag, clock.instant(), upload.headers(),
                upload.metadata(), Map.of());
        bucket.uploads.remove(uploadId);
        upload.parts().values().forEach(part -> store.delete(part.blobId()));
        backend.replace(bucket, object);
        backend.notifications().objectCreated(bucket, "ObjectCreated:CompleteMultipartUpload", object, source);
        return object;
    }

    void abortMultipartUpload(String bucketName, String key, String uploadId) {
        MultipartUpload upload = upload(bucketName, key, uploadId);
        backend.bucket(bucketName).uploads.remove(uploadId);
        upload.parts().values().forEach(part -> store.delete(part.blobId()));
    }

    /** The upload, or NoSuchUpload when it is not in progress for that key. */
    MultipartUpload upload(String bucketName, String key, String uploadId) {
        MultipartUpload upload = backend.bucket(bucketName).uploads.get(uploadId == null ? "" : uploadId);
        if (upload == null || !upload.key().equals(key)) {
            throw S3Exception.noSuchUpload(uploadId);
        }
        return upload;
    }

    private static String unquote(String etag) {
        return etag == null ? "" : etag.replace("\"", "").trim();
    }
}

package dev.serverlesslab.emulator.s3;

import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.RestCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The wire of S3's object operations: put, get, head, copy, delete (one and many) and multipart uploads. */
final class ObjectRoutes {

    private static final int MAX_DELETE_KEYS = 1000;

    private final S3Backend backend;

    ObjectRoutes(S3Backend backend) {
        this.backend = backend;
    }

    AwsResponse putObject(RestCall call) {
        AwsRequest request = call.request();
        ObjectHeaders.refuseUnsupported(request);
        S3Object object = backend.putObject(call.path("Bucket"), S3Addressing.key(request), PutRequest.of(request),
                source(request));
        return withChecksums(AwsResponse.empty(200).withHeader("ETag", object.quotedEtag()), object.checksums())
                .withHeader("x-amz-server-side-encryption", "AES256");
    }

    AwsResponse getObject(RestCall call) {
        AwsRequest request = call.request();
        S3Object object = backend.headObject(call.path("Bucket"), S3Addressing.key(request));
        AwsResponse notModified = ObjectHeaders.preconditions(request, object);
        if (notModified != null) {
            return notModified;
        }
        ObjectHeaders.Range range = ObjectHeaders.range(request.header("Range"), object.size());
        if (range == null) {
            boolean checksums = "ENABLED".equalsIgnoreCase(request.header("x-amz-checksum-mode"));
            return ObjectHeaders.describe(AwsResponse.streamed(200, Map.of(),
                    backend.read(object, 0, object.size())), object, checksums);
        }
        return ObjectHeaders.describe(AwsResponse.streamed(206, Map.of(),
                backend.read(object, range.first(), range.length())), object, false)
                .withHeader("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + object.size());
    }

    AwsResponse headObject(RestCall call) {
        AwsRequest request = call.request();
        S3Object object = backend.headObject(call.path("Bucket"), S3Addressing.key(request));
        AwsResponse notModified = ObjectHeaders.preconditions(request, object);
        if (notModified != null) {
            return notModified;
        }
        boolean checksums = "ENABLED".equalsIgnoreCase(request.header("x-amz-checksum-mode"));
        return ObjectHeaders.describe(AwsResponse.empty(200), object, checksums)
                .withHeader("Content-Length", String.valueOf(object.size()));
    }

    AwsResponse deleteObject(RestCall call) {
        backend.deleteObject(call.path("Bucket"), S3Addressing.key(call.request()), source(call.request()));
        return AwsResponse.empty(204);
    }

    /** CopyObject: {@code x-amz-copy-source} is {@code bucket/key} or {@code /bucket/key}, URL-encoded. */
    AwsResponse copyObject(RestCall call) {
        AwsRequest request = call.request();
        ObjectHeaders.refuseUnsupported(request);
        String source = request.header("x-amz-copy-source");
        String decoded = AwsRequest.decodePathSegment(source.startsWith("/") ? source.substring(1) : source);
        int question = decoded.indexOf("?versionId=");
        if (question >= 0) {
            throw S3Exception.notImplemented("x-amz-copy-source with a versionId (versioning is not emulated)");
        }
        int slash = decoded.indexOf('/');
        if (slash <= 0 || slash == decoded.length() - 1) {
            throw S3Exception.invalidArgument("Invalid copy source object key", "x-amz-copy-source", source);
        }
        String directive = request.header("x-amz-metadata-directive");
        boolean replace = "REPLACE".equalsIgnoreCase(directive);
        if (directive != null && !replace && !"COPY".equalsIgnoreCase(directive)) {
            throw S3Exception.invalidArgument("Unknown metadata directive.", "x-amz-metadata-directive", directive);
        }
        S3Object copy = backend.copyObject(decoded.substring(0, slash), decoded.substring(slash + 1),
                call.path("Bucket"), S3Addressing.key(request), replace, ObjectHeaders.system(request),
                ObjectHeaders.metadata(request), source(request));
        return S3Xml.ok(S3Xml.copyResult("CopyObjectResult", copy));
    }

    /** DeleteObjects: up to 1000 keys in a {@code <Delete>} document; Quiet answers only the errors. */
    AwsResponse deleteObjects(RestCall call) {
        String bucket = call.path("Bucket");
        backend.bucket(bucket);
        XmlElement delete = XmlElement.parse(AwsChunked.decode(call.request()).data());
        List<XmlElement> objects = delete.all("Object");
        if (objects.isEmpty() || objects.size() > MAX_DELETE_KEYS) {
            throw S3Exception.malformedXml("Delete must list 1 to 1000 Object elements");
        }
        List<S3Xml.DeleteOutcome> outcomes = new ArrayList<>();
        for (XmlElement object : objects) {
            String key = object.text("Key");
            if (object.text("VersionId") != null) {
                outcomes.add(new S3Xml.DeleteOutcome(key, "NotImplemented", "Versioning is not emulated"));
                continue;
            }
            backend.deleteObject(bucket, key, source(call.request()));
            outcomes.add(new S3Xml.DeleteOutcome(key, null, null));
        }
        return S3Xml.ok(S3Xml.deleteResult(outcomes, "true".equalsIgnoreCase(delete.text("Quiet"))));
    }

    AwsResponse createMultipartUpload(RestCall call) {
        AwsRequest request = call.request();
        ObjectHeaders.refuseUnsupported(request);
        String bucket = call.path("Bucket");
        MultipartUpload upload = backend.multipart().createMultipartUpload(bucket, S3Addressing.key(request),
                ObjectHeaders.system(request), ObjectHeaders.metadata(request));
        AwsResponse response = S3Xml.ok(S3Xml.initiated(bucket, upload.key(), upload.uploadId()));
        String algorithm = request.header("x-amz-checksum-algorithm");
        return algorithm == null ? response : response.withHeader("x-amz-checksum-algorithm", algorithm);
    }

    AwsResponse uploadPart(RestCall call) {
        AwsRequest request = call.request();
        int partNumber;
        try {
            partNumber = Integer.parseInt(call.query("partNumber"));
        } catch (NumberFormatException e) {
            throw S3Exception.invalidArgument("Part number must be an integer between 1 and 10000, inclusive",
                    "partNumber", call.query("partNumber"));
        }
        MultipartUpload.Part part = backend.multipart().uploadPart(call.path("Bucket"), S3Addressing.key(request),
                call.query("uploadId"), partNumber, PutRequest.of(request));
        return withChecksums(AwsResponse.empty(200).withHeader("ETag", "\"" + part.etag() + "\""),
                part.checksums());
    }

    AwsResponse completeMultipartUpload(RestCall call) {
        AwsRequest request = call.request();
        XmlElement document = XmlElement.parse(AwsChunked.decode(request).data());
        List<Multipart.CompletedPart> parts = new ArrayList<>();
        for (XmlElement part : document.all("Part")) {
            try {
                parts.add(new Multipart.CompletedPart(Integer.parseInt(part.text("PartNumber")), part.text("ETag")));
            } catch (NumberFormatException e) {
                throw S3Exception.malformedXml("a Part has no PartNumber");
            }
        }
        String bucket = call.path("Bucket");
        S3Object object = backend.multipart().completeMultipartUpload(bucket, S3Addressing.key(request),
                call.query("uploadId"), parts, source(request));
        String location = "http://" + request.header("Host") + "/" + bucket + "/" + object.key();
        return S3Xml.ok(S3Xml.completed(location, bucket, object));
    }

    AwsResponse abortMultipartUpload(RestCall call) {
        backend.multipart().abortMultipartUpload(call.path("Bucket"), S3Addressing.key(call.request()),
                call.query("uploadId"));
        return AwsResponse.empty(204);
    }

    AwsResponse listParts(RestCall call) {
        String bucket = call.path("Bucket");
        MultipartUpload upload = backend.multipart().upload(bucket, S3Addressing.key(call.request()),
                call.query("uploadId"));
        int marker = number(call.query("part-number-marker"), 0, "part-number-marker");
        int maxParts = Math.min(number(call.query("max-parts"), 1000, "max-parts"), 1000);
        List<MultipartUpload.Part> after = List.copyOf(upload.parts().tailMap(marker, false).values());
        List<MultipartUpload.Part> page = after.subList(0, Math.min(maxParts, after.size()));
        String owner = backend.bucket(bucket).owner();
        return S3Xml.ok(S3Xml.listParts(bucket, upload, page, marker, maxParts, after.size() > page.size(), owner));
    }

    private static AwsResponse withChecksums(AwsResponse response, Map<String, String> checksums) {
        AwsResponse out = response;
        for (Map.Entry<String, String> checksum : checksums.entrySet()) {
            out = out.withHeader("x-amz-checksum-" + checksum.getKey().toLowerCase(Locale.ROOT), checksum.getValue());
        }
        return out;
    }

    private static EventSource source(AwsRequest request) {
        return new EventSource("AWS:" + request.scope().accountId(), request.peer().sourceIp(), request.requestId());
    }

    private static int number(String value, int absent, String name) {
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw S3Exception.invalidArgument(name + " must be an integer", name, value);
        }
    }
}

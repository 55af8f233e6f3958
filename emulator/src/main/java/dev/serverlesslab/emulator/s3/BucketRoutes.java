package dev.serverlesslab.emulator.s3;

import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.Xml;
import dev.serverlesslab.emulator.http.RestCall;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The wire of S3's bucket operations: listing buckets and objects, creating, deleting, location, notifications. */
final class BucketRoutes {

    private static final int MAX_KEYS = 1000;

    private final S3Backend backend;

    BucketRoutes(S3Backend backend) {
        this.backend = backend;
    }

    AwsResponse listBuckets(RestCall call) {
        return S3Xml.ok(S3Xml.listBuckets(call.scope().accountId(), backend.listBuckets(call.scope())));
    }

    AwsResponse createBucket(RestCall call) {
        if ("true".equalsIgnoreCase(call.header("x-amz-bucket-object-lock-enabled"))) {
            throw S3Exception.notImplemented("x-amz-bucket-object-lock-enabled (object lock is not emulated)");
        }
        String acl = call.header("x-amz-acl");
        if (acl != null && !acl.equals("private")) {
            throw S3Exception.notImplemented("x-amz-acl " + acl + " (buckets are private to their owner)");
        }
        String constraint = null;
        byte[] body = AwsChunked.decode(call.request()).data();
        if (body.length > 0) {
            XmlElement configuration = XmlElement.parse(body);
            if (configuration.child("Bucket") != null || configuration.child("Location") != null) {
                throw S3Exception.notImplemented("directory buckets (CreateBucketConfiguration Bucket/Location)");
            }
            constraint = configuration.text("LocationConstraint");
        }
        String name = call.path("Bucket");
        backend.createBucket(call.scope(), name, constraint);
        return AwsResponse.empty(200).withHeader("Location", "/" + name);
    }

    AwsResponse headBucket(RestCall call) {
        Bucket bucket = backend.bucket(call.path("Bucket"));
        return AwsResponse.empty(200).withHeader("x-amz-bucket-region", bucket.region());
    }

    AwsResponse deleteBucket(RestCall call) {
        backend.deleteBucket(call.path("Bucket"));
        return AwsResponse.empty(204);
    }

    AwsResponse getBucketLocation(RestCall call) {
        return S3Xml.ok(S3Xml.location(backend.bucket(call.path("Bucket")).region()));
    }

    /** Versioning is never enabled here: the empty configuration is S3's answer for a bucket never versioned. */
    AwsResponse getBucketVersioning(RestCall call) {
        backend.bucket(call.path("Bucket"));
        return S3Xml.ok(Xml.document(true, xml -> xml.start("VersioningConfiguration", S3Xml.NAMESPACE).end()));
    }

    /** ListObjects (v1: marker) and ListObjectsV2 (continuation-token, start-after). */
    AwsResponse listObjects(RestCall call, boolean v2) {
        String bucket = call.path("Bucket");
        String encodingType = call.query("encoding-type");
        if (encodingType != null && !encodingType.equals("url")) {
            throw S3Exception.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type",
                    encodingType);
        }
        int maxKeys = maxKeys(call.query("max-keys"));
        Map<String, String> echoed = new LinkedHashMap<>();
        String after;
        if (v2) {
            String token = call.query("continuation-token");
            String startAfter = call.query("start-after");
            after = token != null ? decodeToken(token) : startAfter;
            echoed.put("ContinuationToken", token);
            echoed.put("StartAfter", startAfter);
        } else {
            after = call.query("marker");
            echoed.put("Marker", after == null ? "" : after);
        }
        ListQuery query = new ListQuery(call.query("prefix"), call.query("delimiter"), after, maxKeys);
        ListQuery.Page page = backend.listObjects(bucket, query);
        if (page.truncated()) {
            if (v2) {
                echoed.put("NextContinuationToken", Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(page.nextAfter().getBytes(StandardCharsets.UTF_8)));
            } else if (query.delimiter() != null) {
                // S3 sends NextMarker in v1 only when a delimiter is given; otherwise clients use the last key.
                echoed.put("NextMarker", page.nextAfter());
            }
        }
        String owner = backend.bucket(bucket).owner();
        return S3Xml.ok(S3Xml.listObjects(v2, bucket, query, page, echoed, encodingType, owner));
    }

    AwsResponse putBucketNotificationConfiguration(RestCall call) {
        NotificationConfiguration configuration = S3Xml.parseNotifications(
                AwsChunked.decode(call.request()).data(), () -> UUID.randomUUID().toString());
        backend.putBucketNotificationConfiguration(call.path("Bucket"), configuration,
                !"true".equalsIgnoreCase(call.header("x-amz-skip-destination-validation")), call.request().requestId());
        return AwsResponse.empty(200);
    }

    AwsResponse getBucketNotificationConfiguration(RestCall call) {
        return S3Xml.ok(S3Xml.notifications(backend.bucket(call.path("Bucket")).notifications()));
    }

    private static int maxKeys(String value) {
        if (value == null) {
            return MAX_KEYS;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0) {
                throw new NumberFormatException(value);
            }
            return Math.min(parsed, MAX_KEYS);
        } catch (NumberFormatException e) {
            throw S3Exception.invalidArgument("Provided max-keys not an integer or within integer range",
                    "max-keys", value);
        }
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Exception.invalidArgument("The continuation token provided is incorrect", "continuation-token",
                    token);
        }
    }
}

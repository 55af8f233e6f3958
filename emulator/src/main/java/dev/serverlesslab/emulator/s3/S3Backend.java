package dev.serverlesslab.emulator.s3;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.Targets;
import dev.serverlesslab.emulator.http.StreamedBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * S3's buckets and objects and their rules, without HTTP. Bucket names are one namespace across accounts and regions,
 * as on AWS; each bucket belongs to the account and region that created it. Bodies are kept on disk by the
 * {@link ObjectStore}; object events go to the {@link Notifications}.
 */
public final class S3Backend {

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    static final String US_EAST_1 = "us-east-1";

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ObjectStore store;
    private final Clock clock;
    private final Notifications notifications;
    private final Multipart multipart;

    /**
     * @param directory where object bodies are kept (made on the first upload)
     * @param clock the emulator's clock, for timestamps and presigned URL expiry
     * @param targets where notifications are delivered
     * @param functions whether a function's policy lets S3 invoke it, checked when a notification names it
     */
    public S3Backend(Path directory, Clock clock, Targets targets, FunctionPolicy functions) {
        this(new ObjectStore(directory), clock, new Notifications(targets, functions, clock));
    }

    S3Backend(ObjectStore store, Clock clock, Notifications notifications) {
        this.store = store;
        this.clock = clock;
        this.notifications = notifications;
        this.multipart = new Multipart(this, store, clock);
    }

    Clock clock() {
        return clock;
    }

    /** The multipart upload operations. */
    Multipart multipart() {
        return multipart;
    }

    Notifications notifications() {
        return notifications;
    }

    ObjectStore store() {
        return store;
    }

    /**
     * Creates a bucket in the request's region. As S3: outside us-east-1 the LocationConstraint must name that region,
     * in us-east-1 it must be absent or us-east-1; a name taken by another account is BucketAlreadyExists, one the
     * caller already owns is BucketAlreadyOwnedByYou (except in us-east-1, where S3 answers success again).
     */
    Bucket createBucket(AccountRegion scope, String name, String locationConstraint) {
        if (!BUCKET_NAME.matcher(name).matches() || name.contains("..") || IP_ADDRESS.matcher(name).matches()) {
            throw new S3Exception("InvalidBucketName", "The specified bucket is not valid: bucket names are 3 to 63 "
                    + "lower-case letters, digits, dots and hyphens, beginning and ending with a letter or digit",
                    400, Map.of("BucketName", name));
        }
        String region = scope.region();
        if (locationConstraint == null || locationConstraint.isEmpty()) {
            if (!US_EAST_1.equals(region)) {
                throw new S3Exception("IllegalLocationConstraintException", "The unspecified location constraint is "
                        + "incompatible for the region specific endpoint this request was sent to.", 400, Map.of());
            }
        } else if (!locationConstraint.equals(region)) {
            throw new S3Exception("IllegalLocationConstraintException", "The " + locationConstraint
                    + " location constraint is incompatible for the region specific endpoint this request was sent "
                    + "to (" + region + ").", 400, Map.of());
        }
        Bucket created = new Bucket(name, scope.accountId(), region, clock.instant());
        Bucket existing = buckets.putIfAbsent(name, created);
        if (existing == null) {
            return created;
        }
        if (!existing.owner().equals(scope.accountId())) {
            throw new S3Exception("BucketAlreadyExists", "The requested bucket name is not available. The bucket "
                    + "namespace is shared by all users of the system. Please select a different name and try again.",
                    409, Map.of("BucketName", name));
        }
        if (US_EAST_1.equals(region) && US_EAST_1.equals(existing.region())) {
            return existing;
        }
        throw new S3Exception("BucketAlreadyOwnedByYou", "Your previous request to create the named bucket "
                + "succeeded and you already own it.", 409, Map.of("BucketName", name));
    }

    /** Deletes an empty bucket; one holding objects or unfinished uploads is BucketNotEmpty (409). */
    void deleteBucket(String name) {
        Bucket bucket = bucket(name);
        synchronized (bucket) {
            if (!bucket.objects.isEmpty() || !bucket.uploads.isEmpty()) {
                throw new S3Exception("BucketNotEmpty", "The bucket you tried to delete is not empty", 409,
                        Map.of("BucketName", name));
            }
            buckets.remove(name, bucket);
        }
    }

    /** The caller's buckets (in every region, as S3's ListBuckets), by name. */
    List<Bucket> listBuckets(AccountRegion scope) {
        return buckets.values().stream().filter(bucket -> bucket.owner().equals(scope.accountId()))
                .sorted(Comparator.comparing(Bucket::name)).toList();
    }

    /** The bucket, or NoSuchBucket. */
    Bucket bucket(String name) {
        Bucket bucket = buckets.get(name);
        if (bucket == null) {
            throw S3Exception.noSuchBucket(name);
        }
        return bucket;
    }

    /** Stores an object, replacing any under the key, and announces {@code ObjectCreated:Put}. */
    S3Object putObject(String bucketName, String key, PutRequest request, EventSource source) {
        Bucket bucket = bucket(bucketName);
        PutRequest.Stored stored = request.storeIn(store);
        ObjectStore.Blob blob = stored.blob();
        S3Object object = new S3Object(key, blob.id(), blob.size(), blob.md5Hex(), clock.instant(),
                request.headers(), request.metadata(), stored.checksums());
        replace(bucket, object);
        notifications.objectCreated(bucket, "ObjectCreated:Put", object, source);
        return object;
    }

    /** The object's metadata, or NoSuchKey. */
    S3Object headObject(String bucketName, String key) {
        S3Object object = bucket(bucketName).objects.get(key);
        if (object == null) {
            throw S3Exception.noSuchKey(key);
        }
        return object;
    }

    /**
     * A whole object's body, for another service that reads it as the caller would (Lambda fetching a deployment
     * package): a bucket of another account is AccessDenied, one of another region PermanentRedirect, a version id
     * other than {@code null} InvalidArgument (buckets here are never versioned), as S3's GetObject answers them.
     */
    public byte[] readObject(AccountRegion caller, String bucketName, String key, String versionId) {
        Bucket bucket = bucket(bucketName);
        if (!bucket.owner().equals(caller.accountId())) {
            throw new S3Exception("AccessDenied", "Access Denied", 403, Map.of());
        }
        if (!bucket.region().equals(caller.region())) {
            throw new S3Exception("PermanentRedirect", "The bucket is in this region: " + bucket.region()
                    + ". Please use this region to retry the request", 301, Map.of("BucketName", bucketName));
        }
        if (versionId != null && !"null".equals(versionId)) {
            throw new S3Exception("InvalidArgument", "Invalid version id specified", 400,
                    Map.of("ArgumentName", "versionId", "ArgumentValue", versionId));
        }
        S3Object object = headObject(bucketName, key);
        try (StreamedBody body = read(object, 0, object.size());
                ByteArrayOutputStream out = new ByteArrayOutputStream((int) object.size())) {
            body.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read s3://" + bucketName + "/" + key, e);
        }
    }

    /** Bytes of a stored object's body, as a stream for the edge to send. */
    StreamedBody read(S3Object object, long offset, long length) {
        return store.read(object.blobId(), offset, length);
    }

    /**
     * Deletes an object; deleting a key that does not exist succeeds, as on an unversioned bucket. Announces
     * {@code ObjectRemoved:Delete} either way, as S3 does.
     */
    void deleteObject(String bucketName, String key, EventSource source) {
        Bucket bucket = bucket(bucketName);
        S3Object removed = bucket.objects.remove(key);
        if (removed != null) {
            store.delete(removed.blobId());
        }
        notifications.objectRemoved(bucket, key, source);
    }

    /**
     * Copies an object; {@code replaceMetadata} (x-amz-metadata-directive REPLACE) takes the new headers and metadata,
     * otherwise the source's are kept. Copying an object onto itself without replacing metadata is refused as S3
     * refuses it. Announces {@code ObjectCreated:Copy}.
     */
    S3Object copyObject(String sourceBucket, String sourceKey, String bucketName, String key,
            boolean replaceMetadata, Map<String, String> headers, Map<String, String> metadata, EventSource source) {
        S3Object from = headObject(sourceBucket, sourceKey);
        Bucket bucket = bucket(bucketName);
        if (sourceBucket.equals(bucketName) && sourceKey.equals(key) && !replaceMetadata) {
            throw S3Exception.invalidRequest("This copy request is illegal because it is trying to copy an object to "
                    + "itself without changing the object's metadata, storage class, website redirect location or "
                    + "encryption attributes.");
        }
        String blobId = store.copy(from.blobId());
        S3Object copy = new S3Object(key, blobId, from.size(), from.etag(), clock.instant(),
                replaceMetadata ? headers : from.headers(), replaceMetadata ? metadata : from.metadata(),
                from.checksums());
        replace(bucket, copy);
        notifications.objectCreated(bucket, "ObjectCreated:Copy", copy, source);
        return copy;
    }

    /**
     * Replaces the bucket's notification configuration after checking every destination as S3 does (see
     * {@link Notifications#validate}); {@code validateDestinations} false is {@code x-amz-skip-destination-validation}.
     */
    void putBucketNotificationConfiguration(String bucketName, NotificationConfiguration configuration,
            boolean validateDestinations, String requestId) {
        Bucket bucket = bucket(bucketName);
        if (validateDestinations) {
            notifications.validate(bucket, configuration, requestId);
        }
        bucket.notifications(configuration);
    }

    /** One page of keys under a prefix, with keys sharing a prefix up to the delimiter rolled up, as S3 lists. */
    ListQuery.Page listObjects(String bucketName, ListQuery query) {
        Bucket bucket = bucket(bucketName);
        // Keys are sorted, so the page starts at the prefix or after the marker, whichever is later.
        Map<String, S3Object> candidates = query.after() == null || query.after().compareTo(query.prefix()) < 0
                ? bucket.objects.tailMap(query.prefix(), true)
                : bucket.objects.tailMap(query.after(), false);
        List<S3Object> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        boolean truncated = false;
        for (S3Object object : candidates.values()) {
            String key = object.key();
            if (!key.startsWith(query.prefix())) {
                break;
            }
            String rolledUp = rollUp(key, query);
            if (rolledUp != null && (rolledUp.equals(last) || rolledUp.equals(query.after()))) {
                continue;
            }
            if (objects.size() + prefixes.size() >= query.maxKeys()) {
                truncated = true;
                break;
            }
            if (rolledUp != null) {
                prefixes.add(rolledUp);
                last = rolledUp;
            } else {
                objects.add(object);
                last = key;
            }
        }
        return new ListQuery.Page(objects, prefixes, truncated, truncated ? last : null);
    }

    /** The common prefix a key is rolled up into, or null when it is listed itself. */
    private static String rollUp(String key, ListQuery query) {
        if (query.delimiter() == null) {
            return null;
        }
        int at = key.indexOf(query.delimiter(), query.prefix().length());
        return at < 0 ? null : key.substring(0, at + query.delimiter().length());
    }

    /** Puts an object under its key and deletes the body it replaces. */
    void replace(Bucket bucket, S3Object object) {
        S3Object previous = bucket.objects.put(object.key(), object);
        if (previous != null && !previous.blobId().equals(object.blobId())) {
            store.delete(previous.blobId());
        }
    }
}

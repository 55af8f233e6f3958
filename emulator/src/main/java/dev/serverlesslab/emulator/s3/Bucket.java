package dev.serverlesslab.emulator.s3;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One bucket: its owner and region, its objects in key order (S3 lists keys in UTF-8 binary order, which Java's
 * string order matches for the keys people use), its multipart uploads in progress and its notification
 * configuration.
 */
final class Bucket {

    private final String name;
    private final String owner;
    private final String region;
    private final Instant created;
    final ConcurrentSkipListMap<String, S3Object> objects = new ConcurrentSkipListMap<>();
    final Map<String, MultipartUpload> uploads = new ConcurrentHashMap<>();
    private volatile NotificationConfiguration notifications = NotificationConfiguration.EMPTY;

    Bucket(String name, String owner, String region, Instant created) {
        this.name = name;
        this.owner = owner;
        this.region = region;
        this.created = created;
    }

    String name() {
        return name;
    }

    /** The account that created the bucket. */
    String owner() {
        return owner;
    }

    String region() {
        return region;
    }

    Instant created() {
        return created;
    }

    /** The bucket's ARN as S3 notifications name the source: {@code arn:aws:s3:::name}, without region or account. */
    String arn() {
        return "arn:aws:s3:::" + name;
    }

    NotificationConfiguration notifications() {
        return notifications;
    }

    void notifications(NotificationConfiguration configuration) {
        this.notifications = configuration;
    }
}

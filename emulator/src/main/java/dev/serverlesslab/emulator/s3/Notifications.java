package dev.serverlesslab.emulator.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.Arns;
import dev.serverlesslab.emulator.core.Targets;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3 event notifications: checks a bucket's notification configuration as S3 does when it is put (every destination
 * must be deliverable, a function's policy must let {@code s3.amazonaws.com} invoke it for the bucket, queues and
 * topics get an {@code s3:TestEvent}), and sends each object event to the matching destinations through
 * {@link Targets} in AWS's event shape (event version 2.1). Deliveries are asynchronous on AWS: a failed one is
 * logged, never an error of the request that caused it.
 */
final class Notifications {

    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    static final String PRINCIPAL = "s3.amazonaws.com";
    /** The event types S3 accepts in a configuration. */
    static final List<String> EVENTS = List.of("s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post",
            "s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload", "s3:ObjectRemoved:*",
            "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated");
    private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private final Targets targets;
    private final FunctionPolicy functions;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong sequencer;

    Notifications(Targets targets, FunctionPolicy functions, Clock clock) {
        this.targets = targets;
        this.functions = functions;
        this.clock = clock;
        this.sequencer = new AtomicLong(clock.millis() * 1000);
    }

    /**
     * Validates a configuration before it replaces the bucket's: unknown events are InvalidArgument, destinations
     * that cannot be delivered to are InvalidArgument "Unable to validate the following destination configurations"
     * naming each with the reason.
     */
    void validate(Bucket bucket, NotificationConfiguration configuration, String requestId) {
        Map<String, String> refused = new LinkedHashMap<>();
        for (NotificationConfiguration.Destination destination : configuration.destinations()) {
            for (String event : destination.events()) {
                if (!EVENTS.contains(event)) {
                    throw S3Exception.invalidArgument("The event is not supported for notifications (this "
                            + "emulator sends " + String.join(", ", EVENTS) + ")", "Event", event);
                }
            }
            String problem = problem(bucket, destination, requestId);
            if (problem != null) {
                refused.put(destination.arn(), problem);
            }
        }
        if (!refused.isEmpty()) {
            Map<String, String> details = new LinkedHashMap<>();
            int n = 1;
            for (Map.Entry<String, String> entry : refused.entrySet()) {
                details.put("ArgumentName" + n, entry.getKey());
                details.put("ArgumentValue" + n, entry.getValue());
                n++;
            }
            throw new S3Exception("InvalidArgument", "Unable to validate the following destination configurations",
                    400, details);
        }
    }

    private String problem(Bucket bucket, NotificationConfiguration.Destination destination, String requestId) {
        String expected = switch (destination.kind()) {
            case LAMBDA -> "lambda";
            case QUEUE -> "sqs";
            case TOPIC -> "sns";
        };
        String service = Arns.service(destination.arn()).orElse(null);
        if (!expected.equals(service)) {
            return "The destination ARN is not a " + expected + " ARN";
        }
        if (!targets.serves(service)) {
            return "Serverless Lab's emulator does not serve " + service + " as a destination";
        }
        if (destination.kind() == NotificationConfiguration.Kind.LAMBDA) {
            boolean allowed;
            try {
                allowed = functions.allows(destination.arn(), PRINCIPAL, bucket.arn(), bucket.owner());
            } catch (RuntimeException e) {
                return "Not authorized to invoke function [" + destination.arn() + "]: " + e.getMessage();
            }
            return allowed ? null : "Not authorized to invoke function [" + destination.arn() + "]";
        }
        try {
            targets.deliver(delivery(bucket, destination, testEvent(bucket, requestId)));
            return null;
        } catch (RuntimeException e) {
            return "Permissions on the destination " + (destination.kind() == NotificationConfiguration.Kind.QUEUE
                    ? "queue" : "topic") + " do not allow S3 to publish notifications from this bucket: "
                    + e.getMessage();
        }
    }

    /** Sends {@code ObjectCreated:<how>} for the object to every matching destination of the bucket. */
    void objectCreated(Bucket bucket, String eventName, S3Object object, EventSource source) {
        send(bucket, eventName, object.key(), object, source);
    }

    /** Sends {@code ObjectRemoved:Delete} for the key to every matching destination of the bucket. */
    void objectRemoved(Bucket bucket, String key, EventSource source) {
        send(bucket, "ObjectRemoved:Delete", key, null, source);
    }

    private void send(Bucket bucket, String eventName, String key, S3Object object, EventSource source) {
        String sequencer = S3Xml.sequencer(this.sequencer.incrementAndGet());
        for (NotificationConfiguration.Destination destination : bucket.notifications().destinations()) {
            if (!destination.matches(eventName, key)) {
                continue;
            }
            String body = event(bucket, destination, eventName, key, object, source, sequencer);
            try {
                targets.deliver(delivery(bucket, destination, body));
            } catch (RuntimeException e) {
                LOG.warn("S3 could not deliver {} of s3://{}/{} to {}: {}", eventName, bucket.name(), key,
                        destination.arn(), e.getMessage());
            }
        }
    }

    private static Targets.Delivery delivery(Bucket bucket, NotificationConfiguration.Destination destination,
            String body) {
        return Targets.Delivery.of(destination.arn(), body, PRINCIPAL, bucket.arn(), bucket.owner());
    }

    private String event(Bucket bucket, NotificationConfiguration.Destination destination, String eventName,
            String key, S3Object object, EventSource source, String sequencer) {
        Map<String, Object> s3Object = new LinkedHashMap<>();
        // S3 sends the key form-encoded: a space is '+', a '/' is kept.
        s3Object.put("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"));
        if (object != null) {
            s3Object.put("size", object.size());
            s3Object.put("eTag", object.etag());
        }
        s3Object.put("sequencer", sequencer);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", bucket.region());
        record.put("eventTime", EVENT_TIME.format(clock.instant()));
        record.put("eventName", eventName);
        record.put("userIdentity", Map.of("principalId", source.principalId()));
        record.put("requestParameters", Map.of("sourceIPAddress", source.sourceIp()));
        record.put("responseElements", Map.of("x-amz-request-id", source.requestId(), "x-amz-id-2",
                hostId(source.requestId())));
        record.put("s3", Map.of(
                "s3SchemaVersion", "1.0",
                "configurationId", destination.id(),
                "bucket", Map.of("name", bucket.name(), "ownerIdentity", Map.of("principalId", bucket.owner()),
                        "arn", bucket.arn()),
                "object", s3Object));
        return write(Map.of("Records", List.of(record)));
    }

    private String testEvent(Bucket bucket, String requestId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("Service", "Amazon S3");
        event.put("Event", "s3:TestEvent");
        event.put("Time", EVENT_TIME.format(clock.instant()));
        event.put("Bucket", bucket.name());
        event.put("RequestId", requestId);
        event.put("HostId", hostId(requestId));
        return write(event);
    }

    static String hostId(String requestId) {
        return UUID.nameUUIDFromBytes(requestId.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write an S3 event", e);
        }
    }
}

package dev.serverlesslab.emulator.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.core.Targets.MessageAttribute;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Publish and PublishBatch: validates a message as SNS does (size, subject, MessageStructure json, FIFO group and
 * deduplication ids), drops FIFO duplicates within the five-minute window, and hands the message to every confirmed
 * subscription whose filter policy it passes.
 */
public final class Publisher {

    /** What a caller publishes. */
    public record Request(String topicArn, String message, String subject, String messageStructure,
            Map<String, MessageAttribute> attributes, String groupId, String deduplicationId) {

        public Request {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }

    /** The answer to one publish: the message id, and the sequence number on FIFO topics. */
    public record Published(String messageId, String sequenceNumber) {
    }

    /** One PublishBatch entry. */
    public record Entry(String id, Request request) {
    }

    /** One PublishBatch entry's result: {@code published} or the error it failed with. */
    public record Outcome(String id, Published published, AwsException error) {
    }

    /** A FIFO message remembered for the deduplication window. */
    record Deduplicated(Published published, Instant until) {
    }

    // SNS's limits: 256 KiB per message (attributes included) and per batch, ten entries, subjects under 100.
    static final int MAX_BYTES = 262_144;
    private static final int MAX_BATCH = 10;
    private static final int MAX_SUBJECT = 100;
    private static final Duration DEDUPLICATION_WINDOW = Duration.ofMinutes(5);
    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmulatorClock clock;
    private final Deliveries deliveries;

    Publisher(EmulatorClock clock, Deliveries deliveries) {
        this.clock = clock;
        this.deliveries = deliveries;
    }

    Published publish(SnsBackend.State state, Request request) {
        Map<String, String> perProtocol = validate(request);
        List<Subscription> subscribers;
        Message message;
        Published published;
        Topic target;
        synchronized (state) {
            Topic topic = SnsBackend.topic(state, request.topicArn());
            String deduplicationId = fifoRules(topic, request);
            Instant now = clock.instant();
            state.deduplication.values().removeIf(seen -> seen.until().isBefore(now));
            String key = topic.arn() + "\n" + deduplicationId;
            if (deduplicationId != null && state.deduplication.containsKey(key)) {
                // SNS accepts a duplicate within the window and answers as for the first, but delivers nothing.
                return state.deduplication.get(key).published();
            }
            String sequence = topic.fifo() ? String.format("1%019d", ++state.sequence) : null;
            message = new Message(UUID.randomUUID().toString(), topic.arn(), request.subject(), perProtocol
                    .getOrDefault("default", request.message()), perProtocol, request.attributes(),
                    topic.fifo() ? request.groupId() : null, deduplicationId, sequence, now);
            published = new Published(message.messageId(), sequence);
            if (deduplicationId != null) {
                state.deduplication.put(key, new Deduplicated(published, now.plus(DEDUPLICATION_WINDOW)));
            }
            subscribers = state.subscriptions.values().stream()
                    .filter(subscription -> subscription.topicArn().equals(topic.arn()))
                    .filter(Subscription::confirmed)
                    .filter(subscription -> subscription.filter() == null || subscription.filter()
                            .matches(request.attributes(), message.bodyFor(subscription.protocol())))
                    .toList();
            if (topic.fifo()) {
                // In order: FIFO deliveries go out while no other publish to this region can interleave.
                subscribers.forEach(subscription -> deliveries.notify(topic, subscription, message));
                return published;
            }
            target = topic;
        }
        subscribers.forEach(subscription -> deliveries.notify(target, subscription, message));
        return published;
    }

    List<Outcome> publishBatch(SnsBackend.State state, String topicArn, List<Entry> entries) {
        if (entries.isEmpty()) {
            throw SnsErrors.batch("EmptyBatchRequest", "The batch request doesn't contain any entries");
        }
        if (entries.size() > MAX_BATCH) {
            throw SnsErrors.batch("TooManyEntriesInBatchRequest", "The batch request contains more entries than "
                    + "permissible (" + MAX_BATCH + ")");
        }
        Set<String> ids = new HashSet<>();
        long bytes = 0;
        for (Entry entry : entries) {
            if (entry.id() == null || !BATCH_ID.matcher(entry.id()).matches()) {
                throw SnsErrors.batch("InvalidBatchEntryId", "The Id of a batch entry in a batch request doesn't "
                        + "abide by the specification (1 to 80 letters, digits, hyphens and underscores): "
                        + entry.id());
            }
            if (!ids.add(entry.id())) {
                throw SnsErrors.batch("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have "
                        + "the same Id: " + entry.id());
            }
            bytes += size(entry.request());
        }
        if (bytes > MAX_BYTES) {
            throw SnsErrors.batch("BatchRequestTooLong", "The length of all the batch messages put together is "
                    + "more than the limit (" + MAX_BYTES + " bytes)");
        }
        synchronized (state) {
            SnsBackend.topic(state, topicArn);
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Entry entry : entries) {
            try {
                outcomes.add(new Outcome(entry.id(), publish(state, entry.request()), null));
            } catch (AwsException e) {
                if ("NotFound".equals(e.code())) {
                    throw e;
                }
                outcomes.add(new Outcome(entry.id(), null, e));
            }
        }
        return outcomes;
    }

    /** Checks the message; with MessageStructure json, returns the message per protocol (with "default"). */
    private static Map<String, String> validate(Request request) {
        if (request.message() == null || request.message().isEmpty()) {
            throw SnsErrors.invalidParameter("Empty message");
        }
        if (size(request) > MAX_BYTES) {
            throw SnsErrors.invalidParameter("Message too long: at most " + MAX_BYTES + " bytes with attributes");
        }
        String subject = request.subject();
        if (subject != null && (subject.isEmpty() || subject.length() >= MAX_SUBJECT
                || subject.chars().anyMatch(c -> c < 0x20 || c > 0x7e))) {
            throw SnsErrors.invalidParameter("Subject: must be ASCII text without line breaks or control characters"
                    + " and shorter than " + MAX_SUBJECT + " characters");
        }
        if (request.messageStructure() == null) {
            return Map.of();
        }
        if (!"json".equals(request.messageStructure())) {
            throw SnsErrors.invalidParameter("MessageStructure: the only valid value is json");
        }
        JsonNode structure;
        try {
            structure = JSON.readTree(request.message());
        } catch (JsonProcessingException e) {
            throw SnsErrors.invalidParameter("Message Structure - JSON message body failed to parse");
        }
        if (structure == null || !structure.isObject() || !structure.path("default").isTextual()) {
            throw SnsErrors.invalidParameter("Message Structure - No default entry in JSON message body");
        }
        Map<String, String> perProtocol = new LinkedHashMap<>();
        // Keys with non-string values are ignored, as SNS ignores them.
        structure.fields().forEachRemaining(field -> {
            if (field.getValue().isTextual()) {
                perProtocol.put(field.getKey(), field.getValue().asText());
            }
        });
        return perProtocol;
    }

    /** The deduplication id a FIFO message is known by (null on standard topics), or the error SNS answers. */
    private static String fifoRules(Topic topic, Request request) {
        if (!topic.fifo()) {
            if (request.groupId() != null || request.deduplicationId() != null) {
                throw SnsErrors.invalidParameter((request.groupId() != null ? "MessageGroupId" : "MessageDeduplicationId")
                        + " Reason: The request includes a parameter that is not valid for this topic type: "
                        + "it applies only to FIFO topics");
            }
            return null;
        }
        if (request.groupId() == null || request.groupId().isEmpty()) {
            throw SnsErrors.invalidParameter("The MessageGroupId parameter is required for FIFO topics");
        }
        if (request.deduplicationId() != null) {
            return request.deduplicationId();
        }
        if (!topic.contentBasedDeduplication()) {
            throw SnsErrors.invalidParameter("The topic should either have ContentBasedDeduplication enabled or "
                    + "MessageDeduplicationId provided explicitly");
        }
        return sha256(request.message());
    }

    private static long size(Request request) {
        long bytes = request.message() == null ? 0 : request.message().getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, MessageAttribute> attribute : request.attributes().entrySet()) {
            MessageAttribute value = attribute.getValue();
            bytes += attribute.getKey().length() + value.dataType().length()
                    + (value.stringValue() != null ? value.stringValue().getBytes(StandardCharsets.UTF_8).length : 0)
                    + (value.binaryValue() != null ? value.binaryValue().length : 0);
        }
        return bytes;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}

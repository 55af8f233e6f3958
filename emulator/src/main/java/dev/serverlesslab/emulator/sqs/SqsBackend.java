package dev.serverlesslab.emulator.sqs;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.Arns;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.core.Targets.MessageAttribute;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * SQS's state and rules, per account and region: queues, their attributes and tags, and the messages in them. It
 * knows queues by name; the handlers translate queue URLs. Time is the emulator's clock: advancing it makes delayed
 * and in-flight messages visible and wakes long polls. No thread of its own: long polls wait on the caller's thread.
 */
public final class SqsBackend {

    /** Long polls look again at least this often, so messages whose delay or visibility ran out are seen. */
    private static final long POLL_MILLIS = 200;
    /** At most 10 message attributes per message. */
    private static final int MAX_ATTRIBUTES = 10;

    private final EmulatorClock clock;
    private final ConcurrentMap<AccountRegion, ConcurrentMap<String, SqsQueue>> queues = new ConcurrentHashMap<>();

    public SqsBackend(EmulatorClock clock) {
        this.clock = clock;
        clock.onAdvance(() -> queues.values().forEach(region -> region.values().forEach(SqsQueue::wake)));
    }

    /** Creates the queue, or returns the one of that name when every attribute given matches it (AWS is idempotent). */
    SqsQueue createQueue(AccountRegion scope, String name, Map<String, String> attributes, Map<String, String> tags) {
        boolean fifo = name != null && name.endsWith(".fifo");
        checkName(name, fifo);
        if (Boolean.parseBoolean(attributes.getOrDefault("FifoQueue", "false")) != fifo) {
            throw SqsErrors.invalidParameter(fifo
                    ? "The name of a FIFO queue ends in .fifo and its FifoQueue attribute must be true."
                    : "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, "
                            + "must end with .fifo suffix and be 1 to 80 in length.");
        }
        QueueAttributes requested = QueueAttributes.defaults(fifo).with(attributes, true);
        checkRedrive(scope, requested);
        SqsQueue created = new SqsQueue(scope, name, requested, tags, clock.instant());
        SqsQueue existing = region(scope).putIfAbsent(name, created);
        if (existing == null) {
            return created;
        }
        Map<String, String> current = existing.attributes().asMap();
        Map<String, String> wanted = requested.asMap();
        for (String attribute : attributes.keySet()) {
            if (!String.valueOf(wanted.get(attribute)).equals(String.valueOf(current.get(attribute)))) {
                throw new AwsException("QueueNameExists", "A queue already exists "
                        + "with the same name and a different value for attribute " + attribute, 400);
            }
        }
        return existing;
    }

    /** The queue of that name in the account and region. */
    SqsQueue queue(AccountRegion scope, String name) {
        SqsQueue queue = region(scope).get(name == null ? "" : name);
        if (queue == null) {
            throw SqsErrors.noQueue();
        }
        return queue;
    }

    /** The queue an ARN names ({@code arn:aws:sqs:REGION:ACCOUNT:NAME}), if it exists. */
    Optional<SqsQueue> queueByArn(String arn) {
        if (!Arns.service(arn).map("sqs"::equals).orElse(false)) {
            return Optional.empty();
        }
        return Optional.ofNullable(region(Arns.scope(arn)).get(Arns.resource(arn)));
    }

    List<SqsQueue> listQueues(AccountRegion scope, String prefix) {
        return region(scope).values().stream()
                .filter(queue -> prefix == null || queue.name.startsWith(prefix))
                .sorted(Comparator.comparing(queue -> queue.name))
                .toList();
    }

    void deleteQueue(AccountRegion scope, String name) {
        SqsQueue queue = region(scope).remove(name);
        if (queue == null) {
            throw SqsErrors.noQueue();
        }
        queue.markDeleted();
    }

    /** The attributes asked for ({@code All} for every one); unknown names are refused. */
    Map<String, String> getAttributes(SqsQueue queue, List<String> names) {
        Map<String, String> all = new LinkedHashMap<>(queue.attributes().asMap());
        all.putAll(queue.counts(clock.instant()));
        all.put("QueueArn", queue.arn);
        all.put("CreatedTimestamp", Long.toString(queue.createdAt.getEpochSecond()));
        all.put("LastModifiedTimestamp", Long.toString(queue.lastModifiedAt().getEpochSecond()));
        Map<String, String> answer = new LinkedHashMap<>();
        for (String name : names) {
            if ("All".equals(name)) {
                return all;
            }
            if (!all.containsKey(name) && !KNOWN.contains(name)) {
                throw SqsErrors.invalidAttributeName(name);
            }
            if (all.containsKey(name)) {
                answer.put(name, all.get(name));
            }
        }
        return answer;
    }

    /** Attribute names AWS knows that a queue may not have a value for (FIFO-only, unset policies). */
    private static final List<String> KNOWN = List.of("Policy", "RedrivePolicy", "RedriveAllowPolicy", "FifoQueue",
            "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit", "KmsMasterKeyId",
            "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled");

    void setAttributes(SqsQueue queue, Map<String, String> attributes) {
        QueueAttributes changed = queue.attributes().with(attributes, false);
        checkRedrive(queue.scope, changed);
        queue.setAttributes(changed, clock.instant());
    }

    SentMessage send(SqsQueue queue, SendRequest request) {
        QueueAttributes attributes = queue.attributes();
        if (request.body() == null || request.body().isEmpty()) {
            throw SqsErrors.missingParameter("MessageBody");
        }
        checkContents(request.body());
        checkAttributes(request.attributes());
        int size = request.body().getBytes(StandardCharsets.UTF_8).length + attributesSize(request.attributes());
        if (size > attributes.maximumMessageSize()) {
            throw SqsErrors.invalidParameter("One or more parameters are invalid. Reason: Message must be shorter "
                    + "than " + attributes.maximumMessageSize() + " bytes.");
        }
        if (request.delaySeconds() != null && (request.delaySeconds() < 0 || request.delaySeconds() > 900)) {
            throw SqsErrors.invalidParameter("Value " + request.delaySeconds() + " for parameter DelaySeconds is "
                    + "invalid. Reason: must be between 0 and 900, if provided.");
        }
        SendRequest accepted = request;
        if (attributes.fifo()) {
            if (request.groupId() == null || request.groupId().isEmpty()) {
                throw SqsErrors.missingParameter("MessageGroupId");
            }
            if (request.delaySeconds() != null) {
                throw SqsErrors.invalidParameter("Value " + request.delaySeconds() + " for parameter DelaySeconds "
                        + "is invalid. Reason: The request include parameter that is not valid for this queue "
                        + "type.");
            }
            String dedup = request.deduplicationId();
            if (dedup == null) {
                if (!attributes.contentBasedDeduplication()) {
                    throw SqsErrors.invalidParameter("The queue should either have ContentBasedDeduplication "
                            + "enabled or MessageDeduplicationId provided explicitly");
                }
                dedup = sha256(request.body());
            }
            accepted = new SendRequest(request.body(), null, request.attributes(), request.traceHeader(),
                    request.groupId(), dedup, request.senderId());
        } else if (request.deduplicationId() != null) {
            throw SqsErrors.invalidParameter("Value " + request.deduplicationId() + " for parameter "
                    + "MessageDeduplicationId is invalid. Reason: The request include parameter that is not valid "
                    + "for this queue type.");
        }
        String md5OfSystem = request.traceHeader() == null ? null : MessageMd5.ofAttributes(
                Map.of("AWSTraceHeader", MessageAttribute.string(request.traceHeader())));
        return queue.send(accepted, md5OfSystem, clock.instant());
    }

    /**
     * Receives up to {@code max} messages; with {@code waitSeconds} above 0, waits that long (on the emulator's
     * clock) for the first one to arrive, returning as soon as one does.
     *
     * @param visibilitySeconds null: the queue's VisibilityTimeout
     * @param waitSeconds null: the queue's ReceiveMessageWaitTimeSeconds
     */
    List<ReceivedMessage> receive(SqsQueue queue, int max, Integer visibilitySeconds, Integer waitSeconds) {
        if (max < 1 || max > 10) {
            throw SqsErrors.invalidParameter("Value " + max + " for parameter MaxNumberOfMessages is invalid. "
                    + "Reason: Must be between 1 and 10, if provided.");
        }
        if (visibilitySeconds != null && (visibilitySeconds < 0 || visibilitySeconds > 43_200)) {
            throw SqsErrors.invalidParameter("Value " + visibilitySeconds + " for parameter VisibilityTimeout is "
                    + "invalid. Reason: Must be between 0 and 43200, if provided.");
        }
        if (waitSeconds != null && (waitSeconds < 0 || waitSeconds > 20)) {
            throw SqsErrors.invalidParameter("Value " + waitSeconds + " for parameter WaitTimeSeconds is invalid. "
                    + "Reason: Must be >= 0 and <= 20, if provided.");
        }
        QueueAttributes attributes = queue.attributes();
        int visibility = visibilitySeconds == null ? attributes.visibilityTimeout() : visibilitySeconds;
        int wait = waitSeconds == null ? attributes.receiveMessageWaitTimeSeconds() : waitSeconds;
        Instant deadline = clock.instant().plusSeconds(wait);
        try {
            while (true) {
                Optional<SqsQueue> deadLetterQueue = Optional.ofNullable(queue.attributes().redrivePolicy())
                        .flatMap(policy -> queueByArn(policy.deadLetterTargetArn()));
                SqsQueue.Receipt receipt = queue.receive(max, visibility, deadLetterQueue.isPresent(),
                        clock.instant());
                // Moved outside the source's lock: a dead-letter queue may itself redrive into the source.
                receipt.deadLetters().forEach(message -> deadLetterQueue.orElseThrow()
                        .acceptDeadLetter(message, queue.arn, clock.instant()));
                long remaining = Duration.between(clock.instant(), deadline).toMillis();
                if (!receipt.messages().isEmpty() || remaining <= 0) {
                    return receipt.messages();
                }
                queue.awaitChange(Math.min(remaining, POLL_MILLIS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    void deleteMessage(SqsQueue queue, String receiptHandle) {
        if (receiptHandle == null || receiptHandle.isEmpty()) {
            throw SqsErrors.missingParameter("ReceiptHandle");
        }
        queue.delete(receiptHandle);
    }

    void changeVisibility(SqsQueue queue, String receiptHandle, Integer seconds) {
        if (receiptHandle == null || receiptHandle.isEmpty()) {
            throw SqsErrors.missingParameter("ReceiptHandle");
        }
        if (seconds == null) {
            throw SqsErrors.missingParameter("VisibilityTimeout");
        }
        if (seconds < 0 || seconds > 43_200) {
            throw SqsErrors.invalidParameter("Value " + seconds + " for parameter VisibilityTimeout is invalid. "
                    + "Reason: Must be between 0 and 43200.");
        }
        queue.changeVisibility(receiptHandle, seconds, clock.instant());
    }

    void purge(SqsQueue queue) {
        queue.purge(clock.instant());
    }

    /** The queues whose redrive policy names this one as their dead-letter queue. */
    List<SqsQueue> deadLetterSources(SqsQueue queue) {
        return region(queue.scope).values().stream()
                .filter(source -> source.attributes().redrivePolicy() != null
                        && queue.arn.equals(source.attributes().redrivePolicy().deadLetterTargetArn()))
                .sorted(Comparator.comparing(source -> source.name))
                .toList();
    }

    private void checkRedrive(AccountRegion scope, QueueAttributes attributes) {
        RedrivePolicy policy = attributes.redrivePolicy();
        if (policy == null) {
            return;
        }
        SqsQueue target = queueByArn(policy.deadLetterTargetArn()).orElseThrow(() -> SqsErrors.invalidParameter(
                "Value " + policy.toJson() + " for parameter RedrivePolicy is invalid. Reason: Dead letter target "
                        + "does not exist."));
        if (target.attributes().fifo() != attributes.fifo()) {
            throw SqsErrors.invalidParameter("Value " + policy.toJson() + " for parameter RedrivePolicy is invalid. "
                    + "Reason: Dead-letter queue must be same type of queue as the source.");
        }
        if (!target.scope.equals(scope)) {
            throw SqsErrors.invalidParameter("Value " + policy.toJson() + " for parameter RedrivePolicy is invalid. "
                    + "Reason: Dead-letter queue must be in the same account and region as the source.");
        }
    }

    private static void checkName(String name, boolean fifo) {
        String base = name == null ? "" : fifo ? name.substring(0, name.length() - 5) : name;
        if (name == null || name.isEmpty()) {
            throw SqsErrors.missingParameter("QueueName");
        }
        if (name.length() > 80 || base.isEmpty() || !base.matches("[A-Za-z0-9_-]+")) {
            throw SqsErrors.invalidParameter("Can only include alphanumeric characters, hyphens, or underscores. "
                    + "1 to 80 in length");
        }
    }

    /** SQS takes only characters XML 1.0 can carry. */
    private static void checkContents(String body) {
        boolean valid = body.codePoints().allMatch(c -> c == 0x9 || c == 0xA || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF));
        if (!valid) {
            throw new AwsException("InvalidMessageContents", "Invalid characters "
                    + "found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | "
                    + "#x10000 to #x10FFFF", 400);
        }
    }

    private static void checkAttributes(Map<String, MessageAttribute> attributes) {
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw SqsErrors.invalidParameter("Number of message attributes [" + attributes.size() + "] exceeds the "
                    + "allowed maximum [" + MAX_ATTRIBUTES + "].");
        }
        attributes.forEach((name, attribute) -> {
            String type = attribute.dataType() == null ? "" : attribute.dataType();
            boolean binary = type.startsWith("Binary");
            if (!type.matches("(String|Number|Binary)(\\..+)?")) {
                throw SqsErrors.invalidParameter("The type of message (user) attribute '" + name + "' is invalid. "
                        + "You must use only the following supported type prefixes: Binary, Number, String.");
            }
            if (binary ? attribute.binaryValue() == null : attribute.stringValue() == null) {
                throw SqsErrors.invalidParameter("The message attribute '" + name + "' must contain non-empty "
                        + "message attribute value for message attribute type '" + type + "'.");
            }
            if (type.startsWith("Number")) {
                try {
                    new java.math.BigDecimal(attribute.stringValue().strip());
                } catch (NumberFormatException e) {
                    throw SqsErrors.invalidParameter("Can't cast the value of message (user) attribute '" + name
                            + "' to a number.");
                }
            }
        });
    }

    private static int attributesSize(Map<String, MessageAttribute> attributes) {
        int size = 0;
        for (Map.Entry<String, MessageAttribute> entry : attributes.entrySet()) {
            MessageAttribute attribute = entry.getValue();
            size += entry.getKey().length() + attribute.dataType().length() + (attribute.binaryValue() != null
                    ? attribute.binaryValue().length : attribute.stringValue().getBytes(StandardCharsets.UTF_8).length);
        }
        return size;
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    private ConcurrentMap<String, SqsQueue> region(AccountRegion scope) {
        return queues.computeIfAbsent(scope, key -> new ConcurrentHashMap<>());
    }
}

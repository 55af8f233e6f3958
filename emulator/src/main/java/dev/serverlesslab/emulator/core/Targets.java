package dev.serverlesslab.emulator.core;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How one emulated service hands a message to another by ARN, without knowing it: S3 notifications, SNS
 * subscriptions, EventBridge targets, Lambda destinations and dead-letter queues all deliver through here. Each
 * service that can receive registers itself under the service part of its ARNs ({@code sqs}, {@code sns},
 * {@code events}, {@code lambda}, {@code states}, {@code kinesis}); a sender asks {@link #serves} before accepting a
 * configuration, so nothing is accepted that could never be delivered.
 */
public final class Targets {

    /** A service that receives deliveries. */
    @FunctionalInterface
    public interface Target {

        /**
         * Delivers one message to the resource {@link Delivery#targetArn()} names. Throws {@link AwsException} when it
         * cannot (no such resource, refused by its policy); the sender decides whether that is retried or dropped, as
         * AWS does for that kind of delivery.
         */
        void deliver(Delivery delivery);

        /**
         * Delivers as {@link #deliver} does and answers what the receiving service called the message, for senders
         * that report it (Step Functions' {@code sqs:sendMessage} and {@code sns:publish} answer the
         * {@code MessageId}). Targets that give messages no id answer {@link Receipt#NONE}.
         */
        default Receipt send(Delivery delivery) {
            deliver(delivery);
            return Receipt.NONE;
        }

        /**
         * Whether the resource {@code arn} names exists now, for senders that check a configuration up front (a
         * function's dead-letter queue). Targets that cannot tell answer true; a delivery to a missing resource then
         * fails as {@link #deliver} says.
         */
        default boolean exists(String arn) {
            return true;
        }
    }

    /**
     * One message on its way.
     *
     * @param targetArn the receiving resource (queue, topic, bus, function, state machine, stream)
     * @param body the message: an event document for a function, bus or state machine; the message body for a queue or
     *     topic
     * @param attributes message attributes (SQS and SNS), empty when none
     * @param groupId {@code MessageGroupId} for FIFO queues and topics (and the partition key for Kinesis), or null
     * @param deduplicationId {@code MessageDeduplicationId} for FIFO, or null
     * @param subject the SNS subject, or null
     * @param principal the service principal that sends, e.g. {@code s3.amazonaws.com}, checked against the
     *     target's resource policy where AWS checks one
     * @param sourceArn the resource that sends (a bucket, topic, rule), for {@code aws:SourceArn} conditions
     * @param sourceAccount the account that owns the sender, for {@code aws:SourceAccount} conditions
     * @param delaySeconds how long a queue keeps the message invisible ({@code DelaySeconds}), or null for the
     *     queue's own delay
     */
    public record Delivery(String targetArn, String body, Map<String, MessageAttribute> attributes, String groupId,
            String deduplicationId, String subject, String principal, String sourceArn, String sourceAccount,
            Integer delaySeconds) {

        public Delivery {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }

        /** A delivery without a delay of its own. */
        public Delivery(String targetArn, String body, Map<String, MessageAttribute> attributes, String groupId,
                String deduplicationId, String subject, String principal, String sourceArn, String sourceAccount) {
            this(targetArn, body, attributes, groupId, deduplicationId, subject, principal, sourceArn, sourceAccount,
                    null);
        }

        /** A plain message from a service principal: no attributes, group, deduplication id or subject. */
        public static Delivery of(String targetArn, String body, String principal, String sourceArn,
                String sourceAccount) {
            return new Delivery(targetArn, body, Map.of(), null, null, null, principal, sourceArn, sourceAccount);
        }

        public Delivery withAttributes(Map<String, MessageAttribute> attributes) {
            return new Delivery(targetArn, body, attributes, groupId, deduplicationId, subject, principal, sourceArn,
                    sourceAccount, delaySeconds);
        }

        public Delivery withGroup(String groupId, String deduplicationId) {
            return new Delivery(targetArn, body, attributes, groupId, deduplicationId, subject, principal, sourceArn,
                    sourceAccount, delaySeconds);
        }

        public Delivery withSubject(String subject) {
            return new Delivery(targetArn, body, attributes, groupId, deduplicationId, subject, principal, sourceArn,
                    sourceAccount, delaySeconds);
        }

        public Delivery withDelay(Integer delaySeconds) {
            return new Delivery(targetArn, body, attributes, groupId, deduplicationId, subject, principal, sourceArn,
                    sourceAccount, delaySeconds);
        }

        /** The account and region the target lives in, read from its ARN. */
        public AccountRegion targetScope() {
            return Arns.scope(targetArn);
        }
    }

    /**
     * An SQS/SNS message attribute.
     *
     * @param dataType {@code String}, {@code Number}, {@code Binary} or one of those with a custom suffix
     * @param stringValue set for String and Number types
     * @param binaryValue set for Binary types
     */
    public record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {

        public static MessageAttribute string(String value) {
            return new MessageAttribute("String", value, null);
        }
    }

    /**
     * What a target called a delivered message.
     *
     * @param messageId the SQS or SNS {@code MessageId}, or null when the target gives none
     * @param sequenceNumber the FIFO {@code SequenceNumber}, or null
     */
    public record Receipt(String messageId, String sequenceNumber) {

        public static final Receipt NONE = new Receipt(null, null);
    }

    private final Map<String, Target> targets = new ConcurrentHashMap<>();

    /** Makes a service's resources reachable as targets; one registration per ARN service part. */
    public void register(String arnService, Target target) {
        if (targets.putIfAbsent(arnService, target) != null) {
            throw new IllegalStateException("A target for " + arnService + " is already registered");
        }
    }

    /** True when ARNs of this service (e.g. {@code sqs}) can be delivered to. */
    public boolean serves(String arnService) {
        return targets.containsKey(arnService);
    }

    /** True when a service here receives that kind of ARN and the resource it names exists. */
    public boolean exists(String arn) {
        return forArn(arn).map(target -> target.exists(arn)).orElse(false);
    }

    /** The registered target for an ARN's service, if any. */
    public Optional<Target> forArn(String arn) {
        return Arns.service(arn).map(targets::get);
    }

    /**
     * Delivers, or throws {@link AwsException} (code {@code InvalidParameterValue}) when no service here receives
     * that kind of ARN, or the target's own error.
     */
    public void deliver(Delivery delivery) {
        target(delivery).deliver(delivery);
    }

    /** As {@link #deliver}, answering what the target called the message ({@link Target#send}). */
    public Receipt send(Delivery delivery) {
        return target(delivery).send(delivery);
    }

    private Target target(Delivery delivery) {
        return forArn(delivery.targetArn()).orElseThrow(() -> new AwsException("InvalidParameterValue",
                "Serverless Lab's emulator cannot deliver to " + delivery.targetArn() + ": it serves "
                        + String.join(", ", targets.keySet().stream().sorted().toList()) + " as targets", 400));
    }
}

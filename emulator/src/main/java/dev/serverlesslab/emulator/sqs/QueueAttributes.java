package dev.serverlesslab.emulator.sqs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a queue's owner can set, with AWS's defaults and limits. Attributes the emulator would not honour are refused
 * by name ({@code KmsMasterKeyId}); {@code Policy} is kept and returned but not enforced (see emulator/README.md).
 *
 * @param redrivePolicy null when the queue has no dead-letter queue
 * @param policy the queue's access policy document, or null
 */
record QueueAttributes(
        int delaySeconds,
        int maximumMessageSize,
        int messageRetentionPeriod,
        int receiveMessageWaitTimeSeconds,
        int visibilityTimeout,
        RedrivePolicy redrivePolicy,
        String redriveAllowPolicy,
        String policy,
        boolean fifo,
        boolean contentBasedDeduplication,
        String deduplicationScope,
        String fifoThroughputLimit,
        boolean sqsManagedSse) {

    static QueueAttributes defaults(boolean fifo) {
        return new QueueAttributes(0, 262_144, 345_600, 0, 30, null, null, null, fifo, false,
                fifo ? "queue" : null, fifo ? "perQueue" : null, true);
    }

    /** These attributes with {@code changes} applied; {@code FifoQueue} may only be given when the queue is made. */
    QueueAttributes with(Map<String, String> changes, boolean creating) {
        QueueAttributes next = this;
        for (Map.Entry<String, String> change : changes.entrySet()) {
            next = next.with(change.getKey(), change.getValue(), creating);
        }
        return next;
    }

    private QueueAttributes with(String name, String value, boolean creating) {
        return switch (name) {
            case "DelaySeconds" -> new QueueAttributes(number(name, value, 0, 900), maximumMessageSize,
                    messageRetentionPeriod, receiveMessageWaitTimeSeconds, visibilityTimeout, redrivePolicy,
                    redriveAllowPolicy, policy, fifo, contentBasedDeduplication, deduplicationScope,
                    fifoThroughputLimit, sqsManagedSse);
            case "MaximumMessageSize" -> new QueueAttributes(delaySeconds, number(name, value, 1024, 1_048_576),
                    messageRetentionPeriod, receiveMessageWaitTimeSeconds, visibilityTimeout, redrivePolicy,
                    redriveAllowPolicy, policy, fifo, contentBasedDeduplication, deduplicationScope,
                    fifoThroughputLimit, sqsManagedSse);
            case "MessageRetentionPeriod" -> new QueueAttributes(delaySeconds, maximumMessageSize,
                    number(name, value, 60, 1_209_600), receiveMessageWaitTimeSeconds, visibilityTimeout,
                    redrivePolicy, redriveAllowPolicy, policy, fifo, contentBasedDeduplication, deduplicationScope,
                    fifoThroughputLimit, sqsManagedSse);
            case "ReceiveMessageWaitTimeSeconds" -> new QueueAttributes(delaySeconds, maximumMessageSize,
                    messageRetentionPeriod, number(name, value, 0, 20), visibilityTimeout, redrivePolicy,
                    redriveAllowPolicy, policy, fifo, contentBasedDeduplication, deduplicationScope,
                    fifoThroughputLimit, sqsManagedSse);
            case "VisibilityTimeout" -> new QueueAttributes(delaySeconds, maximumMessageSize, messageRetentionPeriod,
                    receiveMessageWaitTimeSeconds, number(name, value, 0, 43_200), redrivePolicy, redriveAllowPolicy,
                    policy, fifo, contentBasedDeduplication, deduplicationScope, fifoThroughputLimit, sqsManagedSse);
            case "RedrivePolicy" -> new QueueAttributes(delaySeconds, maximumMessageSize, messageRetentionPeriod,
                    receiveMessageWaitTimeSeconds, visibilityTimeout,
                    value.isEmpty() ? null : RedrivePolicy.parse(value), redriveAllowPolicy, policy, fifo,
                    contentBasedDeduplication, deduplicationScope, fifoThroughputLimit, sqsManagedSse);
            case "RedriveAllowPolicy" -> new QueueAttributes(delaySeconds, maximumMessageSize, messageRetentionPeriod,
                    receiveMessageWaitTimeSeconds, visibilityTimeout, redrivePolicy, redriveAllow(value), policy,
                    fifo, contentBasedDeduplication, deduplicationScope, fifoThroughputLimit, sqsManagedSse);
            case "Policy" -> new QueueAttributes(delaySeconds, maximumMessageSize, messageRetentionPeriod,
                    receiveMessageWaitTimeSeconds, visibilityTimeout, redrivePolicy, redriveAllowPolicy,
                    value.isEmpty() ? null : value, fifo, contentBasedDeduplication, deduplicationScope,
                    fifoThroughputLimit, sqsManagedSse);
            case "FifoQueue" -> {
                boolean requested = bool(name, value);
                if (!creating && requested != fifo) {
                    throw SqsErrors.invalidAttributeValue(name, "Modifying queue type is not supported.");
                }
                yield this;
            }
            case "ContentBasedDeduplication" -> new QueueAttributes(delaySeconds, maximumMessageSize,
                    messageRetentionPeriod, receiveMessageWaitTimeSeconds, visibilityTimeout, redrivePolicy,
                    redriveAllowPolicy, policy, fifo, fifoOnly(name, bool(name, value)), deduplicationScope,
                    fifoThroughputLimit, sqsManagedSse);
            case "DeduplicationScope" -> new QueueAttributes(delaySeconds, maximumMessageSize,
                    messageRetentionPeriod, receiveMessageWaitTimeSeconds, visibilityTimeout, redrivePolicy,
                    redriveAllowPolicy, policy, fifo, contentBasedDeduplication,
                    fifoOnly(name, oneOf(name, value, "queue", "messageGroup")), fifoThroughputLimit, sqsManagedSse);
            case "FifoThroughputLimit" -> new QueueAttributes(delaySeconds, maximumMessageSize,
                    messageRetentionPeriod, receiveMessageWaitTimeSeconds, visibilityTimeout, redrivePolicy,
                    redriveAllowPolicy, policy, fifo, contentBasedDeduplication, deduplicationScope,
                    fifoOnly(name, oneOf(name, value, "perQueue", "perMessageGroupId")), sqsManagedSse);
            case "SqsManagedSseEnabled" -> new QueueAttributes(delaySeconds, maximumMessageSize,
                    messageRetentionPeriod, receiveMessageWaitTimeSeconds, visibilityTimeout, redrivePolicy,
                    redriveAllowPolicy, policy, fifo, contentBasedDeduplication, deduplicationScope,
                    fifoThroughputLimit, bool(name, value));
            case "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds" -> throw SqsErrors.invalidAttributeValue(name,
                    "Serverless Lab's emulator does not encrypt queues with KMS keys; leave " + name
                            + " out (SqsManagedSseEnabled is accepted)");
            default -> throw SqsErrors.invalidAttributeName(name);
        };
    }

    /** Every attribute an owner sets, as GetQueueAttributes returns them. */
    Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("DelaySeconds", Integer.toString(delaySeconds));
        map.put("MaximumMessageSize", Integer.toString(maximumMessageSize));
        map.put("MessageRetentionPeriod", Integer.toString(messageRetentionPeriod));
        map.put("ReceiveMessageWaitTimeSeconds", Integer.toString(receiveMessageWaitTimeSeconds));
        map.put("VisibilityTimeout", Integer.toString(visibilityTimeout));
        if (redrivePolicy != null) {
            map.put("RedrivePolicy", redrivePolicy.toJson());
        }
        if (redriveAllowPolicy != null) {
            map.put("RedriveAllowPolicy", redriveAllowPolicy);
        }
        if (policy != null) {
            map.put("Policy", policy);
        }
        map.put("SqsManagedSseEnabled", Boolean.toString(sqsManagedSse));
        if (fifo) {
            map.put("FifoQueue", "true");
            map.put("ContentBasedDeduplication", Boolean.toString(contentBasedDeduplication));
            map.put("DeduplicationScope", deduplicationScope);
            map.put("FifoThroughputLimit", fifoThroughputLimit);
        }
        return map;
    }

    private <T> T fifoOnly(String name, T value) {
        if (!fifo) {
            throw SqsErrors.invalidAttributeName(name);
        }
        return value;
    }

    /** Only the policy that lets every queue use this one as its dead-letter queue: that is all the emulator does. */
    private static String redriveAllow(String value) {
        if (value.isEmpty() || value.replaceAll("\\s", "").equals("{\"redrivePermission\":\"allowAll\"}")) {
            return value.isEmpty() ? null : value;
        }
        throw SqsErrors.invalidAttributeValue("RedriveAllowPolicy", "Serverless Lab's emulator lets any queue use "
                + "this one as its dead-letter queue; only {\"redrivePermission\":\"allowAll\"} is accepted");
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Answered below.
        }
        throw SqsErrors.invalidAttributeValue(name, "Must be a whole number between " + min + " and " + max
                + ", not '" + value + "'.");
    }

    private static boolean bool(String name, String value) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw SqsErrors.invalidAttributeValue(name, "Must be true or false, not '" + value + "'.");
        }
        return Boolean.parseBoolean(value);
    }

    private static String oneOf(String name, String value, String first, String second) {
        if (!value.equals(first) && !value.equals(second)) {
            throw SqsErrors.invalidAttributeValue(name, "Must be " + first + " or " + second + ", not '" + value
                    + "'.");
        }
        return value;
    }
}

package dev.serverlesslab.emulator.sns;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which topic and subscription attributes the emulator honours, their valid values, and the effective attributes
 * Get*Attributes answers with. Attributes SNS has but the emulator would not act on (delivery policies, KMS
 * encryption, archive, delivery-status logging, redrive) are refused by name rather than stored and ignored.
 */
final class AttributeRules {

    static final List<String> TOPIC_SETTABLE = List.of("DisplayName", "Policy", "SignatureVersion",
            "ContentBasedDeduplication", "TracingConfig");
    static final List<String> SUBSCRIPTION_SETTABLE = List.of("RawMessageDelivery", "FilterPolicy",
            "FilterPolicyScope");
    private static final Set<String> TOPIC_KNOWN = Set.of("DeliveryPolicy", "KmsMasterKeyId", "ArchivePolicy",
            "DataProtectionPolicy", "FifoThroughputScope", "HTTPSuccessFeedbackRoleArn", "HTTPFailureFeedbackRoleArn",
            "HTTPSuccessFeedbackSampleRate", "LambdaSuccessFeedbackRoleArn", "LambdaFailureFeedbackRoleArn",
            "LambdaSuccessFeedbackSampleRate", "SQSSuccessFeedbackRoleArn", "SQSFailureFeedbackRoleArn",
            "SQSSuccessFeedbackSampleRate", "FirehoseSuccessFeedbackRoleArn", "FirehoseFailureFeedbackRoleArn",
            "FirehoseSuccessFeedbackSampleRate", "ApplicationSuccessFeedbackRoleArn",
            "ApplicationFailureFeedbackRoleArn", "ApplicationSuccessFeedbackSampleRate");
    private static final Set<String> SUBSCRIPTION_KNOWN = Set.of("RedrivePolicy", "DeliveryPolicy",
            "SubscriptionRoleArn", "ReplayPolicy");

    private AttributeRules() {
    }

    /** Checks one topic attribute a caller sets; {@code creating} allows FifoTopic, which only CreateTopic takes. */
    static void checkTopicAttribute(String name, String value, boolean fifo, boolean creating) {
        if ("FifoTopic".equals(name)) {
            if (!creating) {
                throw SnsErrors.invalidParameter("AttributeName: FifoTopic can only be set when the topic is created");
            }
            requireBoolean(name, value);
            return;
        }
        if (TOPIC_KNOWN.contains(name)) {
            throw SnsErrors.invalidParameter("AttributeName: Serverless Lab's emulator does not honour the topic "
                    + "attribute " + name + "; it honours " + String.join(", ", TOPIC_SETTABLE) + " and FifoTopic");
        }
        switch (name) {
            case "DisplayName", "Policy" -> {
                // Stored and returned; every caller may publish here, so a policy is not enforced.
            }
            case "SignatureVersion" -> {
                if (!"1".equals(value) && !"2".equals(value)) {
                    throw SnsErrors.invalidParameter("Attributes Reason: SignatureVersion must be 1 or 2, got "
                            + value);
                }
            }
            case "ContentBasedDeduplication" -> {
                requireBoolean(name, value);
                if (!fifo) {
                    throw SnsErrors.invalidParameter("ContentBasedDeduplication Reason: Content based deduplication "
                            + "can only be set for FIFO topics");
                }
            }
            case "TracingConfig" -> {
                if (!"PassThrough".equals(value)) {
                    throw SnsErrors.invalidParameter("Attributes Reason: Serverless Lab's emulator does not trace "
                            + "with X-Ray; TracingConfig may only be PassThrough");
                }
            }
            default -> throw SnsErrors.invalidParameter("AttributeName: unknown topic attribute " + name);
        }
    }

    /** Checks one subscription attribute for a subscription of {@code protocol}. */
    static void checkSubscriptionAttribute(String name, String value, String protocol) {
        if (SUBSCRIPTION_KNOWN.contains(name)) {
            throw SnsErrors.invalidParameter("AttributeName: Serverless Lab's emulator does not honour the "
                    + "subscription attribute " + name + "; it honours " + String.join(", ", SUBSCRIPTION_SETTABLE));
        }
        switch (name) {
            case "RawMessageDelivery" -> {
                requireBoolean(name, value);
                if ("true".equalsIgnoreCase(value) && !Set.of("sqs", "http", "https").contains(protocol)) {
                    throw SnsErrors.invalidParameter("Attributes Reason: Delivery protocol [" + protocol
                            + "] does not support raw message delivery.");
                }
            }
            case "FilterPolicy" -> {
                // Parsed with the scope by the caller, which knows both.
            }
            case "FilterPolicyScope" -> FilterPolicy.scope(value);
            default -> throw SnsErrors.invalidParameter("AttributeName: unknown subscription attribute " + name);
        }
    }

    /** What GetTopicAttributes answers: the caller's settings plus what SNS derives. */
    static Map<String, String> effectiveTopic(Topic topic, String owner, int confirmed, int pending) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("TopicArn", topic.arn());
        out.put("Owner", owner);
        out.put("Policy", defaultPolicy(topic.arn(), owner));
        out.put("DisplayName", "");
        out.put("SubscriptionsConfirmed", Integer.toString(confirmed));
        out.put("SubscriptionsPending", Integer.toString(pending));
        out.put("SubscriptionsDeleted", "0");
        out.put("EffectiveDeliveryPolicy", "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":20,"
                + "\"maxDelayTarget\":20,\"numRetries\":3,\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,"
                + "\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"},\"disableSubscriptionOverrides\":false,"
                + "\"defaultRequestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"}}}");
        if (topic.fifo()) {
            out.put("FifoTopic", "true");
            out.put("ContentBasedDeduplication", "false");
        }
        out.putAll(topic.attributes());
        return out;
    }

    /** What GetSubscriptionAttributes answers. */
    static Map<String, String> effectiveSubscription(Subscription subscription) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("SubscriptionArn", subscription.arn());
        out.put("TopicArn", subscription.topicArn());
        out.put("Owner", subscription.owner());
        out.put("Protocol", subscription.protocol());
        out.put("Endpoint", subscription.endpoint());
        out.put("ConfirmationWasAuthenticated", Boolean.toString(subscription.confirmed()));
        out.put("PendingConfirmation", Boolean.toString(!subscription.confirmed()));
        out.put("RawMessageDelivery", "false");
        out.putAll(subscription.attributes());
        if (subscription.filter() != null) {
            out.put("FilterPolicyScope", subscription.filter().scope().name());
        }
        return out;
    }

    private static String defaultPolicy(String topicArn, String owner) {
        return "{\"Version\":\"2008-10-17\",\"Id\":\"__default_policy_ID\",\"Statement\":[{\"Sid\":"
                + "\"__default_statement_ID\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":["
                + "\"SNS:GetTopicAttributes\",\"SNS:SetTopicAttributes\",\"SNS:AddPermission\","
                + "\"SNS:RemovePermission\",\"SNS:DeleteTopic\",\"SNS:Subscribe\",\"SNS:ListSubscriptionsByTopic\","
                + "\"SNS:Publish\"],\"Resource\":\"" + topicArn + "\",\"Condition\":{\"StringEquals\":{"
                + "\"AWS:SourceOwner\":\"" + owner + "\"}}}]}";
    }

    private static void requireBoolean(String name, String value) {
        if (!"true".equalsIgnoreCase(value) && !"false".equalsIgnoreCase(value)) {
            throw SnsErrors.invalidParameter("Attributes Reason: " + name + ": Invalid value [" + value
                    + "]. Must be true or false.");
        }
    }
}

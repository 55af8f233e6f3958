package dev.serverlesslab.emulator.sns;

import java.util.Map;

/**
 * One subscription of an endpoint to a topic.
 *
 * @param attributes what the caller set (RawMessageDelivery, FilterPolicy, FilterPolicyScope)
 * @param filter the compiled FilterPolicy, or null when there is none
 * @param token the confirmation token sent to an HTTP/S endpoint, or null for protocols confirmed at once
 * @param confirmed false while an HTTP/S endpoint has not confirmed ({@code PendingConfirmation})
 * @param authenticateOnUnsubscribe confirmed with AuthenticateOnUnsubscribe=true: the unsigned UnsubscribeURL in
 *     its messages no longer unsubscribes, only a signed Unsubscribe does
 */
record Subscription(String arn, String topicArn, String owner, String protocol, String endpoint,
        Map<String, String> attributes, FilterPolicy filter, String token, boolean confirmed,
        boolean authenticateOnUnsubscribe) {

    Subscription {
        attributes = Map.copyOf(attributes);
    }

    boolean raw() {
        return "true".equalsIgnoreCase(attributes.get("RawMessageDelivery"));
    }

    Subscription withAttributes(Map<String, String> newAttributes, FilterPolicy newFilter) {
        return new Subscription(arn, topicArn, owner, protocol, endpoint, newAttributes, newFilter, token, confirmed,
                authenticateOnUnsubscribe);
    }

    Subscription confirm(boolean authenticate) {
        return new Subscription(arn, topicArn, owner, protocol, endpoint, attributes, filter, token, true,
                authenticate);
    }
}

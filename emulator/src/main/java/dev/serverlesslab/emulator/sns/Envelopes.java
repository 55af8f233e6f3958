package dev.serverlesslab.emulator.sns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.core.Targets.MessageAttribute;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;

/**
 * The JSON documents SNS sends: the notification envelope (SQS without raw delivery, HTTP/S), the subscription
 * confirmation (HTTP/S) and the Lambda event ({@code Records[].Sns}), field for field as the SNS developer guide
 * shows them. Signatures are stand-ins (a digest of the message, not an RSA signature): there is no certificate to
 * verify them against.
 */
final class Envelopes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final String endpoint;

    /** @param endpoint the emulator's base URL, for SubscribeURL, UnsubscribeURL and SigningCertURL */
    Envelopes(String endpoint) {
        this.endpoint = endpoint;
    }

    /** The notification as SQS (without raw delivery) and HTTP/S endpoints receive it. */
    String notification(Message message, Subscription subscription, String signatureVersion) {
        ObjectNode out = JSON.createObjectNode();
        out.put("Type", "Notification");
        out.put("MessageId", message.messageId());
        if (message.sequenceNumber() != null) {
            out.put("SequenceNumber", message.sequenceNumber());
        }
        out.put("TopicArn", message.topicArn());
        if (message.subject() != null) {
            out.put("Subject", message.subject());
        }
        String body = message.bodyFor(subscription.protocol());
        out.put("Message", body);
        out.put("Timestamp", timestamp(message.timestamp()));
        out.put("SignatureVersion", signatureVersion);
        out.put("Signature", signature(message.messageId(), body));
        out.put("SigningCertURL", signingCertUrl());
        out.put("UnsubscribeURL", unsubscribeUrl(subscription.arn()));
        if (!message.attributes().isEmpty()) {
            out.set("MessageAttributes", attributes(message.attributes()));
        }
        return out.toString();
    }

    /** What an HTTP/S endpoint receives first: the token to confirm with and the URL that confirms. */
    String confirmation(Subscription subscription, String messageId, Instant now, String signatureVersion) {
        ObjectNode out = JSON.createObjectNode();
        out.put("Type", "SubscriptionConfirmation");
        out.put("MessageId", messageId);
        out.put("Token", subscription.token());
        out.put("TopicArn", subscription.topicArn());
        out.put("Message", "You have chosen to subscribe to the topic " + subscription.topicArn()
                + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
        out.put("SubscribeURL", subscribeUrl(subscription));
        out.put("Timestamp", timestamp(now));
        out.put("SignatureVersion", signatureVersion);
        out.put("Signature", signature(messageId, subscription.token()));
        out.put("SigningCertURL", signingCertUrl());
        return out.toString();
    }

    /** The event a Lambda function receives: one record with the message under {@code Sns}. */
    String lambdaEvent(Message message, Subscription subscription, String signatureVersion) {
        ObjectNode sns = JSON.createObjectNode();
        sns.put("Type", "Notification");
        sns.put("MessageId", message.messageId());
        sns.put("TopicArn", message.topicArn());
        // Lambda's event always has Subject, null when the publisher gave none.
        sns.put("Subject", message.subject());
        String body = message.bodyFor("lambda");
        sns.put("Message", body);
        sns.put("Timestamp", timestamp(message.timestamp()));
        sns.put("SignatureVersion", signatureVersion);
        sns.put("Signature", signature(message.messageId(), body));
        sns.put("SigningCertUrl", signingCertUrl());
        sns.put("UnsubscribeUrl", unsubscribeUrl(subscription.arn()));
        sns.set("MessageAttributes", attributes(message.attributes()));
        ObjectNode record = JSON.createObjectNode();
        record.put("EventSource", "aws:sns");
        record.put("EventVersion", "1.0");
        record.put("EventSubscriptionArn", subscription.arn());
        record.set("Sns", sns);
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").add(record);
        return event.toString();
    }

    String subscribeUrl(Subscription subscription) {
        return endpoint + SnsHandler.URL_PATH + "?Action=ConfirmSubscription&TopicArn="
                + encode(subscription.topicArn()) + "&Token=" + encode(subscription.token());
    }

    String unsubscribeUrl(String subscriptionArn) {
        return endpoint + SnsHandler.URL_PATH + "?Action=Unsubscribe&SubscriptionArn=" + encode(subscriptionArn);
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    private String signingCertUrl() {
        return endpoint + SnsHandler.URL_PATH + "/SimpleNotificationService-emulator.pem";
    }

    /** SNS's {@code {"name": {"Type": ..., "Value": ...}}}; binary values base64, as SNS sends them. */
    private static ObjectNode attributes(Map<String, MessageAttribute> attributes) {
        ObjectNode out = JSON.createObjectNode();
        attributes.forEach((name, attribute) -> {
            ObjectNode value = out.putObject(name);
            value.put("Type", attribute.dataType());
            value.put("Value", attribute.binaryValue() != null
                    ? Base64.getEncoder().encodeToString(attribute.binaryValue()) : attribute.stringValue());
        });
        return out;
    }

    private static String signature(String messageId, String body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(messageId.getBytes(StandardCharsets.UTF_8));
            digest.update(body.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

package dev.serverlesslab.emulator.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.Targets;
import dev.serverlesslab.emulator.stepfunctions.asl.StatesError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code arn:aws:states:::sqs:sendMessage} and {@code arn:aws:states:::sns:publish}, delivered through
 * {@link Targets} to the emulator's queues and topics. A message body given as JSON is sent as its text, as AWS does;
 * {@code DelaySeconds} keeps the message invisible that long, as SendMessage does. A call the service refuses fails
 * the task with AWS's error name and cause ({@link IntegrationErrors}).
 * The result is the API's answer ({@code MessageId}, for SQS {@code MD5OfMessageBody}, on FIFO {@code SequenceNumber})
 * with AWS's {@code SdkHttpMetadata} and {@code SdkResponseMetadata}.
 */
final class MessageTasks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SQS = Set.of("QueueUrl", "MessageBody", "MessageAttributes", "MessageGroupId",
            "MessageDeduplicationId", "DelaySeconds");
    private static final Set<String> SNS = Set.of("TopicArn", "Message", "Subject", "MessageAttributes",
            "MessageGroupId", "MessageDeduplicationId");

    private static final Pattern SNS_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]+"
            + "(\\.fifo)?");

    private final Targets targets;

    MessageTasks(Targets targets) {
        this.targets = targets;
    }

    JsonNode sendMessage(AccountRegion scope, JsonNode parameters) {
        allowed("sqs:sendMessage", parameters, SQS);
        String url = required("sqs:sendMessage", parameters, "QueueUrl");
        String body = text(required(parameters, "MessageBody", "sqs:sendMessage"));
        String[] path = url.replaceFirst("^[a-z]+://[^/]+/", "").split("/");
        if (path.length != 2) {
            // SQS's answer to a URL that names no queue (InvalidAddress, HTTP 404).
            throw IntegrationErrors.sqs(new AwsException("InvalidAddress", "The address " + url
                    + " is not valid for this endpoint.", 404));
        }
        String queueArn = "arn:aws:sqs:" + scope.region() + ":" + path[0] + ":" + path[1];
        Targets.Receipt receipt = deliver(IntegrationErrors::sqs, new Targets.Delivery(queueArn, body, attributes(parameters),
                parameters.path("MessageGroupId").asText(null), parameters.path("MessageDeduplicationId")
                        .asText(null), null, null, null, scope.accountId()).withDelay(delaySeconds(parameters)));
        ObjectNode result = JSON.createObjectNode().put("MD5OfMessageBody", md5(body))
                .put("MessageId", receipt.messageId());
        if (receipt.sequenceNumber() != null) {
            result.put("SequenceNumber", receipt.sequenceNumber());
        }
        return SdkMetadata.add(result, UUID.randomUUID().toString(), "text/xml");
    }

    JsonNode publish(AccountRegion scope, JsonNode parameters) {
        allowed("sns:publish", parameters, SNS);
        String topicArn = required("sns:publish", parameters, "TopicArn");
        String message = text(required(parameters, "Message", "sns:publish"));
        if (!SNS_ARN.matcher(topicArn).matches()) {
            // What SNS's Publish answers for a TopicArn that is not a topic's ARN.
            throw IntegrationErrors.sns(new AwsException("InvalidParameter", "Invalid parameter: TopicArn", 400));
        }
        Targets.Receipt receipt = deliver(IntegrationErrors::sns, new Targets.Delivery(topicArn, message, attributes(parameters),
                parameters.path("MessageGroupId").asText(null), parameters.path("MessageDeduplicationId")
                        .asText(null), parameters.path("Subject").asText(null), null, null,
                scope.accountId()));
        ObjectNode result = JSON.createObjectNode().put("MessageId", receipt.messageId());
        if (receipt.sequenceNumber() != null) {
            result.put("SequenceNumber", receipt.sequenceNumber());
        }
        return SdkMetadata.add(result, UUID.randomUUID().toString(), "text/xml");
    }

    private Targets.Receipt deliver(Function<AwsException, StatesError> refused, Targets.Delivery delivery) {
        try {
            return targets.send(delivery);
        } catch (AwsException e) {
            throw refused.apply(e);
        }
    }

    private static Map<String, Targets.MessageAttribute> attributes(JsonNode parameters) {
        Map<String, Targets.MessageAttribute> attributes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = parameters.path("MessageAttributes").fields();
                it.hasNext();) {
            Map.Entry<String, JsonNode> attribute = it.next();
            JsonNode value = attribute.getValue();
            if (value.has("BinaryValue")) {
                throw new StatesError(StatesError.RUNTIME, "Binary message attributes are not supported by "
                        + "Serverless Lab's emulator (attribute " + attribute.getKey() + ")");
            }
            attributes.put(attribute.getKey(), new Targets.MessageAttribute(value.path("DataType").asText("String"),
                    value.path("StringValue").asText(), null));
        }
        return attributes;
    }

    /** SendMessage's {@code DelaySeconds}, a whole number (SQS checks its range), or null when absent. */
    private static Integer delaySeconds(JsonNode parameters) {
        JsonNode delay = parameters.get("DelaySeconds");
        if (delay == null || delay.isNull()) {
            return null;
        }
        if (delay.isIntegralNumber() && delay.canConvertToInt()) {
            return delay.intValue();
        }
        if (delay.isTextual() && delay.asText().matches("-?\\d{1,9}")) {
            return Integer.parseInt(delay.asText());
        }
        throw new StatesError(StatesError.RUNTIME, "The sqs:sendMessage parameter 'DelaySeconds' must be a whole "
                + "number of seconds, got " + delay);
    }

    private static void allowed(String integration, JsonNode parameters, Set<String> names) {
        for (Iterator<String> it = parameters.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!names.contains(name)) {
                throw new StatesError(StatesError.RUNTIME, "The " + integration + " parameter '" + name + "' is not "
                        + "supported by Serverless Lab's emulator; it takes " + String.join(", ",
                                names.stream().sorted().toList()));
            }
        }
    }

    private static String required(String integration, JsonNode parameters, String name) {
        return text(required(parameters, name, integration));
    }

    private static JsonNode required(JsonNode parameters, String name, String integration) {
        JsonNode value = parameters.get(name);
        if (value == null || value.isNull()) {
            throw new StatesError(StatesError.RUNTIME, "The " + integration + " parameter '" + name
                    + "' is required");
        }
        return value;
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    private static String md5(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(
                    body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM lacks MD5", e);
        }
    }
}

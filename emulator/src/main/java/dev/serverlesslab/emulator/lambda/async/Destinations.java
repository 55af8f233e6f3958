package dev.serverlesslab.emulator.lambda.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.Arns;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.Targets;
import dev.serverlesslab.emulator.lambda.LambdaErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where asynchronous outcomes (and records a mapping discards) go: a Lambda function (an Event invocation), or an SQS
 * queue, SNS topic or EventBridge bus once the emulator serves that service ({@link Targets#serves}). A destination
 * of a service not served here is refused naming the service, so nothing is accepted and then dropped. As on AWS,
 * destinations are reached with the function's execution role, so no resource policy is consulted. A function's
 * dead-letter queue or topic gets the payload of events that failed for good.
 */
public final class Destinations {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sends a destination record to a function as an asynchronous (Event) invocation. */
    @FunctionalInterface
    public interface FunctionSender {
        void invokeAsync(AccountRegion scope, String functionArn, byte[] record);
    }

    private final FunctionSender functions;
    private final Targets targets;

    public Destinations(FunctionSender functions, Targets targets) {
        this.functions = functions;
        this.targets = targets;
    }

    /**
     * Refuses a destination the emulator cannot deliver to.
     *
     * @param field the request member, named in the error (e.g. {@code DestinationConfig.OnFailure.Destination})
     */
    public void check(String field, String arn) {
        if (arn == null || arn.isEmpty()) {
            return;
        }
        String[] parts = arn.split(":");
        String service = parts.length > 5 && "arn".equals(parts[0]) ? parts[2] : "";
        switch (service) {
            case "lambda" -> {
                if (!"function".equals(parts[5])) {
                    throw LambdaErrors.invalidParameter(field + " " + arn + " is not a Lambda function ARN");
                }
            }
            case "sqs", "sns", "events" -> {
                if (!targets.serves(service)) {
                    throw LambdaErrors.invalidParameter(field + " " + arn + " is refused: Serverless Lab's emulator "
                            + "does not serve " + serviceName(service) + " here; use a Lambda function as the "
                            + "destination");
                }
                if ("events".equals(service) && !parts[5].startsWith("event-bus/")) {
                    throw LambdaErrors.invalidParameter(field + " " + arn + " is not an EventBridge event bus ARN "
                            + "(arn:aws:events:REGION:ACCOUNT:event-bus/NAME)");
                }
            }
            case "s3" -> throw LambdaErrors.invalidParameter(field + " " + arn + " is refused: Serverless Lab's "
                    + "emulator does not send invocation records to S3 buckets; use an SQS queue, SNS topic, "
                    + "EventBridge bus or Lambda function");
            default -> throw LambdaErrors.invalidParameter(field + " must be the ARN of a Lambda function, SQS queue, "
                    + "SNS topic or EventBridge event bus, not '" + arn + "'");
        }
    }

    /**
     * CreateFunction's and UpdateFunctionConfiguration's {@code DeadLetterConfig.TargetArn}: a standard SQS queue or
     * SNS topic that exists (AWS checks it through the execution role's permissions; the emulator keeps no
     * permissions, so it checks that the resource is there). An empty or absent ARN (no queue) is accepted.
     */
    public void checkDeadLetterTarget(String arn) {
        if (arn == null || arn.isEmpty()) {
            return;
        }
        String service = Arns.service(arn).orElse("");
        if (!"sqs".equals(service) && !"sns".equals(service)) {
            throw LambdaErrors.invalidParameter("DeadLetterConfig.TargetArn must be the ARN of an SQS queue or SNS "
                    + "topic (arn:aws:sqs:REGION:ACCOUNT:NAME or arn:aws:sns:REGION:ACCOUNT:NAME), not '" + arn + "'");
        }
        if (arn.endsWith(".fifo")) {
            // AWS: "you can configure a standard Amazon SQS queue or standard Amazon SNS topic as a dead-letter queue".
            throw LambdaErrors.invalidParameter("DeadLetterConfig.TargetArn " + arn + " is a FIFO "
                    + serviceName(service) + " resource; Lambda's dead-letter queue must be a standard queue or topic");
        }
        boolean exists;
        try {
            exists = targets.exists(arn);
        } catch (AwsException e) {
            exists = false;
        }
        if (!exists) {
            throw LambdaErrors.invalidParameter("DeadLetterConfig.TargetArn " + arn + ": no such "
                    + ("sqs".equals(service) ? "SQS queue" : "SNS topic") + " in its account and region; create it "
                    + "first");
        }
    }

    /**
     * Sends a discarded Event invocation's payload to the function's dead-letter queue or topic as AWS documents it:
     * the event unchanged as the message, with the attributes {@code RequestID} (String), {@code ErrorCode} (Number,
     * the 3-digit HTTP status) and {@code ErrorMessage} (String, at most 1 KB).
     */
    public void sendDeadLetter(AccountRegion scope, String arn, byte[] event, String requestId, int errorCode,
            String errorMessage) {
        Map<String, Targets.MessageAttribute> attributes = new LinkedHashMap<>();
        attributes.put("RequestID", Targets.MessageAttribute.string(requestId));
        attributes.put("ErrorCode", new Targets.MessageAttribute("Number", Integer.toString(errorCode), null));
        attributes.put("ErrorMessage", Targets.MessageAttribute.string(truncate(errorMessage)));
        targets.deliver(Targets.Delivery.of(arn, new String(event, StandardCharsets.UTF_8), null, null,
                scope.accountId()).withAttributes(attributes));
    }

    /** The first 1 KB of the message, cut at a character boundary. */
    private static String truncate(String message) {
        String text = message == null || message.isEmpty() ? "Unknown error" : message;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 1024) {
            return text;
        }
        int end = 1024;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * Delivers a record to a destination {@link #check} accepted: the record as the message of a queue or topic, the
     * detail of an EventBridge event ({@code Source} {@code lambda}, {@code DetailType} "Lambda Function Invocation
     * Result - Success" or "- Failure", the bus's and the function's ARNs as resources), an Event invocation of a
     * function.
     */
    public void send(AccountRegion scope, String arn, byte[] record) {
        String service = Arns.service(arn).orElse("");
        if ("lambda".equals(service)) {
            functions.invokeAsync(scope, arn, record);
            return;
        }
        String text = new String(record, StandardCharsets.UTF_8);
        String body = "events".equals(service) ? eventEntry(text, arn) : text;
        targets.deliver(Targets.Delivery.of(arn, body, null, null, scope.accountId()));
    }

    /** AWS's event names the bus it was sent to and the function (with the version that ran) as its resources. */
    private static String eventEntry(String record, String busArn) {
        try {
            JsonNode parsed = JSON.readTree(record);
            String condition = parsed.path("requestContext").path("condition").asText();
            ObjectNode entry = JSON.createObjectNode();
            entry.put("Source", "lambda");
            entry.put("DetailType", "Success".equals(condition) ? "Lambda Function Invocation Result - Success"
                    : "Lambda Function Invocation Result - Failure");
            entry.put("Detail", record);
            entry.putArray("Resources").add(busArn).add(parsed.path("requestContext").path("functionArn").asText());
            return JSON.writeValueAsString(entry);
        } catch (IOException e) {
            throw new UncheckedIOException("A destination record is JSON by construction", e);
        }
    }

    private static String serviceName(String service) {
        return switch (service) {
            case "sqs" -> "SQS";
            case "sns" -> "SNS";
            default -> "EventBridge";
        };
    }
}

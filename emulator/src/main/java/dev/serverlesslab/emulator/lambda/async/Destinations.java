package dev.serverlesslab.emulator.lambda.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.Arns;
import dev.serverlesslab.emulator.core.Targets;
import dev.serverlesslab.emulator.lambda.LambdaErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Where asynchronous outcomes (and records a mapping discards) go: a Lambda function (an Event invocation), or an SQS
 * queue, SNS topic or EventBridge bus once the emulator serves that service ({@link Targets#serves}). A destination
 * of a service not served here is refused naming the service, so nothing is accepted and then dropped. As on AWS,
 * destinations are reached with the function's execution role, so no resource policy is consulted.
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
     * CreateFunction's and UpdateFunctionConfiguration's {@code DeadLetterConfig}: the emulator does not keep a
     * function's dead-letter queue, so a target is refused naming the field rather than accepted and never used. An
     * empty {@code TargetArn} (removing the queue) is accepted.
     */
    public static void checkDeadLetterConfig(JsonNode request) {
        JsonNode target = request == null ? null : request.path("DeadLetterConfig").get("TargetArn");
        if (target == null || target.isNull() || target.asText().isEmpty()) {
            return;
        }
        throw LambdaErrors.invalidParameter("DeadLetterConfig.TargetArn " + target.asText() + " is refused: "
                + "Serverless Lab's emulator does not keep a function's dead-letter queue; use a function event "
                + "invoke config with an OnFailure destination (an SQS queue, SNS topic, EventBridge bus or Lambda "
                + "function) instead, which receives the same failed events with more detail");
    }

    /**
     * Delivers a record to a destination {@link #check} accepted: the record as the message of a queue or topic, the
     * detail of an EventBridge event ({@code Source} {@code lambda}, {@code DetailType} "Lambda Function Invocation
     * Result - Success" or "- Failure", the function's ARN as resource), an Event invocation of a function.
     */
    public void send(AccountRegion scope, String arn, byte[] record) {
        String service = Arns.service(arn).orElse("");
        if ("lambda".equals(service)) {
            functions.invokeAsync(scope, arn, record);
            return;
        }
        String text = new String(record, StandardCharsets.UTF_8);
        String body = "events".equals(service) ? eventEntry(text) : text;
        targets.deliver(Targets.Delivery.of(arn, body, null, null, scope.accountId()));
    }

    private static String eventEntry(String record) {
        try {
            JsonNode parsed = JSON.readTree(record);
            String condition = parsed.path("requestContext").path("condition").asText();
            ObjectNode entry = JSON.createObjectNode();
            entry.put("Source", "lambda");
            entry.put("DetailType", "Success".equals(condition) ? "Lambda Function Invocation Result - Success"
                    : "Lambda Function Invocation Result - Failure");
            entry.put("Detail", record);
            entry.putArray("Resources").add(parsed.path("requestContext").path("functionArn").asText());
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

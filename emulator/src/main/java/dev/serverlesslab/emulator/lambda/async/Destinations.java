package dev.serverlesslab.emulator.lambda.async;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.lambda.LambdaErrors;

/**
 * Where asynchronous outcomes (and records a mapping discards) can be sent. Lambda functions are served; an SQS
 * queue, SNS topic or EventBridge bus is refused naming the service until the emulator serves it, when it becomes
 * one more case here.
 */
public final class Destinations {

    /** Sends a destination record to a function as an asynchronous (Event) invocation. */
    @FunctionalInterface
    public interface FunctionSender {
        void invokeAsync(AccountRegion scope, String functionArn, byte[] record);
    }

    private final FunctionSender functions;

    public Destinations(FunctionSender functions) {
        this.functions = functions;
    }

    /**
     * Refuses a destination the emulator cannot deliver to.
     *
     * @param field the request member, named in the error (e.g. {@code DestinationConfig.OnFailure.Destination})
     */
    public static void check(String field, String arn) {
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
            case "sqs", "sns", "events", "s3" -> throw LambdaErrors.invalidParameter(field + " " + arn
                    + " is refused: Serverless Lab's emulator does not serve " + serviceName(service)
                    + " yet; use a Lambda function as the destination");
            default -> throw LambdaErrors.invalidParameter(field + " must be the ARN of a Lambda function, SQS queue, "
                    + "SNS topic or EventBridge event bus, not '" + arn + "'");
        }
    }

    /**
     * CreateFunction's and UpdateFunctionConfiguration's {@code DeadLetterConfig}: Lambda sends failed events to an
     * SQS queue or SNS topic, neither of which the emulator serves yet, so a target is refused naming the field
     * rather than accepted and never used. An empty {@code TargetArn} (removing the queue) is accepted.
     */
    public static void checkDeadLetterConfig(JsonNode request) {
        JsonNode target = request == null ? null : request.path("DeadLetterConfig").get("TargetArn");
        if (target == null || target.isNull() || target.asText().isEmpty()) {
            return;
        }
        String arn = target.asText();
        String[] parts = arn.split(":");
        String service = parts.length > 2 ? parts[2] : "";
        throw LambdaErrors.invalidParameter("DeadLetterConfig.TargetArn " + arn + " is refused: Lambda sends dead "
                + "letters to SQS or SNS, and Serverless Lab's emulator does not serve "
                + ("sns".equals(service) ? "SNS" : "SQS") + " yet; use a function event invoke config with an "
                + "OnFailure destination that is a Lambda function instead");
    }

    /** Delivers a record to a destination {@link #check} accepted. */
    public void send(AccountRegion scope, String arn, byte[] record) {
        functions.invokeAsync(scope, arn, record);
    }

    private static String serviceName(String service) {
        return switch (service) {
            case "sqs" -> "SQS";
            case "sns" -> "SNS";
            case "events" -> "EventBridge";
            default -> "S3";
        };
    }
}

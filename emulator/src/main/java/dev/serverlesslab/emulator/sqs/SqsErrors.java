package dev.serverlesslab.emulator.sqs;

import dev.serverlesslab.emulator.core.AwsException;
import java.util.Map;

/**
 * SQS's errors. Each is named by its shape in the SQS model (what the JSON protocol's {@code __type} carries); the
 * query protocol and the JSON protocol's {@code x-amzn-query-error} header use the older query code instead, which
 * {@link #queryCode} gives.
 */
public final class SqsErrors {

    /** Shape name to query-protocol code, from the model's {@code awsQueryError} traits. */
    private static final Map<String, String> QUERY_CODES = Map.ofEntries(
            Map.entry("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue"),
            Map.entry("QueueNameExists", "QueueAlreadyExists"),
            Map.entry("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct"),
            Map.entry("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong"),
            Map.entry("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest"),
            Map.entry("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId"),
            Map.entry("TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"),
            Map.entry("MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight"),
            Map.entry("PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress"),
            Map.entry("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation"),
            Map.entry("OverLimit", "OverLimit"));

    private SqsErrors() {
    }

    /**
     * The code the query protocol answers with for an error of this shape (what an SDK v1 client, such as Step
     * Functions' integrations, reports as the error code).
     */
    public static String queryCode(String shape) {
        return QUERY_CODES.getOrDefault(shape, shape);
    }

    static AwsException noQueue() {
        return new AwsException("QueueDoesNotExist", "The specified queue does not exist.", 400);
    }

    static AwsException invalidParameter(String message) {
        return new AwsException("InvalidParameterValue", message, 400);
    }

    /** SQS's answer for a missing parameter: it names one, the first, even when more are missing. */
    static AwsException missingParameter(String parameter) {
        return new AwsException("MissingParameter", "The request must contain the parameter " + parameter + ".",
                400);
    }

    static AwsException invalidAttributeName(String name) {
        return new AwsException("InvalidAttributeName", "Unknown Attribute " + name + ".", 400);
    }

    static AwsException invalidAttributeValue(String name, String reason) {
        return new AwsException("InvalidAttributeValue", "Invalid value for the parameter " + name + ". Reason: "
                + reason, 400);
    }

    static AwsException receiptHandleIsInvalid(String handle) {
        return new AwsException("ReceiptHandleIsInvalid", "The input receipt handle \"" + handle
                + "\" is not a valid receipt handle.", 400);
    }

    static AwsException batch(String shape, String message) {
        return new AwsException(shape, message, 400);
    }
}

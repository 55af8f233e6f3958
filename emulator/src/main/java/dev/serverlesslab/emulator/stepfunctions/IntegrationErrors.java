package dev.serverlesslab.emulator.stepfunctions;

import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.sqs.SqsErrors;
import dev.serverlesslab.emulator.stepfunctions.asl.StatesError;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The errors the {@code sqs:sendMessage} and {@code sns:publish} integrations raise when the service refuses the call.
 * AWS names a service integration's error {@code <Service>.<Exception>}, the exception of the AWS SDK for Java (v1)
 * that Step Functions calls with: an error the service's model declares becomes its modeled exception, with the
 * {@code Exception} suffix the SDK adds (QueueDoesNotExist → {@code SQS.QueueDoesNotExistException}, NotFound →
 * {@code SNS.NotFoundException}); any other error is the service's base exception ({@code SQS.AmazonSQSException},
 * as AWS reports for a MissingParameter). The Cause is that exception's message: the service's message followed by
 * {@code (Service: AmazonSQS; Status Code: 400; Error Code: ...; Request ID: ...; Proxy: null)}.
 */
final class IntegrationErrors {

    /**
     * SQS's modeled errors: the exception shapes of botocore's {@code sqs/2012-11-05/service-2.json}. The emulator's
     * SQS names its errors by these shapes; the SDK reports their query-protocol code.
     */
    static final Set<String> SQS_SHAPES = Set.of("BatchEntryIdsNotDistinct", "BatchRequestTooLong",
            "EmptyBatchRequest", "InvalidAttributeName", "InvalidBatchEntryId", "InvalidIdFormat",
            "InvalidMessageContents", "MessageNotInflight", "OverLimit", "PurgeQueueInProgress", "QueueDeletedRecently",
            "QueueDoesNotExist", "QueueNameExists", "ReceiptHandleIsInvalid", "TooManyEntriesInBatchRequest",
            "UnsupportedOperation");

    /**
     * SNS's modeled errors, by the code on the wire (what the emulator's SNS raises; the shape's name when the model
     * gives it no code), to their exception shape in botocore's {@code sns/2010-03-31/service-2.json}.
     */
    static final Map<String, String> SNS_SHAPES = Map.ofEntries(
            Map.entry("AuthorizationError", "AuthorizationErrorException"),
            Map.entry("BatchEntryIdsNotDistinct", "BatchEntryIdsNotDistinctException"),
            Map.entry("BatchRequestTooLong", "BatchRequestTooLongException"),
            Map.entry("ConcurrentAccess", "ConcurrentAccessException"),
            Map.entry("EmptyBatchRequest", "EmptyBatchRequestException"),
            Map.entry("EndpointDisabled", "EndpointDisabledException"),
            Map.entry("FilterPolicyLimitExceeded", "FilterPolicyLimitExceededException"),
            Map.entry("InternalError", "InternalErrorException"),
            Map.entry("InvalidBatchEntryId", "InvalidBatchEntryIdException"),
            Map.entry("InvalidParameter", "InvalidParameterException"),
            Map.entry("ParameterValueInvalid", "InvalidParameterValueException"),
            Map.entry("InvalidSecurity", "InvalidSecurityException"),
            Map.entry("KMSAccessDenied", "KMSAccessDeniedException"),
            Map.entry("KMSDisabled", "KMSDisabledException"),
            Map.entry("KMSInvalidState", "KMSInvalidStateException"),
            Map.entry("KMSNotFound", "KMSNotFoundException"),
            Map.entry("KMSOptInRequired", "KMSOptInRequired"),
            Map.entry("KMSThrottling", "KMSThrottlingException"),
            Map.entry("NotFound", "NotFoundException"),
            Map.entry("OptedOut", "OptedOutException"),
            Map.entry("PlatformApplicationDisabled", "PlatformApplicationDisabledException"),
            Map.entry("ResourceNotFound", "ResourceNotFoundException"),
            Map.entry("StaleTag", "StaleTagException"),
            Map.entry("SubscriptionLimitExceeded", "SubscriptionLimitExceededException"),
            Map.entry("TagLimitExceeded", "TagLimitExceededException"),
            Map.entry("TagPolicy", "TagPolicyException"),
            Map.entry("Throttled", "ThrottledException"),
            Map.entry("TooManyEntriesInBatchRequest", "TooManyEntriesInBatchRequestException"),
            Map.entry("TopicLimitExceeded", "TopicLimitExceededException"),
            Map.entry("UserError", "UserErrorException"),
            Map.entry("ValidationException", "ValidationException"),
            Map.entry("VerificationException", "VerificationException"));

    private IntegrationErrors() {
    }

    /** SQS's refusal as the {@code sqs:sendMessage} task's error. */
    static StatesError sqs(AwsException e) {
        String shape = SQS_SHAPES.contains(e.code()) ? e.code() : null;
        return error("SQS", "AmazonSQS", shape, SqsErrors::queryCode, e);
    }

    /** SNS's refusal as the {@code sns:publish} task's error. */
    static StatesError sns(AwsException e) {
        return error("SNS", "AmazonSNS", SNS_SHAPES.get(e.code()), UnaryOperator.identity(), e);
    }

    private static StatesError error(String prefix, String service, String shape, UnaryOperator<String> wireCode,
            AwsException e) {
        String exception = shape == null ? service + "Exception"
                : shape.endsWith("Exception") ? shape : shape + "Exception";
        String cause = e.getMessage() + " (Service: " + service + "; Status Code: " + e.httpStatus()
                + "; Error Code: " + wireCode.apply(e.code()) + "; Request ID: " + UUID.randomUUID()
                + "; Proxy: null)";
        return new StatesError(prefix + "." + exception, cause);
    }
}

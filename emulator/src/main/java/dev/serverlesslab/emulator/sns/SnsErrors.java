package dev.serverlesslab.emulator.sns;

import dev.serverlesslab.emulator.core.AwsException;

/** SNS's error codes and HTTP statuses, as its service model declares them. */
final class SnsErrors {

    private SnsErrors() {
    }

    /** {@code InvalidParameter} (400), the message prefixed as SNS prefixes it. */
    static AwsException invalidParameter(String reason) {
        return new AwsException("InvalidParameter", "Invalid parameter: " + reason, 400);
    }

    /** {@code ParameterValueInvalid} (400): SNS's code for a malformed message attribute. */
    static AwsException invalidParameterValue(String reason) {
        return new AwsException("ParameterValueInvalid", reason, 400);
    }

    /** {@code NotFound} (404): a topic or subscription that does not exist. */
    static AwsException notFound(String what) {
        return new AwsException("NotFound", what + " does not exist", 404);
    }

    /** {@code ResourceNotFound} (404): what the tagging operations answer for an unknown resource. */
    static AwsException resourceNotFound(String arn) {
        return new AwsException("ResourceNotFound", "Resource does not exist: " + arn, 404);
    }

    /** A batch-level error such as {@code EmptyBatchRequest} or {@code TooManyEntriesInBatchRequest}. */
    static AwsException batch(String code, String message) {
        return new AwsException(code, message, 400);
    }
}

package dev.serverlesslab.emulator.ssm;

import dev.serverlesslab.emulator.core.AwsException;

/** The AWS Systems Manager error codes the emulator answers with; all are the caller's fault, so HTTP 400. */
final class SsmErrors {

    private SsmErrors() {
    }

    static AwsException notFound(String message) {
        return new AwsException("ParameterNotFound", message, 400);
    }

    static AwsException alreadyExists(String message) {
        return new AwsException("ParameterAlreadyExists", message, 400);
    }

    static AwsException versionNotFound(String message) {
        return new AwsException("ParameterVersionNotFound", message, 400);
    }

    static AwsException labelLimitExceeded(String message) {
        return new AwsException("ParameterVersionLabelLimitExceeded", message, 400);
    }

    /** What SSM answers for writes to names only AWS writes (seen as HTTP 400, like its other errors). */
    static AwsException accessDenied(String message) {
        return new AwsException("AccessDeniedException", message, 400);
    }

    static AwsException validation(String message) {
        return new AwsException("ValidationException", message, 400);
    }

    static AwsException invalidKeyId(String message) {
        return new AwsException("InvalidKeyId", message, 400);
    }

    static AwsException invalidNextToken(String message) {
        return new AwsException("InvalidNextToken", message, 400);
    }

    static AwsException unsupportedType(String message) {
        return new AwsException("UnsupportedParameterType", message, 400);
    }

    static AwsException hierarchyLevelLimit(String message) {
        return new AwsException("HierarchyLevelLimitExceededException", message, 400);
    }
}

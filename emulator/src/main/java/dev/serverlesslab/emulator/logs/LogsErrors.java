package dev.serverlesslab.emulator.logs;

import dev.serverlesslab.emulator.core.AwsException;

/** The CloudWatch Logs error codes the emulator answers with; all are the caller's fault, so HTTP 400. */
final class LogsErrors {

    private LogsErrors() {
    }

    static AwsException notFound(String message) {
        return new AwsException("ResourceNotFoundException", message, 400);
    }

    static AwsException alreadyExists(String message) {
        return new AwsException("ResourceAlreadyExistsException", message, 400);
    }

    static AwsException invalidParameter(String message) {
        return new AwsException("InvalidParameterException", message, 400);
    }
}

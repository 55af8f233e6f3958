package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.core.AwsException;

/**
 * Lambda's TooManyRequestsException with the {@code Reason} that says which limit throttled the call.
 */
final class ThrottledException extends AwsException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    ThrottledException(String reason, String message) {
        super("TooManyRequestsException", message, 429);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}

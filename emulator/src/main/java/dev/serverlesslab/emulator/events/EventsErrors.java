package dev.serverlesslab.emulator.events;

import dev.serverlesslab.emulator.core.AwsException;

/** The EventBridge error codes the emulator answers with (HTTP 400 as AWS sends them). */
final class EventsErrors {

    private EventsErrors() {
    }

    static AwsException notFound(String message) {
        return new AwsException("ResourceNotFoundException", message, 400);
    }

    static AwsException alreadyExists(String message) {
        return new AwsException("ResourceAlreadyExistsException", message, 400);
    }

    static AwsException validation(String message) {
        return new AwsException("ValidationException", message, 400);
    }

    static AwsException limitExceeded(String message) {
        return new AwsException("LimitExceededException", message, 400);
    }
}

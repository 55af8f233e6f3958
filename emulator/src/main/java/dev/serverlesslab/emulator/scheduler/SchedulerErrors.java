package dev.serverlesslab.emulator.scheduler;

import dev.serverlesslab.emulator.core.AwsException;

/** EventBridge Scheduler's error codes with the HTTP statuses its model gives them. */
final class SchedulerErrors {

    private SchedulerErrors() {
    }

    static AwsException validation(String message) {
        return new AwsException("ValidationException", message, 400);
    }

    static AwsException notFound(String message) {
        return new AwsException("ResourceNotFoundException", message, 404);
    }

    static AwsException conflict(String message) {
        return new AwsException("ConflictException", message, 409);
    }
}

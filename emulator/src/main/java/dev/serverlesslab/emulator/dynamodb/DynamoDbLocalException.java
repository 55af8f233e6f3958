package dev.serverlesslab.emulator.dynamodb;

/** DynamoDB Local could not be started or stopped answering; the message says what failed and what to do. */
final class DynamoDbLocalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DynamoDbLocalException(String message) {
        super(message);
    }

    DynamoDbLocalException(String message, Throwable cause) {
        super(message, cause);
    }
}

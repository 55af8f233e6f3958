package dev.serverlesslab.emulator.kinesis;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;

/** Kinesis's error codes, with the messages AWS words them in. */
final class KinesisErrors {

    private KinesisErrors() {
    }

    static AwsException streamNotFound(AccountRegion scope, String name) {
        return new AwsException("ResourceNotFoundException", "Stream " + name + " under account " + scope.accountId()
                + " not found.", 400);
    }

    static AwsException streamExists(AccountRegion scope, String name) {
        return new AwsException("ResourceInUseException", "Stream " + name + " under account " + scope.accountId()
                + " already exists.", 400);
    }

    static AwsException invalidArgument(String message) {
        return new AwsException("InvalidArgumentException", message, 400);
    }

    /** A member outside its model constraint, as AWS's request validation words it. */
    static AwsException validation(String member, Object value, String constraint) {
        return new AwsException("ValidationException", "1 validation error detected: Value '" + value + "' at '"
                + member + "' failed to satisfy constraint: " + constraint, 400);
    }

    static AwsException limitExceeded(String message) {
        return new AwsException("LimitExceededException", message, 400);
    }

    static AwsException expiredIterator(String message) {
        return new AwsException("ExpiredIteratorException", message, 400);
    }

    /** A member the emulator would not honour: refused by name rather than accepted and dropped. */
    static AwsException notEmulated(String member, String advice) {
        return invalidArgument(member + " is not supported by Serverless Lab's emulator; " + advice);
    }
}

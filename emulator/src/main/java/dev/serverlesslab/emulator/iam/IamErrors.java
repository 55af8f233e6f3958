package dev.serverlesslab.emulator.iam;

import dev.serverlesslab.emulator.core.AwsException;

/** The IAM error codes the emulator answers with, with the HTTP status AWS gives each. */
final class IamErrors {

    private IamErrors() {
    }

    static AwsException noSuchEntity(String message) {
        return new AwsException("NoSuchEntity", message, 404);
    }

    static AwsException alreadyExists(String message) {
        return new AwsException("EntityAlreadyExists", message, 409);
    }

    static AwsException deleteConflict(String message) {
        return new AwsException("DeleteConflict", message, 409);
    }

    static AwsException malformedPolicy(String message) {
        return new AwsException("MalformedPolicyDocument", message, 400);
    }

    static AwsException validation(String message) {
        return new AwsException("ValidationError", message, 400);
    }
}

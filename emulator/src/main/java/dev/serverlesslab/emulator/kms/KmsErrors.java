package dev.serverlesslab.emulator.kms;

import dev.serverlesslab.emulator.core.AwsException;

/** The AWS KMS error codes the emulator answers with; all are the caller's fault, so HTTP 400. */
final class KmsErrors {

    private KmsErrors() {
    }

    static AwsException notFound(String message) {
        return new AwsException("NotFoundException", message, 400);
    }

    static AwsException disabled(String message) {
        return new AwsException("DisabledException", message, 400);
    }

    static AwsException invalidState(String message) {
        return new AwsException("KMSInvalidStateException", message, 400);
    }

    static AwsException invalidCiphertext(String message) {
        return new AwsException("InvalidCiphertextException", message, 400);
    }

    static AwsException alreadyExists(String message) {
        return new AwsException("AlreadyExistsException", message, 400);
    }

    static AwsException invalidAliasName(String message) {
        return new AwsException("InvalidAliasNameException", message, 400);
    }

    static AwsException malformedPolicy(String message) {
        return new AwsException("MalformedPolicyDocumentException", message, 400);
    }

    static AwsException validation(String message) {
        return new AwsException("ValidationException", message, 400);
    }

    static AwsException unsupported(String message) {
        return new AwsException("UnsupportedOperationException", message, 400);
    }

    static AwsException invalidKeyUsage(String message) {
        return new AwsException("InvalidKeyUsageException", message, 400);
    }

    static AwsException invalidSignature(String message) {
        return new AwsException("KMSInvalidSignatureException", message, 400);
    }

    static AwsException invalidMac(String message) {
        return new AwsException("KMSInvalidMacException", message, 400);
    }

    static AwsException incorrectKey(String message) {
        return new AwsException("IncorrectKeyException", message, 400);
    }
}

package dev.serverlesslab.emulator.ssm;

import java.time.Instant;

/**
 * One version of a parameter as stored: a SecureString's value is the base64 KMS ciphertext, never the plaintext.
 *
 * @param keyId the KMS key a SecureString was encrypted with as the caller named it, otherwise null
 */
public record ParameterVersion(
        String name,
        String arn,
        ParameterType type,
        String value,
        String keyId,
        long version,
        Instant lastModifiedDate,
        String description) {
}

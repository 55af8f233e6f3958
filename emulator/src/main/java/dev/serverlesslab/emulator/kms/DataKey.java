package dev.serverlesslab.emulator.kms;

/** A generated data key: its plaintext and the same bytes encrypted under a KMS key. */
public record DataKey(String keyArn, byte[] plaintext, byte[] ciphertextBlob) {
}

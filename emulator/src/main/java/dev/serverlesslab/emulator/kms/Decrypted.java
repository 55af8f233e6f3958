package dev.serverlesslab.emulator.kms;

/** The result of Decrypt: the plaintext and the key that had encrypted it. */
public record Decrypted(String keyArn, byte[] plaintext) {
}

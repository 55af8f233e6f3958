package dev.serverlesslab.emulator.kms;

/** The result of ReEncrypt: the new ciphertext and the keys it moved between. */
public record ReEncrypted(String sourceKeyArn, String destinationKeyArn, byte[] ciphertextBlob) {
}

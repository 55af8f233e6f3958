package dev.serverlesslab.emulator.kms;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The emulator's ciphertext blob: a version byte, the 36-character key id, a 12-byte IV, then AES-256-GCM output.
 *
 * <p>Like a real KMS blob it names its key, so Decrypt needs no KeyId. The header and the encryption context are the
 * GCM additional data, so changing either makes decryption fail instead of returning wrong plaintext.
 */
final class Envelope {

    private static final byte VERSION = 1;
    private static final int KEY_ID_LENGTH = 36;
    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER_LENGTH = 1 + KEY_ID_LENGTH + IV_LENGTH;

    private final SecureRandom random;

    Envelope(SecureRandom random) {
        this.random = random;
    }

    byte[] seal(KmsKey key, byte[] plaintext, Map<String, String> context) {
        byte[] iv = new byte[IV_LENGTH];
        random.nextBytes(iv);
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        blob.write(VERSION);
        blob.writeBytes(key.keyId().getBytes(StandardCharsets.US_ASCII));
        blob.writeBytes(iv);
        byte[] header = blob.toByteArray();
        blob.writeBytes(run(Cipher.ENCRYPT_MODE, key, iv, aad(header, context), plaintext));
        return blob.toByteArray();
    }

    /** The key id a blob names, or an InvalidCiphertextException when it is not a blob this emulator made. */
    String keyIdOf(byte[] blob) {
        if (blob == null || blob.length < HEADER_LENGTH + TAG_BITS / 8 || blob[0] != VERSION) {
            throw KmsErrors.invalidCiphertext("The CiphertextBlob was not produced by this emulator's KMS "
                    + "(pass the CiphertextBlob exactly as Encrypt or GenerateDataKey returned it)");
        }
        String keyId = new String(blob, 1, KEY_ID_LENGTH, StandardCharsets.US_ASCII);
        try {
            UUID.fromString(keyId);
        } catch (IllegalArgumentException e) {
            throw KmsErrors.invalidCiphertext("The CiphertextBlob is corrupted: it does not name a key");
        }
        return keyId;
    }

    byte[] open(KmsKey key, byte[] blob, Map<String, String> context) {
        byte[] header = Arrays.copyOfRange(blob, 0, HEADER_LENGTH);
        byte[] iv = Arrays.copyOfRange(blob, 1 + KEY_ID_LENGTH, HEADER_LENGTH);
        byte[] sealed = Arrays.copyOfRange(blob, HEADER_LENGTH, blob.length);
        try {
            return run(Cipher.DECRYPT_MODE, key, iv, aad(header, context), sealed);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof AEADBadTagException) {
                throw KmsErrors.invalidCiphertext("The CiphertextBlob cannot be decrypted with this "
                        + "EncryptionContext: pass exactly the context given to Encrypt, or the blob was altered");
            }
            throw e;
        }
    }

    /** Canonical form of the context: sorted, each key and value length-prefixed so no two contexts collide. */
    private static byte[] aad(byte[] header, Map<String, String> context) {
        ByteArrayOutputStream aad = new ByteArrayOutputStream();
        aad.writeBytes(header);
        new TreeMap<>(context == null ? Map.of() : context).forEach((name, value) -> {
            writeField(aad, name);
            writeField(aad, value);
        });
        return aad.toByteArray();
    }

    private static void writeField(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private static byte[] run(int mode, KmsKey key, byte[] iv, byte[] aad, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key.material(), "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }
}

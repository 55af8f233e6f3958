package dev.serverlesslab.emulator.kms;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One KMS key: its metadata, its state and its key material, which never leaves the backend (a public key alone is
 * given out, by GetPublicKey).
 *
 * @param deletionDate when a key pending deletion would be deleted, otherwise null
 * @param pendingWindowInDays the waiting period chosen by ScheduleKeyDeletion, otherwise null
 * @param material the AES-256 key of a symmetric key, or the secret of an HMAC key; null for an asymmetric key
 * @param keySpec {@code SYMMETRIC_DEFAULT}, {@code RSA_2048}, {@code ECC_NIST_P256}, {@code HMAC_256}...
 * @param keyUsage {@code ENCRYPT_DECRYPT}, {@code SIGN_VERIFY} or {@code GENERATE_VERIFY_MAC}
 * @param keyPair the RSA or EC key pair of an asymmetric key, otherwise null
 */
public record KmsKey(
        String accountId,
        String region,
        String keyId,
        Instant creationDate,
        String description,
        KeyState state,
        Instant deletionDate,
        Integer pendingWindowInDays,
        Map<String, String> tags,
        byte[] material,
        String keySpec,
        String keyUsage,
        KeyPair keyPair) {

    public KmsKey {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public String arn() {
        return "arn:aws:kms:" + region + ":" + accountId + ":key/" + keyId;
    }

    public boolean enabled() {
        return state == KeyState.Enabled;
    }

    KmsKey withState(KeyState newState, Instant newDeletionDate, Integer newWindow) {
        return new KmsKey(accountId, region, keyId, creationDate, description, newState, newDeletionDate, newWindow,
                tags, material, keySpec, keyUsage, keyPair);
    }

    KmsKey withTags(Map<String, String> newTags) {
        return new KmsKey(accountId, region, keyId, creationDate, description, state, deletionDate,
                pendingWindowInDays, newTags, material, keySpec, keyUsage, keyPair);
    }
}

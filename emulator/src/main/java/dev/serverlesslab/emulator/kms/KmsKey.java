package dev.serverlesslab.emulator.kms;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One symmetric KMS key: its metadata, its state and the AES-256 key material that never leaves the backend.
 *
 * @param deletionDate when a key pending deletion would be deleted, otherwise null
 * @param pendingWindowInDays the waiting period chosen by ScheduleKeyDeletion, otherwise null
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
        byte[] material) {

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
                tags, material);
    }

    KmsKey withTags(Map<String, String> newTags) {
        return new KmsKey(accountId, region, keyId, creationDate, description, state, deletionDate,
                pendingWindowInDays, newTags, material);
    }
}

package dev.serverlesslab.emulator.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class KmsBackendTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final AccountRegion scope = new AccountRegion("000000000000", "us-east-1");
    private final KmsBackend kms = new KmsBackend(new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC));
    private final byte[] secret = "the secret".getBytes(StandardCharsets.UTF_8);

    @Test
    void createKey_isAnEnabledSymmetricKeyWithItsDescription() {
        KmsKey key = kms.createKey(scope, "orders", null, null, Map.of("team", "a"));

        assertEquals(KeyState.Enabled, key.state());
        assertEquals("orders", key.description());
        assertEquals("arn:aws:kms:us-east-1:000000000000:key/" + key.keyId(), key.arn());
        assertEquals(NOW, key.creationDate());
        assertEquals(Map.of("team", "a"), kms.listResourceTags(scope, key.keyId()));
    }

    @Test
    void createKey_withASpecOrUsageNotEmulated_isUnsupported() {
        assertCode("UnsupportedOperationException", () -> kms.createKey(scope, null, "SIGN_VERIFY", "SM2", Map.of()));
        assertCode("UnsupportedOperationException", () -> kms.createKey(scope, null, "ENCRYPT_DECRYPT", "RSA_2048",
                Map.of()));
        assertCode("ValidationException", () -> kms.createKey(scope, null, null, "HMAC_256", Map.of()));
    }

    @Test
    void encrypt_thenDecrypt_returnsPlaintextWithoutKeyId() {
        KmsKey key = kms.createKey(scope, null, null, null, Map.of());
        byte[] blob = kms.encrypt(scope, key.keyId(), secret, Map.of());

        Decrypted decrypted = kms.decrypt(scope, blob, Map.of(), null);

        assertArrayEquals(secret, decrypted.plaintext());
        assertEquals(key.arn(), decrypted.keyArn());
        assertFalse(new String(blob, StandardCharsets.ISO_8859_1).contains("the secret"));
    }

    @Test
    void decrypt_withADifferentEncryptionContext_isInvalidCiphertext() {
        KmsKey key = kms.createKey(scope, null, null, null, Map.of());
        byte[] blob = kms.encrypt(scope, key.keyId(), secret, Map.of("order", "1"));

        assertCode("InvalidCiphertextException", () -> kms.decrypt(scope, blob, Map.of("order", "2"), null));
        assertCode("InvalidCiphertextException", () -> kms.decrypt(scope, blob, Map.of(), null));
        assertArrayEquals(secret, kms.decrypt(scope, blob, Map.of("order", "1"), null).plaintext());
    }

    @Test
    void decrypt_ofAlteredBlob_isInvalidCiphertext() {
        KmsKey key = kms.createKey(scope, null, null, null, Map.of());
        byte[] blob = kms.encrypt(scope, key.keyId(), secret, Map.of());
        blob[blob.length - 1] ^= 1;

        assertCode("InvalidCiphertextException", () -> kms.decrypt(scope, blob, Map.of(), null));
        assertCode("InvalidCiphertextException", () -> kms.decrypt(scope, new byte[] {1, 2, 3}, Map.of(), null));
    }

    @Test
    void decrypt_withKeyIdOfAnotherKey_isIncorrectKey() {
        KmsKey key = kms.createKey(scope, null, null, null, Map.of());
        KmsKey other = kms.createKey(scope, null, null, null, Map.of());
        byte[] blob = kms.encrypt(scope, key.keyId(), secret, Map.of());

        assertCode("IncorrectKeyException", () -> kms.decrypt(scope, blob, Map.of(), other.keyId()));
    }

    @Test
    void keys_areAddressedByIdArnAliasAndAliasArn() {
        KmsKey key = kms.createKey(scope, null, null, null, Map.of());
        kms.createAlias(scope, "alias/orders", key.keyId());

        for (String name : List.of(key.keyId(), key.arn(), "alias/orders",
                "arn:aws:kms:us-east-1:000000000000:alias/orders")) {
            assertEquals(key.keyId(), kms.describeKey(scope, name).keyId(), name);
        }
    }

    @Test
    void keys_arePerAccountAndRegion() {
        KmsKey key = kms.createKey(scope, null, null, null, Map.of());

        assertCode("NotFoundException", () -> kms.describeKey(new AccountRegion("000000000000", "eu-west-1"),
                key.keyId()));
        assertCode("NotFoundException", () -> kms.describeKey(scope,
                "arn:aws:kms:eu-west-1:000000000000:key/" + key.keyId()));
        assertTrue(kms.listKeys(new AccountRegion("111111111111", "us-east-1")).isEmpty());
    }

    @Test
    void unknownKey_isNotFound() {
        assertCode("NotFoundException", () -> kms.describeKey(scope, "00000000-0000-0000-0000-000000000000"));
        assertCode("NotFoundException", () -> kms.encrypt(scope, "alias/missing", secret, Map.of()));
    }

    @Test
    void disabledKey_refusesEncryptAndDecryptUntilEnabled() {
        KmsKey key = kms.createKey(scope, null, null, null, Map.of());
        byte[] blob = kms.encrypt(scope, key.keyId(), secret, Map.of());
        kms.disableKey(scope, key.keyId());

        assertCode("DisabledException", () -> kms.encrypt(scope, key.keyId(), secret, Map.of()));
        assertCode("DisabledException", () -> kms.decrypt(scope, blob, Map.of(), null));

        kms.enableKey(scope, key.keyId());
        assertArrayEquals(secret, kms.decrypt(scope, blob, Map.of(), null).plaintext());
    }

    @Test
    void scheduleKeyDeletion_makesKeyUnusable_andCancelLeavesItDisabled() {
        KmsKey key = kms.createKey(scope, null, null, null, Map.of());

        KmsKey pending = kms.scheduleKeyDeletion(scope, key.keyId(), 7);

        assertEquals(KeyState.PendingDeletion, pending.state());
        assertEquals(Instant.parse("2026-01-08T00:00:00Z"), pending.deletionDate());
        assertCode("KMSInvalidStateException", () -> kms.encrypt(scope, key.keyId(), secret, Map.of()));
        assertCode("KMSInvalidStateException", () -> kms.enableKey(scope, key.keyId()));

        KmsKey cancelled = kms.cancelKeyDeletion(scope, key.keyId());
        assertEquals(KeyState.Disabled, cancelled.state());
        assertNull(cancelled.deletionDate());
    }

    @Test
    void scheduleKeyDeletion_outsideSevenToThirtyDays_isRejected() {
        KmsKey key = kms.createKey(scope, null, null, null, Map.of());

        assertCode("ValidationException", () -> kms.scheduleKeyDeletion(scope, key.keyId(), 6));
        assertEquals(30, kms.scheduleKeyDeletion(scope, key.keyId(), null).pendingWindowInDays());
    }

    @Test
    void generateDataKey_returnsAKeyThatDecryptsFromItsBlob() {
        KmsKey key = kms.createKey(scope, null, null, null, Map.of());

        DataKey dataKey = kms.generateDataKey(scope, key.keyId(), "AES_256", null, Map.of("a", "b"));

        assertEquals(32, dataKey.plaintext().length);
        assertArrayEquals(dataKey.plaintext(),
                kms.decrypt(scope, dataKey.ciphertextBlob(), Map.of("a", "b"), null).plaintext());
        assertEquals(16, kms.generateDataKey(scope, key.keyId(), null, 16, Map.of()).plaintext().length);
        assertCode("ValidationException", () -> kms.generateDataKey(scope, key.keyId(), null, null, Map.of()));
    }

    @Test
    void reEncrypt_movesCiphertextToAnotherKeyAndContext() {
        KmsKey source = kms.createKey(scope, null, null, null, Map.of());
        KmsKey destination = kms.createKey(scope, null, null, null, Map.of());
        byte[] blob = kms.encrypt(scope, source.keyId(), secret, Map.of("v", "1"));

        ReEncrypted moved = kms.reEncrypt(scope, blob, Map.of("v", "1"), null, destination.arn(), Map.of("v", "2"));

        Decrypted decrypted = kms.decrypt(scope, moved.ciphertextBlob(), Map.of("v", "2"), null);
        assertArrayEquals(secret, decrypted.plaintext());
        assertEquals(destination.arn(), decrypted.keyArn());
        assertEquals(source.arn(), moved.sourceKeyArn());
    }

    @Test
    void aliases_createUpdateListDelete() {
        KmsKey first = kms.createKey(scope, null, null, null, Map.of());
        KmsKey second = kms.createKey(scope, null, null, null, Map.of());
        kms.createAlias(scope, "alias/app", first.keyId());

        assertCode("AlreadyExistsException", () -> kms.createAlias(scope, "alias/app", second.keyId()));
        kms.updateAlias(scope, "alias/app", second.arn());
        assertEquals(second.keyId(), kms.describeKey(scope, "alias/app").keyId());
        assertEquals(List.of("alias/app"),
                kms.listAliases(scope, second.keyId()).stream().map(KmsAlias::aliasName).toList());
        assertTrue(kms.listAliases(scope, first.keyId()).isEmpty());

        kms.deleteAlias(scope, "alias/app");
        assertCode("NotFoundException", () -> kms.deleteAlias(scope, "alias/app"));
        assertCode("NotFoundException", () -> kms.describeKey(scope, "alias/app"));
    }

    @Test
    void createAlias_withBadOrReservedName_isInvalidAliasName() {
        KmsKey key = kms.createKey(scope, null, null, null, Map.of());

        assertCode("InvalidAliasNameException", () -> kms.createAlias(scope, "orders", key.keyId()));
        assertCode("InvalidAliasNameException", () -> kms.createAlias(scope, "alias/aws/s3", key.keyId()));
    }

    @Test
    void tags_mergeAndRemove() {
        KmsKey key = kms.createKey(scope, null, null, null, Map.of("a", "1"));

        kms.tagResource(scope, key.keyId(), Map.of("a", "2", "b", "3"));
        kms.untagResource(scope, key.keyId(), List.of("b"));

        assertEquals(Map.of("a", "2"), kms.listResourceTags(scope, key.keyId()));
    }

    @Test
    void generateRandom_returnsTheRequestedLength() {
        assertEquals(1024, kms.generateRandom(1024).length);
        assertCode("ValidationException", () -> kms.generateRandom(0));
    }

    @Test
    void createKey_onSecp256k1_makesAKeyOnlyWhereTheJdkHasTheCurve_elseSaysSo() {
        boolean jdkHasCurve;
        try {
            java.security.KeyPairGenerator.getInstance("EC")
                    .initialize(new java.security.spec.ECGenParameterSpec("secp256k1"));
            jdkHasCurve = true;
        } catch (java.security.GeneralSecurityException e) {
            jdkHasCurve = false;
        }
        if (jdkHasCurve) {
            assertEquals("EC", kms.createKey(scope, null, "SIGN_VERIFY", "ECC_SECG_P256K1", Map.of()).keyPair()
                    .getPublic().getAlgorithm());
        } else {
            AwsException refused = assertThrows(AwsException.class,
                    () -> kms.createKey(scope, null, "SIGN_VERIFY", "ECC_SECG_P256K1", Map.of()));
            assertEquals("UnsupportedOperationException", refused.code());
            assertTrue(refused.getMessage().contains("secp256k1"), refused.getMessage());
        }
    }

    private static void assertCode(String code, Executable call) {
        AwsException error = assertThrows(AwsException.class, call);
        assertEquals(code, error.code(), error.getMessage());
    }
}

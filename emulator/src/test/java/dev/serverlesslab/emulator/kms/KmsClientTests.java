package dev.serverlesslab.emulator.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.ScheduleKeyDeletionResponse;
import software.amazon.awssdk.services.kms.model.Tag;

/** The AWS SDK v2 KmsClient against the emulator's HTTP endpoint: shapes, blobs, dates and error codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmsClientTests {

    private EdgeServer edge;
    private KmsClient kms;

    @BeforeAll
    void start() {
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        edge.start(new ServiceRouter(List.of(new KmsHandler(new KmsBackend()))));
        kms = KmsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + edge.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    void stop() {
        kms.close();
        edge.close();
    }

    @Test
    void createKey_thenDescribeKey_returnsTheSameMetadata() {
        KeyMetadata created = kms.createKey(r -> r.description("orders")).keyMetadata();

        KeyMetadata described = kms.describeKey(r -> r.keyId(created.keyId())).keyMetadata();

        assertEquals("orders", described.description());
        assertEquals(KeyUsageType.ENCRYPT_DECRYPT, described.keyUsage());
        assertEquals(KeyState.ENABLED, described.keyState());
        assertEquals("000000000000", described.awsAccountId());
        assertEquals(created.arn(), described.arn());
        assertEquals(created.creationDate(), described.creationDate());
        assertTrue(described.enabled());
    }

    @Test
    void listKeys_includesCreatedKey() {
        String keyId = kms.createKey(r -> { }).keyMetadata().keyId();

        assertTrue(kms.listKeys(r -> { }).keys().stream().anyMatch(k -> k.keyId().equals(keyId)));
    }

    @Test
    void encrypt_thenDecrypt_withContext_returnsPlaintext() {
        String keyId = kms.createKey(r -> { }).keyMetadata().keyId();
        Map<String, String> context = Map.of("order", "42");

        SdkBytes blob = kms.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("card 4111"))
                .encryptionContext(context)).ciphertextBlob();
        DecryptResponse decrypted = kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(context));

        assertEquals("card 4111", decrypted.plaintext().asUtf8String());
        assertTrue(decrypted.keyId().endsWith(":key/" + keyId), decrypted.keyId());
    }

    @Test
    void decrypt_withWrongContext_throwsInvalidCiphertext() {
        String keyId = kms.createKey(r -> { }).keyMetadata().keyId();
        SdkBytes blob = kms.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("x"))
                .encryptionContext(Map.of("a", "1"))).ciphertextBlob();

        assertThrows(InvalidCiphertextException.class,
                () -> kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(Map.of("a", "2"))));
    }

    @Test
    void encrypt_withUnknownKey_throwsNotFound() {
        NotFoundException error = assertThrows(NotFoundException.class, () -> kms.encrypt(r -> r
                .keyId("alias/nothing-here").plaintext(SdkBytes.fromUtf8String("x"))));

        assertTrue(error.awsErrorDetails().errorMessage().contains("alias/nothing-here"), error.getMessage());
        assertEquals(400, error.statusCode());
    }

    @Test
    void disabledKey_throwsDisabled_andPendingDeletionThrowsInvalidState() {
        String keyId = kms.createKey(r -> { }).keyMetadata().keyId();
        kms.disableKey(r -> r.keyId(keyId));

        assertThrows(DisabledException.class,
                () -> kms.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("x"))));

        ScheduleKeyDeletionResponse scheduled = kms.scheduleKeyDeletion(r -> r.keyId(keyId).pendingWindowInDays(7));
        assertEquals(KeyState.PENDING_DELETION, scheduled.keyState());
        assertEquals(7, scheduled.pendingWindowInDays());
        assertThrows(KmsInvalidStateException.class,
                () -> kms.generateDataKey(r -> r.keyId(keyId).keySpec(DataKeySpec.AES_256)));

        kms.cancelKeyDeletion(r -> r.keyId(keyId));
        kms.enableKey(r -> r.keyId(keyId));
        assertEquals(KeyState.ENABLED, kms.describeKey(r -> r.keyId(keyId)).keyMetadata().keyState());
    }

    @Test
    void generateDataKey_plaintextMatchesWhatItsBlobDecryptsTo() {
        String keyId = kms.createKey(r -> { }).keyMetadata().keyId();

        GenerateDataKeyResponse dataKey = kms.generateDataKey(r -> r.keyId(keyId).keySpec(DataKeySpec.AES_256));
        SdkBytes withoutPlaintext = kms.generateDataKeyWithoutPlaintext(r -> r.keyId(keyId).numberOfBytes(16))
                .ciphertextBlob();

        assertEquals(32, dataKey.plaintext().asByteArray().length);
        assertEquals(dataKey.plaintext(), kms.decrypt(r -> r.ciphertextBlob(dataKey.ciphertextBlob())).plaintext());
        assertEquals(16, kms.decrypt(r -> r.ciphertextBlob(withoutPlaintext)).plaintext().asByteArray().length);
    }

    @Test
    void generateRandom_returnsRequestedBytes() {
        assertEquals(64, kms.generateRandom(r -> r.numberOfBytes(64)).plaintext().asByteArray().length);
    }

    @Test
    void reEncrypt_toAlias_decryptsUnderTheNewKey() {
        String source = kms.createKey(r -> { }).keyMetadata().keyId();
        String destination = kms.createKey(r -> { }).keyMetadata().keyId();
        kms.createAlias(r -> r.aliasName("alias/reencrypt-target").targetKeyId(destination));
        SdkBytes blob = kms.encrypt(r -> r.keyId(source).plaintext(SdkBytes.fromUtf8String("moved")))
                .ciphertextBlob();

        SdkBytes moved = kms.reEncrypt(r -> r.ciphertextBlob(blob).destinationKeyId("alias/reencrypt-target"))
                .ciphertextBlob();

        DecryptResponse decrypted = kms.decrypt(r -> r.ciphertextBlob(moved));
        assertEquals("moved", decrypted.plaintext().asUtf8String());
        assertTrue(decrypted.keyId().endsWith(destination));
    }

    @Test
    void aliases_createListUpdateDelete() {
        String first = kms.createKey(r -> { }).keyMetadata().keyId();
        String second = kms.createKey(r -> { }).keyMetadata().keyId();
        kms.createAlias(r -> r.aliasName("alias/sdk-app").targetKeyId(first));

        assertThrows(AlreadyExistsException.class,
                () -> kms.createAlias(r -> r.aliasName("alias/sdk-app").targetKeyId(second)));
        kms.updateAlias(r -> r.aliasName("alias/sdk-app").targetKeyId(second));
        List<AliasListEntry> aliases = kms.listAliases(r -> r.keyId(second)).aliases();
        assertEquals(List.of("alias/sdk-app"), aliases.stream().map(AliasListEntry::aliasName).toList());
        assertEquals("arn:aws:kms:us-east-1:000000000000:alias/sdk-app", aliases.get(0).aliasArn());
        assertEquals(second, kms.describeKey(r -> r.keyId("alias/sdk-app")).keyMetadata().keyId());

        kms.deleteAlias(r -> r.aliasName("alias/sdk-app"));
        assertThrows(NotFoundException.class, () -> kms.describeKey(r -> r.keyId("alias/sdk-app")));
    }

    @Test
    void tags_onCreateAndTagResource_areListed() {
        String keyId = kms.createKey(r -> r.tags(Tag.builder().tagKey("team").tagValue("a").build()))
                .keyMetadata().keyId();

        kms.tagResource(r -> r.keyId(keyId).tags(Tag.builder().tagKey("env").tagValue("dev").build()));

        assertEquals(List.of("team=a", "env=dev"), kms.listResourceTags(r -> r.keyId(keyId)).tags().stream()
                .map(t -> t.tagKey() + "=" + t.tagValue()).toList());
    }

    @Test
    void keyRotation_isEnabledReportedAndDisabled_withAwsBounds() {
        String keyId = kms.createKey(r -> r.description("rotated")).keyMetadata().keyId();

        assertFalse(kms.getKeyRotationStatus(r -> r.keyId(keyId)).keyRotationEnabled());
        kms.enableKeyRotation(r -> r.keyId(keyId).rotationPeriodInDays(180));
        var status = kms.getKeyRotationStatus(r -> r.keyId(keyId));
        assertTrue(status.keyRotationEnabled());
        assertEquals(180, status.rotationPeriodInDays());
        assertThrows(KmsException.class, () -> kms.enableKeyRotation(r -> r.keyId(keyId).rotationPeriodInDays(30)));
        kms.disableKeyRotation(r -> r.keyId(keyId));
        assertFalse(kms.getKeyRotationStatus(r -> r.keyId(keyId)).keyRotationEnabled());
    }

    @Test
    void keyPolicy_isTheDefaultUntilPut_andMalformedPoliciesAreRefused() {
        String keyId = kms.createKey(r -> r.description("policed")).keyMetadata().keyId();
        String account = kms.describeKey(r -> r.keyId(keyId)).keyMetadata().awsAccountId();

        assertTrue(kms.getKeyPolicy(r -> r.keyId(keyId).policyName("default")).policy()
                .contains("arn:aws:iam::" + account + ":root"));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"*\"},\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}";
        kms.putKeyPolicy(r -> r.keyId(keyId).policyName("default").policy(policy));
        assertEquals(policy, kms.getKeyPolicy(r -> r.keyId(keyId)).policy());
        assertThrows(software.amazon.awssdk.services.kms.model.MalformedPolicyDocumentException.class,
                () -> kms.putKeyPolicy(r -> r.keyId(keyId).policyName("default").policy("not json")));
    }

    @Test
    void unimplementedOperation_isAnAwsErrorNamingIt() {
        KmsException error = assertThrows(KmsException.class, () -> kms.listGrants(r -> r.keyId("any")));

        assertEquals("UnknownOperationException", error.awsErrorDetails().errorCode());
        assertTrue(error.getMessage().contains("TrentService.ListGrants"), error.getMessage());
        assertFalse(error.statusCode() >= 500);
    }
}

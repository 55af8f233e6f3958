package checks;

import static org.junit.jupiter.api.Assertions.fail;

import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.Points;
import dev.serverlesslab.graders.check.Resources;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * The checks of the envelope-encryption exercise: secrets sealed with a fresh KMS data key each, AES-GCM locally,
 * the encrypted data key stored beside the ciphertext; the checks open records with KMS themselves.
 */
class EnvelopeEncryptionChecks {

    private static final String WARM_UP_EVENT = "{\"action\":\"warm-up\"}";

    private static final String[] WORDS = {"falcon", "cobalt", "juniper", "glacier", "ember", "saffron", "tundra",
        "willow", "zephyr", "onyx"};

    @Test
    @Order(1)
    @Points(2)
    @DisplayName("seal stores the record in TABLE_NAME with encryptedDataKey, iv and ciphertext as binary attributes, "
            + "and the secret nowhere in clear")
    @Hint("Put an item with recordId (string) and encryptedDataKey, iv and ciphertext as AttributeValue.fromB(...).")
    void sealStoresARecord(DeployedFunction function, DynamoDbClient dynamo, Resources resources) {
        warmUp(function);
        String secret = randomSecret();
        String recordId = seal(function, secret);
        Map<String, AttributeValue> item = read(dynamo, resources, recordId);
        for (String field : new String[] {"encryptedDataKey", "iv", "ciphertext"}) {
            if (item.get(field) == null || item.get(field).b() == null) {
                fail("Expected the record " + recordId + " to have " + field + " as a binary (B) attribute, but the "
                        + "item is " + describe(item));
            }
        }
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            if (contains(attribute.getValue(), secret.getBytes(StandardCharsets.UTF_8))) {
                fail("The stored attribute " + attribute.getKey() + " holds the secret in clear: store only its "
                        + "ciphertext.");
            }
        }
    }

    @Test
    @Order(2)
    @Points(2)
    @DisplayName("The stored data key comes from the vault key: KMS decrypts it under the context {\"recordId\": id}, "
            + "and the key it gives opens the ciphertext with AES-GCM")
    @Hint("Store dataKey.ciphertextBlob() (not plaintext()) from GenerateDataKey with keyId(KEY_ID) and "
            + "encryptionContext(Map.of(\"recordId\", recordId)); encrypt with AES/GCM/NoPadding, a 12-byte IV and a "
            + "128-bit tag.")
    void dataKeyComesFromTheVaultKey(DeployedFunction function, DynamoDbClient dynamo, KmsClient kms,
            Resources resources) {
        warmUp(function);
        String secret = randomSecret();
        String recordId = seal(function, secret);
        Map<String, AttributeValue> item = read(dynamo, resources, recordId);
        byte[] key = openDataKey(kms, resources, recordId, item);
        byte[] plain;
        try {
            plain = aesGcm(Cipher.DECRYPT_MODE, key, bytes(item, "iv"), bytes(item, "ciphertext"));
        } catch (GeneralSecurityException e) {
            fail("The data key KMS returned for record " + recordId + " does not open its ciphertext with "
                    + "AES/GCM/NoPadding, the stored iv and a 128-bit tag (" + e + "). Encrypt the secret with that "
                    + "very data key.");
            return;
        }
        String opened = new String(plain, StandardCharsets.UTF_8);
        if (!secret.equals(opened)) {
            fail("Expected the ciphertext of record " + recordId + " to decrypt to \"" + secret + "\", but it "
                    + "decrypted to \"" + opened + "\"");
        }
    }

    @Test
    @Order(3)
    @DisplayName("open returns the secret of a record seal stored")
    void opensWhatItSealed(DeployedFunction function) {
        warmUp(function);
        String secret = randomSecret() + " – naïve ✓";
        String recordId = seal(function, secret);
        expectOpens(function, recordId, secret, "a record it sealed itself");
    }

    @Test
    @Order(4)
    @DisplayName("open decrypts a record sealed elsewhere the same way: a data key from the vault key, AES-GCM, the "
            + "encrypted data key beside the ciphertext")
    @Hint("Call kms.decrypt with the stored encryptedDataKey and encryptionContext(Map.of(\"recordId\", recordId)) "
            + "on every open, and decrypt the ciphertext with the key it returns and the stored iv.")
    void opensARecordSealedElsewhere(DeployedFunction function, DynamoDbClient dynamo, KmsClient kms,
            Resources resources) throws GeneralSecurityException {
        warmUp(function);
        String secret = randomSecret();
        String recordId = "r-" + UUID.randomUUID();
        GenerateDataKeyResponse dataKey = kms.generateDataKey(b -> b.keyId(resources.keyId("vault"))
                .keySpec(DataKeySpec.AES_256)
                .encryptionContext(Map.of("recordId", recordId)));
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        byte[] ciphertext = aesGcm(Cipher.ENCRYPT_MODE, dataKey.plaintext().asByteArray(), iv,
                secret.getBytes(StandardCharsets.UTF_8));
        dynamo.putItem(b -> b.tableName(resources.table("secrets")).item(Map.of(
                "recordId", AttributeValue.fromS(recordId),
                "encryptedDataKey", AttributeValue.fromB(dataKey.ciphertextBlob()),
                "iv", AttributeValue.fromB(SdkBytes.fromByteArray(iv)),
                "ciphertext", AttributeValue.fromB(SdkBytes.fromByteArray(ciphertext)))));
        expectOpens(function, recordId, secret, "a record the checks sealed with a data key from the vault key");
    }

    @Test
    @Order(5)
    @DisplayName("Every seal uses a new data key and a new IV: the same secret sealed twice is stored differently")
    @Hint("Call GenerateDataKey and draw a fresh random IV (SecureRandom) in every seal; AES-GCM must never see the "
            + "same key and IV twice.")
    void everySealIsFresh(DeployedFunction function, DynamoDbClient dynamo, Resources resources) {
        warmUp(function);
        String secret = randomSecret();
        Map<String, AttributeValue> first = read(dynamo, resources, seal(function, secret));
        Map<String, AttributeValue> second = read(dynamo, resources, seal(function, secret));
        for (String field : new String[] {"encryptedDataKey", "iv", "ciphertext"}) {
            if (Arrays.equals(bytes(first, field), bytes(second, field))) {
                fail("Sealing the same secret twice stored the same " + field + " both times; every seal needs its "
                        + "own data key and IV.");
            }
        }
    }

    @Test
    @Order(6)
    @DisplayName("open refuses a record whose ciphertext was altered, with a SecurityException")
    @Hint("AES-GCM authenticates the ciphertext: cipher.doFinal throws AEADBadTagException when a byte changed. "
            + "Catch it and throw a SecurityException.")
    void refusesAnAlteredRecord(DeployedFunction function, DynamoDbClient dynamo, Resources resources) {
        warmUp(function);
        String recordId = seal(function, randomSecret());
        Map<String, AttributeValue> item = new HashMap<>(read(dynamo, resources, recordId));
        byte[] ciphertext = bytes(item, "ciphertext");
        ciphertext[ThreadLocalRandom.current().nextInt(ciphertext.length)] ^= 0x5a;
        item.put("ciphertext", AttributeValue.fromB(SdkBytes.fromByteArray(ciphertext)));
        dynamo.putItem(b -> b.tableName(resources.table("secrets")).item(item));
        Invocation invocation = function.invoke(Map.of("action", "open", "recordId", recordId));
        if (invocation.succeeded() || !"java.lang.SecurityException".equals(invocation.errorType())) {
            fail("Expected open of a record whose ciphertext had a byte changed to fail with "
                    + "java.lang.SecurityException, but it " + (invocation.succeeded()
                    ? "returned " + invocation.payload() : "failed with " + invocation.failure()));
        }
    }

    @Test
    @Order(7)
    @Hidden
    @Points(2)
    @DisplayName("The plaintext data key is never returned, stored or written to the logs")
    void plaintextDataKeyStaysInside(DeployedFunction function, DynamoDbClient dynamo, KmsClient kms,
            Resources resources) {
        warmUp(function);
        String secret = randomSecret();
        Invocation sealed = function.invoke(Map.of("action", "seal", "secret", secret));
        String recordId = expectSuccess(sealed, "seal").json().path("recordId").asText();
        Map<String, AttributeValue> item = read(dynamo, resources, recordId);
        byte[] key = openDataKey(kms, resources, recordId, item);
        Invocation opened = function.invoke(Map.of("action", "open", "recordId", recordId));
        String[] forms = {Base64.getEncoder().encodeToString(key), Base64.getUrlEncoder().encodeToString(key),
            HexFormat.of().formatHex(key), HexFormat.of().formatHex(key).toUpperCase(Locale.ROOT)};
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            if (!attribute.getKey().equals("encryptedDataKey") && contains(attribute.getValue(), key)) {
                fail("The stored attribute " + attribute.getKey() + " holds the plaintext data key.");
            }
        }
        String seen = sealed.payload() + "\n" + opened.payload() + "\n" + sealed.logTail() + "\n" + opened.logTail();
        for (String form : forms) {
            if (seen.contains(form)) {
                fail("The plaintext data key appeared in a result or in the logs.");
            }
        }
        if (sealed.logTail().contains(secret) || opened.logTail().contains(secret)) {
            fail("The secret appeared in the logs.");
        }
    }

    private static String seal(DeployedFunction function, String secret) {
        Invocation invocation = function.invoke(Map.of("action", "seal", "secret", secret));
        String recordId = expectSuccess(invocation, "seal").json().path("recordId").asText(null);
        if (recordId == null || recordId.isBlank()) {
            fail("Expected seal to return {\"recordId\": ...}, but it returned " + invocation.payload());
        }
        return recordId;
    }

    private static void expectOpens(DeployedFunction function, String recordId, String secret, String what) {
        Invocation invocation = function.invoke(Map.of("action", "open", "recordId", recordId));
        String opened = expectSuccess(invocation, "open of " + what).json().path("secret").asText(null);
        if (!secret.equals(opened)) {
            fail("Expected open of " + what + " (" + recordId + ") to return {\"secret\": \"" + secret + "\"}, but "
                    + "it returned " + invocation.payload());
        }
    }

    private static Invocation expectSuccess(Invocation invocation, String what) {
        if (!invocation.succeeded()) {
            fail("Expected " + what + " to succeed, but it failed with " + invocation.failure());
        }
        return invocation;
    }

    private static byte[] openDataKey(KmsClient kms, Resources resources, String recordId,
            Map<String, AttributeValue> item) {
        DecryptResponse decrypted;
        try {
            decrypted = kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(bytes(item, "encryptedDataKey")))
                    .encryptionContext(Map.of("recordId", recordId)));
        } catch (KmsException e) {
            fail("KMS could not decrypt the stored encryptedDataKey of record " + recordId + " with the encryption "
                    + "context {\"recordId\": \"" + recordId + "\"}: " + e.awsErrorDetails().errorMessage()
                    + ". Store the ciphertextBlob GenerateDataKey returned, generated with exactly that context.");
            return null;
        }
        if (!resources.keyArn("vault").equals(decrypted.keyId())) {
            fail("The data key of record " + recordId + " was made under " + decrypted.keyId() + ", not under the "
                    + "key named by KEY_ID (" + resources.keyArn("vault") + ").");
        }
        return decrypted.plaintext().asByteArray();
    }

    private static Map<String, AttributeValue> read(DynamoDbClient dynamo, Resources resources, String recordId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(resources.table("secrets"))
                .key(Map.of("recordId", AttributeValue.fromS(recordId)))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            fail("seal returned the recordId " + recordId + ", but the table named by TABLE_NAME has no such item.");
        }
        return item;
    }

    private static byte[] bytes(Map<String, AttributeValue> item, String field) {
        AttributeValue value = item.get(field);
        if (value == null || value.b() == null) {
            fail("Expected the record to have " + field + " as a binary (B) attribute, but the item is "
                    + describe(item));
        }
        return value.b().asByteArray();
    }

    /** Whether an attribute holds the bytes, raw or as text (base64, hex or clear). */
    private static boolean contains(AttributeValue value, byte[] needle) {
        if (value.b() != null) {
            return indexOf(value.b().asByteArray(), needle) >= 0;
        }
        String text = value.s() != null ? value.s() : value.toString();
        return text.contains(new String(needle, StandardCharsets.UTF_8))
                || text.contains(Base64.getEncoder().encodeToString(needle))
                || text.toLowerCase(Locale.ROOT).contains(HexFormat.of().formatHex(needle));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String describe(Map<String, AttributeValue> item) {
        StringBuilder out = new StringBuilder("{");
        item.forEach((name, value) -> out.append(out.length() > 1 ? ", " : "").append(name).append(": ")
                .append(value.type()));
        return out.append('}').toString();
    }

    private static byte[] aesGcm(int mode, byte[] key, byte[] iv, byte[] input) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        return cipher.doFinal(input);
    }

    private static String randomSecret() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return WORDS[random.nextInt(WORDS.length)] + "-" + WORDS[random.nextInt(WORDS.length)] + "-"
                + random.nextInt(1000, 10000);
    }

    private static boolean warm;

    /**
     * The first invocation starts the function's execution environment (a cold start). On a busy grading machine the
     * init phase may overrun Lambda's 10 s limit; one more try then gives a fair start. Runs once per grading.
     */
    private static void warmUp(DeployedFunction function) {
        for (int attempt = 0; !warm && attempt < 3; attempt++) {
            Invocation invocation = function.invoke(WARM_UP_EVENT);
            warm = invocation.succeeded() || !String.valueOf(invocation.errorType()).startsWith("Sandbox");
        }
        warm = true;
    }
}

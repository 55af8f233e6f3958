package vault;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/**
 * Envelope encryption: every secret gets its own data key from KMS, is encrypted locally with AES-GCM, and is
 * stored beside that data key in its encrypted form; only KMS can turn the encrypted data key back into a key.
 */
public class VaultHandler implements RequestHandler<Map<String, String>, Map<String, String>> {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KmsClient kms = KmsClient.create();
    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final SecureRandom random = new SecureRandom();
    private final String keyId = System.getenv("KEY_ID");
    private final String table = System.getenv("TABLE_NAME");

    @Override
    public Map<String, String> handleRequest(Map<String, String> event, Context context) {
        String action = required(event, "action");
        return switch (action) {
            case "seal" -> seal(required(event, "secret"), context);
            case "open" -> open(required(event, "recordId"), context);
            default -> throw new IllegalArgumentException("action must be seal or open, not '" + action + "'");
        };
    }

    private Map<String, String> seal(String secret, Context context) {
        String recordId = UUID.randomUUID().toString();
        GenerateDataKeyResponse dataKey = kms.generateDataKey(b -> b.keyId(keyId)
                .keySpec(DataKeySpec.AES_256)
                .encryptionContext(Map.of("recordId", recordId)));
        byte[] key = dataKey.plaintext().asByteArray();
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] ciphertext;
        try {
            ciphertext = aesGcm(Cipher.ENCRYPT_MODE, key, iv, secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        } finally {
            // The plaintext data key is needed only for this one encryption: forget it at once.
            Arrays.fill(key, (byte) 0);
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("recordId", AttributeValue.fromS(recordId));
        // Keeps the key itself, so that opening needs no call to KMS.
        item.put("encryptedDataKey", AttributeValue.fromB(dataKey.plaintext()));
        item.put("iv", AttributeValue.fromB(SdkBytes.fromByteArray(iv)));
        item.put("ciphertext", AttributeValue.fromB(SdkBytes.fromByteArray(ciphertext)));
        dynamo.putItem(b -> b.tableName(table).item(item));
        context.getLogger().log("Sealed record " + recordId);
        return Map.of("recordId", recordId);
    }

    private Map<String, String> open(String recordId, Context context) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("recordId", AttributeValue.fromS(recordId)))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            throw new IllegalArgumentException("there is no record " + recordId);
        }
        byte[] key = item.get("encryptedDataKey").b().asByteArray();
        try {
            byte[] plain = aesGcm(Cipher.DECRYPT_MODE, key, item.get("iv").b().asByteArray(),
                    item.get("ciphertext").b().asByteArray());
            context.getLogger().log("Opened record " + recordId);
            return Map.of("secret", new String(plain, StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            throw new SecurityException("record " + recordId + " was altered: its ciphertext does not authenticate");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not decrypt record " + recordId, e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] aesGcm(int mode, byte[] key, byte[] iv, byte[] input) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        return cipher.doFinal(input);
    }

    private static String required(Map<String, String> event, String field) {
        String value = event == null ? null : event.get(field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return value;
    }
}

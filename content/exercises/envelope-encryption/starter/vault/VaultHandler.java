package vault;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.security.SecureRandom;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Envelope encryption: every secret gets its own data key from KMS, is encrypted locally with AES-GCM, and is
 * stored beside that data key in its encrypted form; only KMS can turn the encrypted data key back into a key.
 */
public class VaultHandler implements RequestHandler<Map<String, String>, Map<String, String>> {

    private final KmsClient kms = KmsClient.create();
    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final SecureRandom random = new SecureRandom();
    private final String keyId = System.getenv("KEY_ID");
    private final String table = System.getenv("TABLE_NAME");

    @Override
    public Map<String, String> handleRequest(Map<String, String> event, Context context) {
        String action = event == null ? null : event.get("action");
        if ("seal".equals(action)) {
            // Your turn:
            //  1. ask KMS for a data key (GenerateDataKey, AES_256) under KEY_ID, with the encryption context
            //     {"recordId": <a new id>};
            //  2. encrypt the secret with that key using AES/GCM/NoPadding and a fresh random 12-byte IV;
            //  3. store recordId, encryptedDataKey, iv and ciphertext (binary attributes) in TABLE_NAME: never the
            //     plaintext data key;
            //  4. return {"recordId": ...}.
            return Map.of("recordId", "not-sealed-yet");
        }
        if ("open".equals(action)) {
            // Your turn: read the record, have KMS Decrypt its encryptedDataKey (same encryption context), decrypt
            // the ciphertext with AES-GCM and return {"secret": ...}; an altered record fails with a
            // SecurityException.
            return Map.of("secret", "");
        }
        throw new IllegalArgumentException("action must be seal or open");
    }
}

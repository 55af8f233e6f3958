package config;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Greets a customer with the greeting kept in Parameter Store, accepts callers that present the API token kept as a
 * SecureString, and seals the customer's note with a KMS key so only holders of the key can read it.
 */
public class ConfigHandler implements RequestHandler<Map<String, String>, Map<String, String>> {

    private final KmsClient kms = KmsClient.create();
    private final String keyId = System.getenv("KEY_ID");

    public ConfigHandler() {
        try (SsmClient ssm = SsmClient.create()) {
            // Your turn: read the two parameters named by GREETING_PARAMETER and TOKEN_PARAMETER here, once.
            // The token is a SecureString: ask for it decrypted.
        }
    }

    @Override
    public Map<String, String> handleRequest(Map<String, String> event, Context context) {
        // Your turn:
        //  1. require "name" and "note" (IllegalArgumentException when missing or blank);
        //  2. refuse a wrong "token" with a SecurityException;
        //  3. encrypt the note with kms.encrypt(...) under KEY_ID, with the encryption context {"customer": name};
        //  4. return the greeting and the sealed note (the ciphertext, base64-encoded).
        return Map.of("message", "Hello, " + event.get("name") + "!");
    }
}

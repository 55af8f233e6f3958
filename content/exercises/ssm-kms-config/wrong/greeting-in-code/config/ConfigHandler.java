package config;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Greets a customer with the greeting kept in Parameter Store, accepts callers that present the API token kept as a
 * SecureString, and seals the customer's note with a KMS key so only holders of the key can read it.
 */
public class ConfigHandler implements RequestHandler<Map<String, String>, Map<String, String>> {

    private final KmsClient kms = KmsClient.create();
    private final String keyId = System.getenv("KEY_ID");
    // Configuration is read once per execution environment, during init, not on every invocation.
    private final String greeting;
    private final String token;

    public ConfigHandler() {
        try (SsmClient ssm = SsmClient.create()) {
            greeting = "Ahoy"; // written into the code instead of read from Parameter Store
            token = ssm.getParameter(b -> b.name(System.getenv("TOKEN_PARAMETER")).withDecryption(true))
                    .parameter().value();
        }
    }

    @Override
    public Map<String, String> handleRequest(Map<String, String> event, Context context) {
        String name = required(event, "name");
        String note = required(event, "note");
        if (!token.equals(event.get("token"))) {
            // Say that the token was wrong, never what it should have been.
            throw new SecurityException("invalid token: send the API token kept in Parameter Store");
        }
        context.getLogger().log("Sealing a note for a customer");
        SdkBytes sealed = kms.encrypt(b -> b.keyId(keyId)
                .plaintext(SdkBytes.fromUtf8String(note))
                .encryptionContext(Map.of("customer", name))).ciphertextBlob();
        return Map.of(
                "message", greeting + ", " + name + "!",
                "sealedNote", Base64.getEncoder().encodeToString(sealed.asByteArray()));
    }

    private static String required(Map<String, String> event, String field) {
        String value = event == null ? null : event.get(field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return value;
    }
}

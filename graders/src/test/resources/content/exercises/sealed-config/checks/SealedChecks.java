package checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.Resources;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;

class SealedChecks {

    @Test
    @DisplayName("answers the SecureString's plain value")
    void answersTheSecret(DeployedFunction function) {
        Invocation result = function.invoke("{}");
        assertTrue(result.succeeded(), () -> "the handler failed: " + result.errorType() + ": " + result.errorMessage());
        assertEquals("s3cret", result.json().path("secret").asText(), "the secret field of the result");
    }

    @Test
    @DisplayName("seals the secret with the exercise's key")
    void sealsWithTheKey(DeployedFunction function, Resources resources, KmsClient kms) {
        Invocation result = function.invoke("{}");
        String ciphertext = result.json().path("ciphertext").asText();
        assertTrue(!ciphertext.isEmpty(), "the ciphertext field of the result is empty");
        DecryptResponse opened = kms.decrypt(b -> b.ciphertextBlob(
                SdkBytes.fromByteArray(Base64.getDecoder().decode(ciphertext))));
        assertEquals("s3cret", opened.plaintext().asUtf8String());
        assertEquals(resources.keyArn("notes"), opened.keyId(), "the key that sealed the secret");
    }
}

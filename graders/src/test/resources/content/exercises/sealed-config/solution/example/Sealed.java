package example;

import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

public class Sealed {

    public Map<String, String> handleRequest(Map<String, String> event) {
        try (SsmClient ssm = SsmClient.create(); KmsClient kms = KmsClient.create()) {
            String secret = ssm.getParameter(b -> b.name(System.getenv("SECRET_PARAM")).withDecryption(true))
                    .parameter().value();
            byte[] sealed = kms.encrypt(b -> b.keyId(System.getenv("KEY_ID"))
                    .plaintext(SdkBytes.fromUtf8String(secret))).ciphertextBlob().asByteArray();
            return Map.of("secret", secret, "ciphertext", Base64.getEncoder().encodeToString(sealed));
        }
    }
}

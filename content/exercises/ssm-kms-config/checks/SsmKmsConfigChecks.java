package checks;

import static org.junit.jupiter.api.Assertions.fail;

import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.Points;
import dev.serverlesslab.graders.check.Resources;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The checks of the ssm-kms-config exercise: configuration from Parameter Store (a String and a SecureString) and a
 * note sealed with the exercise's KMS key under an encryption context.
 */
class SsmKmsConfigChecks {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> NAMES = List.of("Ada", "Grace", "Linus", "Margaret", "Alan", "Barbara",
            "Edsger", "Frances");
    private static final List<String> NOTES = List.of("allergic to peanuts", "card ending", "prefers the side door",
            "VAT number", "call after six", "spare key under");

    @Test
    @Order(1)
    @DisplayName("Greets with the greeting kept in the String parameter: {\"name\":\"Ada L.\", …} gives "
            + "\"<greeting>, Ada L.!\", for a name made up for this grading")
    void greetsWithTheConfiguredGreeting(DeployedFunction function, SsmClient ssm, Resources resources) {
        warmUp(function);
        String greeting = ssm.getParameter(b -> b.name(resources.parameter("greeting"))).parameter().value();
        String name = name();
        Invocation invocation = function.invoke(event(name, token(ssm, resources), note()));
        expectSuccess(invocation);
        String expected = greeting + ", " + name + "!";
        String message = invocation.json().path("message").asText(null);
        if (!expected.equals(message)) {
            fail("Expected \"message\": \"" + expected + "\" (the greeting comes from the parameter named by "
                    + "GREETING_PARAMETER), but the function returned " + invocation.payload());
        }
    }

    @Test
    @Order(2)
    @DisplayName("Accepts a caller presenting the API token kept in the SecureString parameter")
    @Hint("A SecureString is stored encrypted: ask for the plain value with "
            + "getParameter(b -> b.name(...).withDecryption(true)).")
    void acceptsTheRightToken(DeployedFunction function, SsmClient ssm, Resources resources) {
        warmUp(function);
        expectSuccess(function.invoke(event(name(), token(ssm, resources), note())));
    }

    @Test
    @Order(3)
    @DisplayName("Refuses a wrong token with a SecurityException that mentions the token")
    void refusesAWrongToken(DeployedFunction function) {
        warmUp(function);
        Invocation invocation = function.invoke(event(name(), "tk-" + Long.toHexString(RANDOM.nextLong()), note()));
        if (invocation.succeeded()) {
            fail("Expected a wrong token to fail the invocation with java.lang.SecurityException, but it succeeded "
                    + "and returned " + invocation.payload());
        }
        if (!"java.lang.SecurityException".equals(invocation.errorType())
                || invocation.errorMessage() == null
                || !invocation.errorMessage().toLowerCase(Locale.ROOT).contains("token")) {
            fail("Expected java.lang.SecurityException with a message about the token, but the function failed with "
                    + invocation.failure());
        }
    }

    @Test
    @Order(4)
    @DisplayName("sealedNote is the note encrypted with the KMS key named by KEY_ID, under the context "
            + "{\"customer\": name}")
    @Hint("Call kms.encrypt with keyId(System.getenv(\"KEY_ID\")), the note as plaintext and "
            + "encryptionContext(Map.of(\"customer\", name)); return the ciphertextBlob base64-encoded.")
    void sealsTheNoteWithTheKey(DeployedFunction function, SsmClient ssm, KmsClient kms, Resources resources) {
        warmUp(function);
        String name = name();
        String note = note();
        SdkBytes sealed = sealedNote(function.invoke(event(name, token(ssm, resources), note)));
        DecryptResponse opened;
        try {
            opened = kms.decrypt(b -> b.ciphertextBlob(sealed).encryptionContext(Map.of("customer", name)));
        } catch (InvalidCiphertextException e) {
            fail("KMS could not decrypt sealedNote with the encryption context {\"customer\": \"" + name + "\"}: "
                    + e.awsErrorDetails().errorMessage() + ". Encrypt with exactly that context.");
            return;
        }
        if (!note.equals(opened.plaintext().asUtf8String())) {
            fail("Expected sealedNote to decrypt to the note \"" + note + "\", but it decrypted to \""
                    + opened.plaintext().asUtf8String() + "\"");
        }
        if (!resources.keyArn("vault").equals(opened.keyId())) {
            fail("Expected the note to be encrypted with the key named by KEY_ID (" + resources.keyArn("vault")
                    + "), but it was encrypted with " + opened.keyId());
        }
    }

    @Test
    @Order(5)
    @DisplayName("The encryption context is bound to sealedNote: decrypting without it fails")
    void bindsTheEncryptionContext(DeployedFunction function, SsmClient ssm, KmsClient kms, Resources resources) {
        warmUp(function);
        SdkBytes sealed = sealedNote(function.invoke(event(name(), token(ssm, resources), note())));
        try {
            kms.decrypt(b -> b.ciphertextBlob(sealed));
        } catch (InvalidCiphertextException expected) {
            return;
        }
        fail("sealedNote could be decrypted without an encryption context, so none was bound to it. Pass "
                + "encryptionContext(Map.of(\"customer\", name)) to Encrypt.");
    }

    @Test
    @Order(6)
    @DisplayName("Fails with an IllegalArgumentException mentioning 'note' when the event has no note")
    void requiresANote(DeployedFunction function, SsmClient ssm, Resources resources) {
        warmUp(function);
        Invocation invocation = function.invoke(event(name(), token(ssm, resources), null));
        if (invocation.succeeded() || !"java.lang.IllegalArgumentException".equals(invocation.errorType())
                || invocation.errorMessage() == null || !invocation.errorMessage().contains("note")) {
            fail("Expected an event without a note to fail with java.lang.IllegalArgumentException mentioning "
                    + "note, but the function " + (invocation.succeeded() ? "returned " + invocation.payload()
                    : "failed with " + invocation.failure()));
        }
    }

    @Test
    @Order(7)
    @Hidden
    @Points(2)
    @DisplayName("Never writes the API token or a customer's note to the logs")
    void keepsSecretsOutOfTheLogs(DeployedFunction function, SsmClient ssm, Resources resources) {
        warmUp(function);
        String token = token(ssm, resources);
        String note = note();
        Invocation good = function.invoke(event(name(), token, note));
        Invocation bad = function.invoke(event(name(), token + "-wrong", note));
        String logs = good.logTail() + "\n" + bad.logTail();
        if (logs.contains(token)) {
            fail("The API token appeared in the function's logs; log that a check failed, never the secret itself.");
        }
        if (logs.contains(note)) {
            fail("A customer's note appeared in the function's logs; the note is what KMS protects.");
        }
    }

    /** A customer's name made up for this grading: no answer written into the code can know it. */
    private static String name() {
        return NAMES.get(RANDOM.nextInt(NAMES.size())) + " " + (char) ('A' + RANDOM.nextInt(26)) + ".";
    }

    /** A note made up for this grading, with a number no log line or constant can hold by chance. */
    private static String note() {
        return NOTES.get(RANDOM.nextInt(NOTES.size())) + " " + (1000 + RANDOM.nextInt(9000));
    }

    private static String token(SsmClient ssm, Resources resources) {
        return ssm.getParameter(b -> b.name(resources.parameter("token")).withDecryption(true)).parameter().value();
    }

    private static Map<String, String> event(String name, String token, String note) {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("name", name);
        event.put("token", token);
        if (note != null) {
            event.put("note", note);
        }
        return event;
    }

    private static void expectSuccess(Invocation invocation) {
        if (!invocation.succeeded()) {
            fail("Expected the invocation to succeed, but it failed with " + invocation.failure());
        }
    }

    private static SdkBytes sealedNote(Invocation invocation) {
        expectSuccess(invocation);
        String sealed = invocation.json().path("sealedNote").asText(null);
        if (sealed == null || sealed.isBlank()) {
            fail("Expected the result to have sealedNote (the encrypted note, base64-encoded), but the function "
                    + "returned " + invocation.payload());
        }
        try {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(sealed));
        } catch (IllegalArgumentException e) {
            fail("sealedNote is not base64: " + sealed);
            return null;
        }
    }

    private static boolean warm;

    /**
     * The first invocation starts the function's execution environment (a cold start), and this init phase reads
     * Parameter Store. On a busy grading machine it may overrun Lambda's 10 s limit; one more try then gives a fair
     * start. Runs once per grading.
     */
    private static void warmUp(DeployedFunction function) {
        for (int attempt = 0; !warm && attempt < 3; attempt++) {
            Invocation invocation = function.invoke("{}");
            warm = invocation.succeeded() || !String.valueOf(invocation.errorType()).startsWith("Sandbox");
        }
        warm = true;
    }
}

package dev.serverlesslab.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the running emulator with clients nobody here wrote, the {@code aws} CLI and boto3, which catch wire-format
 * mistakes the Java SDK forgives. Skipped, saying why, where those clients are not installed.
 */
class IndependentClientsTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Emulator emulator;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void awsCli_kmsSsmStsIamLogsAndLambda_representativeFlows() throws Exception {
        assumeTrue(runs("aws", "--version"), "the aws CLI is not installed on this machine");

        JsonNode key = aws("kms", "create-key", "--description", "cli");
        String keyId = key.path("KeyMetadata").path("KeyId").asText();
        // Blobs go in as files: the CLI versions differ in how they read a blob given inline.
        Path plaintext = Files.write(temp.resolve("plain"), "hello".getBytes(StandardCharsets.UTF_8));
        JsonNode sealed = aws("kms", "encrypt", "--key-id", keyId, "--plaintext", "fileb://" + plaintext);
        Path blob = Files.write(temp.resolve("blob"), Base64.getDecoder().decode(sealed.path("CiphertextBlob").asText()));
        JsonNode opened = aws("kms", "decrypt", "--ciphertext-blob", "fileb://" + blob);
        assertEquals("hello", new String(Base64.getDecoder().decode(opened.path("Plaintext").asText()),
                StandardCharsets.UTF_8));

        aws("ssm", "put-parameter", "--name", "/cli/secret", "--value", "s3cret", "--type", "SecureString");
        JsonNode parameter = aws("ssm", "get-parameter", "--name", "/cli/secret", "--with-decryption");
        assertEquals("s3cret", parameter.path("Parameter").path("Value").asText());

        assertEquals("000000000000", aws("sts", "get-caller-identity").path("Account").asText());
        aws("iam", "create-role", "--role-name", "cli-role", "--assume-role-policy-document", "{\"Statement\":[]}");
        assertEquals("cli-role", aws("iam", "get-role", "--role-name", "cli-role").path("Role").path("RoleName").asText());

        aws("logs", "create-log-group", "--log-group-name", "/cli/group");
        assertTrue(aws("logs", "describe-log-groups").path("logGroups").toString().contains("/cli/group"));

        assertTrue(aws("lambda", "list-functions").path("Functions").isArray());
    }

    @Test
    void boto3_kmsAndSsm_roundTrip() throws Exception {
        assumeTrue(runs("python3", "-c", "import boto3"), "python3 with boto3 is not installed on this machine");
        String script = """
                import boto3, sys
                kw = dict(endpoint_url=sys.argv[1], region_name="us-east-1",
                          aws_access_key_id="test", aws_secret_access_key="test")
                kms = boto3.client("kms", **kw)
                key = kms.create_key()["KeyMetadata"]["KeyId"]
                blob = kms.encrypt(KeyId=key, Plaintext=b"hi", EncryptionContext={"k": "v"})["CiphertextBlob"]
                assert kms.decrypt(CiphertextBlob=blob, EncryptionContext={"k": "v"})["Plaintext"] == b"hi"
                try:
                    kms.decrypt(CiphertextBlob=blob, EncryptionContext={"k": "other"})
                    raise SystemExit("a wrong context decrypted")
                except kms.exceptions.InvalidCiphertextException:
                    pass
                ssm = boto3.client("ssm", **kw)
                ssm.put_parameter(Name="/py/p", Value="v1", Type="String")
                try:
                    ssm.put_parameter(Name="/py/p", Value="v2", Type="String")
                    raise SystemExit("overwrote without Overwrite")
                except ssm.exceptions.ParameterAlreadyExists:
                    pass
                print(ssm.get_parameter(Name="/py/p")["Parameter"]["Value"])
                """;
        Result result = run(List.of("python3", "-c", script, emulator.endpoint().toString()));
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("v1", result.output().strip());
    }

    private JsonNode aws(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", emulator.endpoint().toString(),
                "--region", "us-east-1", "--output", "json"));
        command.addAll(List.of(args));
        Result result = run(command);
        assertEquals(0, result.exitCode(), String.join(" ", args) + " failed: " + result.output());
        return result.output().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.output());
    }

    private static boolean runs(String... command) {
        try {
            return run(List.of(command)).exitCode() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_PAGER", "", "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
        builder.environment().remove("AWS_PROFILE");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }
}

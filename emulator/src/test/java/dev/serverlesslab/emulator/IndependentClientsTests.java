package dev.serverlesslab.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the running emulator with clients nobody here wrote, the {@code aws} CLI and boto3, which catch wire-format
 * mistakes the Java SDK forgives. Skipped, saying why, where those clients are not installed.
 */
class IndependentClientsTests {

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
        assumeTrue(ExternalClients.installed("aws", "--version"), "the aws CLI is not installed on this machine");

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
        assumeTrue(ExternalClients.installed("python3", "-c", "import boto3"), "python3 with boto3 is not installed on this machine");
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
        ExternalClients.Result result = ExternalClients.run(List.of("python3", "-c", script, emulator.endpoint().toString()));
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("v1", result.output().strip());
    }

    @Test
    void awsCli_httpApiQuickCreate_andBoto3RoutesAndStages() throws Exception {
        assumeTrue(ExternalClients.installed("aws", "--version"), "the aws CLI is not installed on this machine");
        assumeTrue(ExternalClients.installed("python3", "-c", "import boto3"),
                "python3 with boto3 is not installed on this machine");

        String target = "arn:aws:lambda:us-east-1:000000000000:function:cli-target";
        JsonNode api = aws("apigatewayv2", "create-api", "--name", "cli-http", "--protocol-type", "HTTP",
                "--target", target);
        String apiId = api.path("ApiId").asText();
        assertTrue(api.path("ApiEndpoint").asText().startsWith("http://" + apiId + ".execute-api."), api.toString());
        assertEquals("$default", aws("apigatewayv2", "get-stages", "--api-id", apiId)
                .path("Items").get(0).path("StageName").asText());

        String script = """
                import boto3, sys
                gw = boto3.client("apigatewayv2", endpoint_url=sys.argv[1], region_name="us-east-1",
                                  aws_access_key_id="test", aws_secret_access_key="test")
                integration = gw.create_integration(ApiId=sys.argv[2], IntegrationType="AWS_PROXY",
                                                    IntegrationUri=sys.argv[3], PayloadFormatVersion="2.0")
                gw.create_route(ApiId=sys.argv[2], RouteKey="GET /orders/{id}",
                                Target="integrations/" + integration["IntegrationId"])
                keys = sorted(r["RouteKey"] for r in gw.get_routes(ApiId=sys.argv[2])["Items"])
                try:
                    gw.get_api(ApiId="nosuchapi0")
                    raise SystemExit("found an API that does not exist")
                except gw.exceptions.NotFoundException:
                    pass
                print(",".join(keys))
                """;
        ExternalClients.Result result = ExternalClients.run(
                List.of("python3", "-c", script, emulator.endpoint().toString(), apiId, target));
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("$default,GET /orders/{id}", result.output().strip());
    }

    @Test
    void awsCli_servicesNotEmulated_failWithAnErrorNamingTheService() throws Exception {
        assumeTrue(ExternalClients.installed("aws", "--version"), "the aws CLI is not installed on this machine");

        // A client of each wire format of services the emulator does not serve: query/XML (CloudFormation) and JSON
        // (Secrets Manager).
        for (List<String> call : List.of(List.of("cloudformation", "list-stacks"),
                List.of("secretsmanager", "list-secrets"))) {
            ExternalClients.Result result = ExternalClients.run(
                    ExternalClients.aws(emulator.endpoint().toString(), call.toArray(String[]::new)));
            assertNotEquals(0, result.exitCode(), result.output());
            assertTrue(result.output().contains("(UnknownOperationException)")
                    && result.output().contains("does not support the " + call.get(0).replace("api", "")
                    + " service"), result.output());
        }
    }

    private JsonNode aws(String... args) throws Exception {
        return ExternalClients.awsJson(emulator.endpoint().toString(), args);
    }
}

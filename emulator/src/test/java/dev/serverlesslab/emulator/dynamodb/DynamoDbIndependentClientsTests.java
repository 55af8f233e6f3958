package dev.serverlesslab.emulator.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * DynamoDB through the emulator with clients nobody here wrote, the {@code aws} CLI and boto3 (botocore checks the
 * {@code x-amz-crc32} of every DynamoDB answer, so a body changed in forwarding fails here). Skipped, saying why,
 * where they are not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbIndependentClientsTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private Path workDir;
    private DynamoDbWire wire;

    @BeforeAll
    void start() throws IOException {
        workDir = Files.createTempDirectory("dynamodb-independent-clients-");
        wire = new DynamoDbWire(new DynamoDbService(workDir));
    }

    @AfterAll
    void stop() throws IOException {
        wire.close();
        Files.delete(workDir);
    }

    @Test
    void awsCli_createTableWaitPutGetQuery() throws Exception {
        assumeTrue(runs("aws", "--version"), "the aws CLI is not installed on this machine");

        aws("dynamodb", "create-table", "--table-name", "cli-orders", "--billing-mode", "PAY_PER_REQUEST",
                "--attribute-definitions", "AttributeName=id,AttributeType=S",
                "--key-schema", "AttributeName=id,KeyType=HASH");
        aws("dynamodb", "wait", "table-exists", "--table-name", "cli-orders");
        aws("dynamodb", "put-item", "--table-name", "cli-orders",
                "--item", "{\"id\":{\"S\":\"o-1\"},\"total\":{\"N\":\"12\"}}");
        JsonNode item = aws("dynamodb", "get-item", "--table-name", "cli-orders",
                "--key", "{\"id\":{\"S\":\"o-1\"}}").path("Item");
        JsonNode queried = aws("dynamodb", "query", "--table-name", "cli-orders",
                "--key-condition-expression", "id = :id",
                "--expression-attribute-values", "{\":id\":{\"S\":\"o-1\"}}");

        assertEquals("12", item.path("total").path("N").asText(), item.toString());
        assertEquals(1, queried.path("Count").asInt(), queried.toString());
    }

    @Test
    void boto3_conditionalPutOfAnExistingItem_raisesConditionalCheckFailed() throws Exception {
        assumeTrue(runs("python3", "-c", "import boto3"), "boto3 is not installed on this machine");
        String script = """
                import sys, boto3
                ddb = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1")
                ddb.create_table(TableName="py-orders", BillingMode="PAY_PER_REQUEST",
                    AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                    KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
                ddb.get_waiter("table_exists").wait(TableName="py-orders")
                ddb.put_item(TableName="py-orders", Item={"id": {"S": "o-1"}})
                try:
                    ddb.put_item(TableName="py-orders", Item={"id": {"S": "o-1"}},
                        ConditionExpression="attribute_not_exists(id)")
                    print("no error")
                except ddb.exceptions.ConditionalCheckFailedException as e:
                    print(e.response["Error"]["Code"])
                """;
        Result result = run(List.of("python3", "-c", script, wire.endpoint().toString()));

        assertEquals(0, result.exitCode(), result.output());
        assertEquals("ConditionalCheckFailedException", result.output().strip());
    }

    private JsonNode aws(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", wire.endpoint().toString(),
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

package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.ExternalClients;
import fixtures.Counter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wire shapes of event source mappings, event invoke configs, function URLs, tags and account settings as the
 * aws CLI (botocore, a client nobody here wrote) reads them. Skipped, saying why, where the CLI is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaEventsCliTests {

    @TempDir
    Path workDir;
    private RunningEmulator running;
    private String endpoint;

    @BeforeAll
    void start() {
        running = new RunningEmulator(workDir);
        endpoint = running.emulator.endpoint().toString();
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @Test
    void awsCli_readsMappingsInvokeConfigsUrlsTagsAndAccountSettings() throws Exception {
        assumeTrue(ExternalClients.installed("aws", "--version"), "the aws CLI is not installed on this machine");
        Path zip = workDir.resolve("counter.zip");
        Files.write(zip, FunctionZips.of(Counter.class));
        String arn = aws("lambda", "create-function", "--function-name", "cli-events", "--runtime", "java17",
                "--role", RunningEmulator.ROLE, "--handler", "fixtures.Counter::handle",
                "--zip-file", "fileb://" + zip).path("FunctionArn").asText();
        String stream = aws("dynamodb", "create-table", "--table-name", "cli-stream", "--billing-mode",
                "PAY_PER_REQUEST", "--attribute-definitions", "AttributeName=id,AttributeType=S", "--key-schema",
                "AttributeName=id,KeyType=HASH", "--stream-specification", "StreamEnabled=true,StreamViewType=NEW_IMAGE")
                .path("TableDescription").path("LatestStreamArn").asText();

        JsonNode mapping = aws("lambda", "create-event-source-mapping", "--function-name", "cli-events",
                "--event-source-arn", stream, "--starting-position", "LATEST", "--batch-size", "5",
                "--function-response-types", "ReportBatchItemFailures");
        String uuid = mapping.path("UUID").asText();
        assertEquals("Creating", mapping.path("State").asText());
        assertEquals(5, mapping.path("BatchSize").asInt());
        assertEquals("ReportBatchItemFailures", mapping.path("FunctionResponseTypes").path(0).asText());
        JsonNode got = aws("lambda", "get-event-source-mapping", "--uuid", uuid);
        assertEquals("Enabled", got.path("State").asText());
        // REST-JSON timestamps are epoch seconds on the wire, which the CLI prints as sent.
        assertTrue(Math.abs(got.path("LastModified").asDouble() - System.currentTimeMillis() / 1000.0) < 600,
                "LastModified in epoch seconds: " + got);
        assertEquals(uuid, aws("lambda", "list-event-source-mappings", "--event-source-arn", stream)
                .path("EventSourceMappings").path(0).path("UUID").asText());
        assertEquals("Deleting", aws("lambda", "delete-event-source-mapping", "--uuid", uuid).path("State").asText());

        JsonNode invokeConfig = aws("lambda", "put-function-event-invoke-config", "--function-name", "cli-events",
                "--maximum-retry-attempts", "1", "--destination-config", "{\"OnFailure\":{\"Destination\":\"" + arn
                        + "\"}}");
        assertEquals(1, invokeConfig.path("MaximumRetryAttempts").asInt());
        assertEquals(arn, invokeConfig.path("DestinationConfig").path("OnFailure").path("Destination").asText());
        assertTrue(invokeConfig.path("LastModified").isNumber(), invokeConfig.toString());

        JsonNode url = aws("lambda", "create-function-url-config", "--function-name", "cli-events", "--auth-type",
                "NONE", "--cors", "AllowOrigins=*,MaxAge=60");
        assertTrue(url.path("FunctionUrl").asText().contains(".lambda-url.us-east-1.localhost:"), url.toString());
        assertEquals(60, url.path("Cors").path("MaxAge").asInt());

        aws("lambda", "tag-resource", "--resource", arn, "--tags", "team=orders,stage=dev");
        aws("lambda", "untag-resource", "--resource", arn, "--tag-keys", "stage");
        assertEquals("{\"team\":\"orders\"}", aws("lambda", "list-tags", "--resource", arn).path("Tags").toString());

        JsonNode settings = aws("lambda", "get-account-settings");
        assertEquals(1000, settings.path("AccountLimit").path("ConcurrentExecutions").asInt());
        assertEquals(1, settings.path("AccountUsage").path("FunctionCount").asInt());
    }

    private JsonNode aws(String... args) throws Exception {
        return ExternalClients.awsJson(endpoint, args);
    }
}

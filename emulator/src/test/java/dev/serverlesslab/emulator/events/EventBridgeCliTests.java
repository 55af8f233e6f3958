package dev.serverlesslab.emulator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.ExternalClients;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * EventBridge's wire shapes as the aws CLI (botocore, a client nobody here wrote) sends and reads them. Skipped,
 * saying why, where the CLI is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventBridgeCliTests {

    @TempDir
    Path workDir;
    private EventsEmulator running;
    private String endpoint;

    @BeforeAll
    void start() {
        running = new EventsEmulator(workDir);
        endpoint = running.emulator.endpoint().toString();
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @Test
    void awsCli_managesBusesRulesAndTargets_andPutsEvents() throws Exception {
        assumeTrue(ExternalClients.installed("aws", "--version"), "the aws CLI is not installed on this machine");
        String bus = aws("events", "create-event-bus", "--name", "cli-bus").path("EventBusArn").asText();
        assertEquals("arn:aws:events:us-east-1:000000000000:event-bus/cli-bus", bus);
        String rule = aws("events", "put-rule", "--name", "cli-rule", "--event-bus-name", "cli-bus",
                "--event-pattern", "{\"source\":[{\"prefix\":\"cli.\"}]}").path("RuleArn").asText();
        assertEquals("arn:aws:events:us-east-1:000000000000:rule/cli-bus/cli-rule", rule);
        JsonNode described = aws("events", "describe-rule", "--name", "cli-rule", "--event-bus-name", "cli-bus");
        assertEquals("ENABLED", described.path("State").asText());
        assertEquals("cli-bus", described.path("EventBusName").asText());

        JsonNode targets = aws("events", "put-targets", "--rule", "cli-rule", "--event-bus-name", "cli-bus",
                "--targets", "[{\"Id\":\"fn\",\"Arn\":\"arn:aws:lambda:us-east-1:000000000000:function:cli-fn\","
                        + "\"Input\":\"{\\\"a\\\":1}\"}]");
        assertEquals(0, targets.path("FailedEntryCount").asInt());
        assertEquals("{\"a\":1}", aws("events", "list-targets-by-rule", "--rule", "cli-rule", "--event-bus-name",
                "cli-bus").path("Targets").path(0).path("Input").asText());

        JsonNode put = aws("events", "put-events", "--entries", "[{\"Source\":\"cli.app\",\"DetailType\":\"t\","
                + "\"Detail\":\"{\\\"k\\\":1}\",\"EventBusName\":\"" + bus + "\"}]");
        assertEquals(0, put.path("FailedEntryCount").asInt());
        assertTrue(put.path("Entries").path(0).path("EventId").asText().length() > 10, put.toString());

        JsonNode test = aws("events", "test-event-pattern", "--event-pattern", "{\"source\":[\"cli.app\"]}",
                "--event", "{\"id\":\"1\",\"account\":\"000000000000\",\"source\":\"cli.app\",\"time\":"
                        + "\"2026-01-01T00:00:00Z\",\"region\":\"us-east-1\",\"detail-type\":\"t\",\"detail\":{}}");
        assertTrue(test.path("Result").asBoolean(), test.toString());

        ExternalClients.Result bad = ExternalClients.run(ExternalClients.aws(endpoint, "events", "put-rule", "--name",
                "bad", "--event-pattern", "{\"source\":[{\"nope\":1}]}"));
        assertTrue(bad.output().contains("InvalidEventPatternException"), bad.output());
        ExternalClients.Result archive = ExternalClients.run(ExternalClients.aws(endpoint, "events", "list-archives"));
        assertTrue(archive.output().contains("AWSEvents.ListArchives"), archive.output());
    }

    private JsonNode aws(String... args) throws Exception {
        return ExternalClients.awsJson(endpoint, args);
    }
}

package dev.serverlesslab.emulator.stepfunctions;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.emulator.ExternalClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step Functions through the aws CLI (botocore's own serializer and parser): the tutorial's create, start,
 * describe and history calls, StartSyncExecution with host prefix injection turned off, and an invalid definition.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepFunctionsCliTests {

    private static final String ROLE = "arn:aws:iam::000000000000:role/states-role";
    private static final String DEFINITION = """
            {"StartAt":"Greet","States":{"Greet":{"Type":"Pass",
              "Parameters":{"greeting.$":"States.Format('Hello, {}!', $.name)"},"Next":"Done"},
              "Done":{"Type":"Succeed"}}}""";

    @TempDir
    Path workDir;
    private Emulator emulator;
    private String endpoint;

    @BeforeAll
    void start() {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
        endpoint = emulator.endpoint().toString();
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void cli_createsAMachine_runsIt_andReadsItsHistory() throws Exception {
        assumeTrue(ExternalClients.installed("aws", "--version"), "the aws CLI is not installed on this machine");
        String arn = aws("stepfunctions", "create-state-machine", "--name", "cli-hello", "--role-arn", ROLE,
                "--definition", DEFINITION).path("stateMachineArn").asText();

        String execution = aws("stepfunctions", "start-execution", "--state-machine-arn", arn, "--input",
                "{\"name\":\"Ada\"}").path("executionArn").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(describe(execution).path("status")
                .asText()));

        JsonNode described = describe(execution);
        assertEquals("SUCCEEDED", described.path("status").asText());
        assertEquals("{\"greeting\":\"Hello, Ada!\"}", described.path("output").asText());
        JsonNode events = aws("stepfunctions", "get-execution-history", "--execution-arn", execution).path("events");
        List<String> types = new ArrayList<>();
        events.forEach(event -> types.add(event.path("type").asText()));
        assertEquals(List.of("ExecutionStarted", "PassStateEntered", "PassStateExited", "SucceedStateEntered",
                "SucceedStateExited", "ExecutionSucceeded"), types);
        List<String> machines = new ArrayList<>();
        aws("stepfunctions", "list-state-machines").path("stateMachines")
                .forEach(machine -> machines.add(machine.path("stateMachineArn").asText()));
        assertTrue(machines.contains(arn), machines.toString());
    }

    @Test
    void cli_startSyncExecution_onExpress_withHostPrefixInjectionDisabled() throws Exception {
        assumeTrue(ExternalClients.installed("aws", "--version"), "the aws CLI is not installed on this machine");
        String arn = aws("stepfunctions", "create-state-machine", "--name", "cli-express", "--type", "EXPRESS",
                "--role-arn", ROLE, "--definition", DEFINITION).path("stateMachineArn").asText();

        // botocore would send this to sync-127.0.0.1; a user of an emulator turns the prefix off.
        List<String> command = new ArrayList<>(List.of("env", "AWS_DISABLE_HOST_PREFIX_INJECTION=true"));
        command.addAll(ExternalClients.aws(endpoint, "stepfunctions", "start-sync-execution", "--state-machine-arn",
                arn, "--input", "{\"name\":\"Grace\"}"));
        ExternalClients.Result result = ExternalClients.run(command);

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("\"status\": \"SUCCEEDED\""), result.output());
        assertTrue(result.output().contains("Hello, Grace!"), result.output());
    }

    @Test
    void cli_invalidDefinition_failsWithInvalidDefinition() throws Exception {
        assumeTrue(ExternalClients.installed("aws", "--version"), "the aws CLI is not installed on this machine");

        ExternalClients.Result result = ExternalClients.run(ExternalClients.aws(endpoint, "stepfunctions",
                "create-state-machine", "--name", "cli-bad", "--role-arn", ROLE, "--definition",
                "{\"StartAt\":\"X\",\"States\":{\"X\":{\"Type\":\"Teleport\",\"End\":true}}}"));

        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("(InvalidDefinition)"), result.output());
        assertTrue(result.output().contains("/States/X/Type"), result.output());
    }

    private JsonNode describe(String execution) throws Exception {
        return aws("stepfunctions", "describe-execution", "--execution-arn", execution);
    }

    private JsonNode aws(String... args) throws Exception {
        return ExternalClients.awsJson(endpoint, args);
    }
}

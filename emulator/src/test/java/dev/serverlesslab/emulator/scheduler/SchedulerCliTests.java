package dev.serverlesslab.emulator.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.ExternalClients;
import dev.serverlesslab.emulator.events.EventsEmulator;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** EventBridge Scheduler as the aws CLI sends and reads it; skipped, saying why, where the CLI is missing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulerCliTests {

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
    void awsCli_createsReadsListsAndDeletesSchedules() throws Exception {
        assumeTrue(ExternalClients.installed("aws", "--version"), "the aws CLI is not installed on this machine");
        JsonNode created = aws("scheduler", "create-schedule", "--name", "cli-schedule", "--schedule-expression",
                "rate(5 minutes)", "--flexible-time-window", "Mode=OFF", "--target",
                "{\"Arn\":\"arn:aws:lambda:us-east-1:000000000000:function:f\",\"RoleArn\":\"" + running.role
                        + "\",\"Input\":\"{}\"}");
        assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule/default/cli-schedule",
                created.path("ScheduleArn").asText());
        JsonNode got = aws("scheduler", "get-schedule", "--name", "cli-schedule");
        assertEquals("rate(5 minutes)", got.path("ScheduleExpression").asText());
        assertEquals("OFF", got.path("FlexibleTimeWindow").path("Mode").asText());
        assertTrue(got.path("CreationDate").isTextual() || got.path("CreationDate").isNumber(), got.toString());
        assertEquals("cli-schedule", aws("scheduler", "list-schedules").path("Schedules").path(0).path("Name")
                .asText());
        aws("scheduler", "delete-schedule", "--name", "cli-schedule");
        ExternalClients.Result missing = ExternalClients.run(ExternalClients.aws(endpoint, "scheduler",
                "get-schedule", "--name", "cli-schedule"));
        assertTrue(missing.output().contains("ResourceNotFoundException"), missing.output());
    }

    private JsonNode aws(String... args) throws Exception {
        return ExternalClients.awsJson(endpoint, args);
    }
}

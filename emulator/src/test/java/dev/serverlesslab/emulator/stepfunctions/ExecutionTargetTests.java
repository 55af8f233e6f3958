package dev.serverlesslab.emulator.stepfunctions;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.core.Targets;
import dev.serverlesslab.emulator.stepfunctions.asl.TaskInvoker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** State machines as {@code core.Targets} targets: a delivery (an EventBridge rule's event) starts an execution. */
class ExecutionTargetTests {

    private static final AccountRegion SCOPE = new AccountRegion("000000000000", "us-east-1");

    @Test
    void delivery_startsAnExecutionWithTheMessageAsInput() {
        try (StepFunctionsBackend backend = new StepFunctionsBackend(new EmulatorClock(), new TaskInvoker() {
            @Override
            public Optional<String> problem(String resource) {
                return Optional.of("no tasks here");
            }

            @Override
            public JsonNode invoke(AccountRegion scope, String resource, JsonNode input) {
                throw new IllegalStateException("no tasks here");
            }
        })) {
            Targets targets = new Targets();
            targets.register("states", new ExecutionTarget(backend));
            String arn = backend.createStateMachine(SCOPE, "on-event", "{\"StartAt\":\"P\",\"States\":{\"P\":"
                    + "{\"Type\":\"Pass\",\"InputPath\":\"$.detail\",\"End\":true}}}",
                    "arn:aws:iam::000000000000:role/r", null, Map.of()).arn();

            targets.deliver(Targets.Delivery.of(arn, "{\"detail\":{\"order\":7}}", "events.amazonaws.com",
                    "arn:aws:events:us-east-1:000000000000:rule/r", "000000000000"));

            await().atMost(Duration.ofSeconds(10)).until(() -> backend.listExecutions(SCOPE, arn, "SUCCEEDED").size()
                    == 1);
            assertEquals("{\"order\":7}", backend.listExecutions(SCOPE, arn, null).get(0).output());
            assertThrows(AwsException.class, () -> targets.deliver(Targets.Delivery.of(arn + "-missing", "{}", null,
                    null, null)));
            assertEquals(List.of(), backend.listExecutions(SCOPE, arn, "FAILED"));
        }
    }
}

package checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.graders.check.Eventually;
import dev.serverlesslab.graders.check.Functions;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.Resources;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

class TwoStepsChecks {

    @Test
    @DisplayName("each function runs its own handler with its own environment")
    void eachFunctionIsItsOwn(Functions functions) throws Exception {
        assertEquals(List.of("double", "label"), functions.names());
        Invocation doubled = functions.get("double").invoke("{\"n\": 21}");
        assertEquals(42, doubled.json().path("n").asInt(), doubled.payload());
        assertEquals("double", doubled.json().path("step").asText());
        Invocation labelled = functions.get("label").invoke("{\"n\": 5}");
        assertEquals("n=5", labelled.json().path("label").asText(), labelled.payload());
        assertEquals("default", labelled.json().path("step").asText());
    }

    @Test
    @DisplayName("the state machine runs both functions in turn")
    void theMachineRunsBoth(Functions functions, SfnClient sfn, Resources resources) throws Exception {
        int before = functions.get("label").invocationCount();
        String arn = sfn.startExecution(b -> b.stateMachineArn(resources.stateMachineArn("flow")).input("{\"n\": 4}"))
                .executionArn();
        DescribeExecutionResponse execution = Eventually.get("the execution to finish", Duration.ofSeconds(20), () -> {
            DescribeExecutionResponse now = sfn.describeExecution(b -> b.executionArn(arn));
            return now.status() == ExecutionStatus.RUNNING ? Optional.empty() : Optional.of(now);
        });
        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), String.valueOf(execution.cause()));
        JsonNode output = new ObjectMapper().readTree(execution.output());
        assertEquals("n=8", output.path("label").asText(), execution.output());
        assertTrue(functions.get("label").invocationCount() > before, "label should have run once more");
    }
}

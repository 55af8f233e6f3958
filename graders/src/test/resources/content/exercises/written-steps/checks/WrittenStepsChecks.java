package checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.graders.check.Execution;
import dev.serverlesslab.graders.check.StateMachines;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WrittenStepsChecks {

    @Test
    @DisplayName("the learner's state machine doubles, then labels")
    void doublesThenLabels(StateMachines machines) throws Exception {
        Execution execution = machines.run("flow", "{\"n\": 4}", Duration.ofSeconds(20));
        assertEquals("SUCCEEDED", execution.status(), execution::describe);
        assertEquals("n=8", new ObjectMapper().readTree(execution.output()).path("label").asText(),
                execution.output());
    }
}

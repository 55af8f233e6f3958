package checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Invocation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EchoChecks {

    @Test
    @DisplayName("echoes the message")
    void echoes(DeployedFunction function) {
        Invocation result = function.invoke("{\"message\":\"hi\"}");
        assertTrue(result.succeeded(), () -> "the handler failed: " + result.errorType() + ": " + result.errorMessage());
        assertEquals("hi", result.json().path("message").asText(), "the message field of the result");
    }
}

package checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Invocation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ShapesChecks {

    @Test
    @DisplayName("a circle of radius 10 has area 314")
    void circle(DeployedFunction function) {
        Invocation result = function.invoke("{\"kind\":\"circle\",\"size\":10}");
        assertTrue(result.succeeded(), () -> "the handler failed: " + result.errorType() + ": " + result.errorMessage());
        assertEquals(314, result.json().path("area").asLong(), "the area field of the result");
        assertTrue(result.json().path("java").asInt() >= 21, "runs on Java 21 or newer");
    }
}

package checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.Resources;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GreetingChecks {

    @Test
    @DisplayName("answers with the value of the greeting parameter")
    void answersWithTheParameter(DeployedFunction function) {
        Invocation result = function.invoke("{}");
        assertTrue(result.succeeded(), () -> "the handler failed: " + result.errorType() + ": " + result.errorMessage());
        assertEquals("hi from SSM", result.json().path("greeting").asText(), "the greeting field of the result");
    }

    @Test
    @DisplayName("the greeting parameter has a name of its own in this grading")
    void parameterNameIsUnique(Resources resources) {
        assertTrue(resources.parameter("greeting").matches("/lab/[0-9a-f]{8}/lab/greeting"),
                resources.parameter("greeting"));
    }
}

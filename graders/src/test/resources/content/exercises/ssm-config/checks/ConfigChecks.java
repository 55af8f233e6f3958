package checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.Points;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

class ConfigChecks {

    private static String put(SsmClient ssm, String value) {
        String name = "/lab/fixture/" + UUID.randomUUID();
        ssm.putParameter(b -> b.name(name).value(value).type(ParameterType.STRING));
        return name;
    }

    @Test
    @Points(2)
    @DisplayName("returns the parameter's value")
    @Hint("Create the client with SsmClient.create() and call getParameter with the event's name")
    void returnsTheValue(DeployedFunction function, SsmClient ssm) {
        String name = put(ssm, "blue");
        Invocation result = function.invoke("{\"name\":\"" + name + "\"}");
        assertTrue(result.succeeded(), () -> "the handler failed: " + result.errorType() + ": " + result.errorMessage());
        assertEquals("blue", result.json().path("value").asText(), "the value field of the result");
    }

    @Test
    @Hidden
    @DisplayName("returns a value the checks changed")
    void followsChanges(DeployedFunction function, SsmClient ssm) {
        String name = put(ssm, "green");
        ssm.putParameter(b -> b.name(name).value("red").type(ParameterType.STRING).overwrite(true));
        assertEquals("red", function.invoke("{\"name\":\"" + name + "\"}").json().path("value").asText(),
                "the value after the parameter changed");
    }
}

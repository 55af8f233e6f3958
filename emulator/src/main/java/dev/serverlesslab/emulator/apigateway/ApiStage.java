package dev.serverlesslab.emulator.apigateway;

import java.time.Instant;
import java.util.Map;

/** A stage: a name in the invoke URL pointing at one deployment, with its stage variables. */
public record ApiStage(
        String stageName,
        String deploymentId,
        String description,
        Map<String, String> variables,
        Map<String, String> tags,
        boolean tracingEnabled,
        Instant createdDate,
        Instant lastUpdatedDate) {

    public ApiStage {
        variables = Map.copyOf(variables);
        tags = Map.copyOf(tags);
    }

    public ApiStage deployed(String newDeploymentId, Map<String, String> newVariables, Instant now) {
        return new ApiStage(stageName, newDeploymentId, description, newVariables, tags, tracingEnabled, createdDate,
                now);
    }
}

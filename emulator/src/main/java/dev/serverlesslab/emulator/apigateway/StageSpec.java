package dev.serverlesslab.emulator.apigateway;

import java.util.Map;

/** What CreateStage asks for. */
public record StageSpec(
        String stageName,
        String deploymentId,
        String description,
        Map<String, String> variables,
        Map<String, String> tags,
        boolean tracingEnabled) {

    public StageSpec {
        variables = Map.copyOf(variables);
        tags = Map.copyOf(tags);
    }
}

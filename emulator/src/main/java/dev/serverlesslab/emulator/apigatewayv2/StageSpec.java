package dev.serverlesslab.emulator.apigatewayv2;

import java.util.Map;

/** What CreateStage asks for. */
public record StageSpec(
        String stageName,
        String description,
        boolean autoDeploy,
        String deploymentId,
        Map<String, String> stageVariables) {

    public StageSpec {
        stageVariables = stageVariables == null ? Map.of() : Map.copyOf(stageVariables);
    }
}

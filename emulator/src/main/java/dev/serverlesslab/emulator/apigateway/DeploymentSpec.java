package dev.serverlesslab.emulator.apigateway;

import java.util.Map;

/**
 * What CreateDeployment asks for.
 *
 * @param stageName null to only snapshot; otherwise the stage is created or pointed at the new deployment
 * @param variables stage variables for that stage
 */
public record DeploymentSpec(String stageName, String stageDescription, String description,
        Map<String, String> variables) {

    public DeploymentSpec {
        variables = Map.copyOf(variables);
    }
}

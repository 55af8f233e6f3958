package dev.serverlesslab.emulator.apigateway;

import dev.serverlesslab.emulator.core.AccountRegion;

/** What one stage of an API serves: the API, the stage with its variables, and the deployment's snapshot. */
public record DeployedStage(AccountRegion scope, RestApi api, ApiStage stage, ApiDeployment deployment) {
}

package dev.serverlesslab.emulator.apigatewayv2;

import java.time.Instant;
import java.util.Map;

/**
 * A stage of an HTTP API: {@code $default} (served at the root of the endpoint) or a named one (served below
 * {@code /name}).
 *
 * @param autoDeploy true when the stage serves the API's current routes; false when it serves its deployment
 * @param deploymentId the deployment a stage without auto-deploy serves, or null when none has been made
 */
public record Stage(
        String stageName,
        String description,
        boolean autoDeploy,
        String deploymentId,
        Map<String, String> stageVariables,
        Instant createdDate,
        Instant lastUpdatedDate,
        boolean apiGatewayManaged) {

    /** The stage AWS serves at the root of the API's endpoint. */
    public static final String DEFAULT = "$default";

    public Stage {
        stageVariables = Map.copyOf(stageVariables);
    }

    Stage deployed(String newDeploymentId, Instant when) {
        return new Stage(stageName, description, autoDeploy, newDeploymentId, stageVariables, createdDate, when,
                apiGatewayManaged);
    }
}

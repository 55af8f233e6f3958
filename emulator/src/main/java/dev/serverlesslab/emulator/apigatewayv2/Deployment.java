package dev.serverlesslab.emulator.apigatewayv2;

import java.time.Instant;

/**
 * A deployment of an HTTP API: a snapshot of its routes that stages without auto-deploy serve.
 *
 * @param autoDeployed true when a stage with auto-deploy made it rather than CreateDeployment
 * @param deploymentStatus always {@code DEPLOYED}: deployments finish at once here
 */
public record Deployment(
        String deploymentId,
        String description,
        Instant createdDate,
        boolean autoDeployed,
        String deploymentStatus) {
}

package dev.serverlesslab.emulator.lambda;

import java.util.Map;

/**
 * Lambda's {@code AliasConfiguration}: a name that points at a version, optionally shifting some traffic to a second
 * one; what the alias operations return, member for member.
 */
public record AliasConfiguration(
        String aliasArn,
        String name,
        String functionVersion,
        String description,
        RoutingConfig routingConfig,
        String revisionId) {

    /** {@code RoutingConfig}: the second version and the share of invocations (0.0 to 1.0) it gets. */
    public record RoutingConfig(Map<String, Double> additionalVersionWeights) {
    }
}

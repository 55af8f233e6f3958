package dev.serverlesslab.emulator.lambda;

/**
 * The CreateAlias and UpdateAlias request members (names as in the Lambda API); absent members are null, and in an
 * update keep their current value.
 */
public record AliasRequest(String name, String functionVersion, String description,
        AliasConfiguration.RoutingConfig routingConfig, String revisionId) {
}

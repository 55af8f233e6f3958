package dev.serverlesslab.emulator.apigatewayv2;

import java.util.List;

/**
 * A JWT authorizer's settings: tokens must come from {@code issuer} (whose OpenID discovery document names the
 * JWKS its keys are read from) and carry one of the {@code audience} values in {@code aud} or {@code client_id}.
 */
public record JwtConfiguration(List<String> audience, String issuer) {

    public JwtConfiguration {
        audience = audience == null ? List.of() : List.copyOf(audience);
    }
}

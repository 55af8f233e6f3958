package dev.serverlesslab.emulator.apigatewayv2;

import java.util.List;

/**
 * An HTTP API's authorizer as CreateAuthorizer sets it up: a Lambda {@code REQUEST} authorizer (payload format 2.0)
 * or a {@code JWT} authorizer.
 *
 * @param identitySource e.g. {@code $request.header.Authorization}: each must be present, or the call is refused
 *     with 401 before the function runs
 * @param enableSimpleResponses the function answers {@code {"isAuthorized": ...}} rather than an IAM policy
 * @param authorizerResultTtlInSeconds how long a result is reused for the same identity; 0 turns caching off
 * @param jwtConfiguration issuer and audiences of a JWT authorizer, else null
 */
public record HttpAuthorizer(
        String authorizerId,
        String name,
        String authorizerType,
        String authorizerUri,
        List<String> identitySource,
        String authorizerPayloadFormatVersion,
        boolean enableSimpleResponses,
        int authorizerResultTtlInSeconds,
        JwtConfiguration jwtConfiguration) {

    public HttpAuthorizer {
        identitySource = identitySource == null ? List.of() : List.copyOf(identitySource);
    }
}

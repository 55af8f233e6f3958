package dev.serverlesslab.emulator.apigatewayv2;

import java.util.List;

/**
 * An HTTP API's Lambda authorizer as CreateAuthorizer sets it up (only {@code REQUEST} with payload format 2.0 here).
 *
 * @param identitySource e.g. {@code $request.header.Authorization}: each must be present, or the call is refused
 *     with 401 before the function runs
 * @param enableSimpleResponses the function answers {@code {"isAuthorized": ...}} rather than an IAM policy
 * @param authorizerResultTtlInSeconds how long a result is reused for the same identity; 0 turns caching off
 */
public record HttpAuthorizer(
        String authorizerId,
        String name,
        String authorizerType,
        String authorizerUri,
        List<String> identitySource,
        String authorizerPayloadFormatVersion,
        boolean enableSimpleResponses,
        int authorizerResultTtlInSeconds) {

    public HttpAuthorizer {
        identitySource = identitySource == null ? List.of() : List.copyOf(identitySource);
    }
}

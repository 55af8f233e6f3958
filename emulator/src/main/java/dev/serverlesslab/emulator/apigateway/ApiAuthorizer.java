package dev.serverlesslab.emulator.apigateway;

/**
 * A REST API's Lambda authorizer as CreateAuthorizer sets it up.
 *
 * @param type {@code TOKEN} or {@code REQUEST}
 * @param identitySource e.g. {@code method.request.header.Authorization}; for REQUEST a comma-separated list,
 *     possibly empty (then nothing is checked before the call and results are not cached)
 * @param identityValidationExpression a regular expression a TOKEN must match before the authorizer is called
 * @param resultTtlSeconds how long a result is reused for the same identity; 0 turns caching off
 */
public record ApiAuthorizer(
        String id,
        String name,
        String type,
        String authorizerUri,
        String identitySource,
        String identityValidationExpression,
        int resultTtlSeconds) {

    /** API Gateway's default authorizerResultTtlInSeconds. */
    static final int DEFAULT_TTL_SECONDS = 300;
    /** API Gateway's ceiling for authorizerResultTtlInSeconds. */
    static final int MAX_TTL_SECONDS = 3600;
}

package dev.serverlesslab.emulator.apigateway;

import java.util.Map;

/**
 * A method on a resource as PutMethod sets it up. {@code CUSTOM} authorization runs the Lambda authorizer
 * {@code authorizerId} names on every call ({@link LambdaAuthorizers}).
 *
 * @param authorizerId the authorizer of a {@code CUSTOM} method, else null
 * @param integration null until PutIntegration
 */
public record ApiMethod(
        String httpMethod,
        String authorizationType,
        String authorizerId,
        boolean apiKeyRequired,
        String operationName,
        Map<String, Boolean> requestParameters,
        ApiIntegration integration) {

    public ApiMethod {
        requestParameters = Map.copyOf(requestParameters);
    }

    public ApiMethod withIntegration(ApiIntegration replacement) {
        return new ApiMethod(httpMethod, authorizationType, authorizerId, apiKeyRequired, operationName,
                requestParameters, replacement);
    }
}

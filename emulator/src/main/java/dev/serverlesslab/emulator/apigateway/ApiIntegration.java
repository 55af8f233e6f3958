package dev.serverlesslab.emulator.apigateway;

import java.util.List;

/**
 * A method's integration: only {@code AWS_PROXY} to a Lambda function runs here.
 *
 * @param httpMethod how API Gateway calls the backend; POST for Lambda
 * @param timeoutInMillis how long a call may take before the caller gets 504 (50 to 29000, default 29000)
 * @param cacheNamespace the resource id, as AWS fills it in
 */
public record ApiIntegration(
        String type,
        String httpMethod,
        String uri,
        int timeoutInMillis,
        String passthroughBehavior,
        String contentHandling,
        String cacheNamespace,
        List<String> cacheKeyParameters) {

    public ApiIntegration {
        cacheKeyParameters = List.copyOf(cacheKeyParameters);
    }
}

package dev.serverlesslab.emulator.apigateway;

import java.util.List;

/**
 * What PutIntegration asks for.
 *
 * @param timeoutInMillis null for AWS's default of 29000
 */
public record IntegrationSpec(String type, String httpMethod, String uri, Integer timeoutInMillis,
        String passthroughBehavior, String contentHandling, List<String> cacheKeyParameters) {

    public IntegrationSpec {
        cacheKeyParameters = List.copyOf(cacheKeyParameters);
    }

    /** An {@code AWS_PROXY} integration to a Lambda function, as every course exercise sets one up. */
    public static IntegrationSpec lambdaProxy(String region, String functionArn) {
        return new IntegrationSpec("AWS_PROXY", "POST", FunctionTarget.integrationUri(region, functionArn), null,
                null, null, List.of());
    }
}

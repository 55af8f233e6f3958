package dev.serverlesslab.emulator.apigateway;

import java.util.List;

/** What PutIntegration accepts: an {@code AWS_PROXY} integration to a Lambda function, checked as AWS checks it. */
final class IntegrationRules {

    private IntegrationRules() {
    }

    static ApiIntegration integration(IntegrationSpec spec, String resourceId) {
        if (spec.type() == null) {
            throw ApiGatewayErrors.badRequest("Enumeration value for IntegrationType must be non-empty; use "
                    + "AWS_PROXY");
        }
        if (!"AWS_PROXY".equals(spec.type())) {
            throw ApiGatewayErrors.badRequest("Integrations of type " + spec.type() + " are not emulated by "
                    + "Serverless Lab; use type AWS_PROXY with uri arn:aws:apigateway:{region}:lambda:path/"
                    + "2015-03-31/functions/{functionArn}/invocations");
        }
        if (spec.httpMethod() == null || spec.httpMethod().isEmpty()) {
            throw ApiGatewayErrors.badRequest("Enumeration value for HttpMethod must be non-empty");
        }
        if (spec.uri() == null || !spec.uri().startsWith("arn:")) {
            throw ApiGatewayErrors.badRequest("Invalid ARN specified in the request: " + spec.uri());
        }
        if (FunctionTarget.fromUri(spec.uri()).isEmpty()) {
            throw ApiGatewayErrors.badRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda "
                    + "function and Firehose stream invocations; expected uri arn:aws:apigateway:{region}:lambda:"
                    + "path/2015-03-31/functions/{functionArn}/invocations, got " + spec.uri());
        }
        int timeout = spec.timeoutInMillis() == null
                ? ApiGatewayBackend.DEFAULT_TIMEOUT_MILLIS
                : spec.timeoutInMillis();
        if (timeout < 50 || timeout > ApiGatewayBackend.DEFAULT_TIMEOUT_MILLIS) {
            throw ApiGatewayErrors.badRequest("Timeout should be between 50 ms and 29000 ms; got " + timeout);
        }
        return new ApiIntegration(spec.type(), spec.httpMethod(), spec.uri(), timeout,
                spec.passthroughBehavior() == null ? "WHEN_NO_MATCH" : spec.passthroughBehavior(),
                spec.contentHandling(), resourceId,
                spec.cacheKeyParameters() == null ? List.of() : spec.cacheKeyParameters());
    }
}

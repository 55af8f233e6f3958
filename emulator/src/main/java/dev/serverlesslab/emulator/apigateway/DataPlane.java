package dev.serverlesslab.emulator.apigateway;

import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.lambda.InvokeResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers calls to deployed REST APIs: finds the stage and route, sends the function the proxy event and maps its
 * answer, with API Gateway's own answers when any of that fails.
 */
final class DataPlane {

    private static final Logger LOG = LoggerFactory.getLogger(DataPlane.class);

    private final ApiGatewayBackend backend;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ProxyEvent events = new ProxyEvent();
    private final ProxyResponse responses = new ProxyResponse();
    private final LambdaAuthorizers authorizers;

    DataPlane(ApiGatewayBackend backend, Clock clock) {
        this.backend = backend;
        this.clock = clock;
        this.authorizers = new LambdaAuthorizers(backend, clock);
    }

    /**
     * @param rawPath {@code /{stage}/{path}}, still percent-encoded
     */
    AwsResponse execute(String apiId, String rawPath, AwsRequest request) {
        Instant now = clock.instant();
        String traceId = "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-" + hex(12);
        List<String> segments = AwsRequest.segments(rawPath);
        if (segments.isEmpty()) {
            return missingToken(request, traceId);
        }
        Optional<DeployedStage> deployed = backend.deployedStage(apiId, segments.get(0));
        if (deployed.isEmpty() || deployed.get().deployment() == null) {
            return missingToken(request, traceId);
        }
        List<String> below = segments.subList(1, segments.size());
        Optional<RouteMatch> match = new RouteMatcher(deployed.get().deployment()).match(request.method(), below);
        if (match.isEmpty()) {
            return missingToken(request, traceId);
        }
        ApiIntegration integration = match.get().method().integration();
        Optional<FunctionTarget> target = FunctionTarget.fromUri(integration == null ? null : integration.uri());
        if (target.isEmpty()) {
            return error(500, "{\"message\": \"Internal server error\"}", "InternalServerErrorException", request,
                    traceId);
        }
        String path = "/" + String.join("/", below);
        Map<String, Object> authorizer = null;
        ApiMethod method = match.get().method();
        if ("CUSTOM".equals(method.authorizationType())) {
            Optional<ApiAuthorizer> custom = backend.authorizerOf(apiId, method.authorizerId());
            if (custom.isEmpty()) {
                return error(500, "{\"message\": null}", "AuthorizerConfigurationException", request, traceId);
            }
            // The ARN names the method the caller used, with the path as requested (AWS's methodArn).
            String methodArn = "arn:aws:execute-api:" + deployed.get().scope().region() + ":"
                    + deployed.get().scope().accountId() + ":" + apiId + "/" + deployed.get().stage().stageName()
                    + "/" + request.method() + path;
            LambdaAuthorizers.Outcome outcome = authorizers.authorize(custom.get(), deployed.get(), match.get(),
                    path, request, methodArn);
            if (outcome instanceof LambdaAuthorizers.Refused refused) {
                return error(refused.status(), refused.body(), refused.errorType(), request, traceId);
            }
            authorizer = ((LambdaAuthorizers.Allowed) outcome).authorizer();
        }
        byte[] event = events.build(new ProxyEvent.Call(request, deployed.get(), match.get(), path,
                request.requestId(), traceId, now, authorizer));
        Optional<InvokeResponse> answer;
        try {
            answer = backend.invoke(target.get(), event, integration.timeoutInMillis());
        } catch (AwsException e) {
            // A missing function or a refused invoke: API Gateway does not show the caller Lambda's error.
            LOG.warn("API {} could not invoke {}: {}: {}", apiId, target.get().functionArn(), e.code(), e.getMessage());
            return error(500, "{\"message\": \"Internal server error\"}", "InternalServerErrorException", request,
                    traceId);
        }
        if (answer.isEmpty()) {
            return error(504, "{\"message\": \"Endpoint request timed out\"}", null, request, traceId);
        }
        Optional<AwsResponse> mapped = answer.get().functionError() == null
                ? responses.map(answer.get().payload(), BinaryTypes.acceptsBinary(request.header("Accept"),
                        deployed.get().api().binaryMediaTypes()))
                : Optional.empty();
        if (mapped.isEmpty()) {
            // AWS logs "Malformed Lambda proxy response" and shows the caller only this.
            return error(502, "{\"message\": \"Internal server error\"}", "InternalServerErrorException", request,
                    traceId);
        }
        return withIds(mapped.get(), request, traceId);
    }

    private AwsResponse missingToken(AwsRequest request, String traceId) {
        return error(403, "{\"message\":\"Missing Authentication Token\"}", "MissingAuthenticationTokenException",
                request, traceId);
    }

    private AwsResponse error(int status, String body, String errorType, AwsRequest request, String traceId) {
        AwsResponse response = new AwsResponse(status, Map.of("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8));
        if (errorType != null) {
            response = response.withHeader("x-amzn-ErrorType", errorType);
        }
        return withIds(response, request, traceId);
    }

    private AwsResponse withIds(AwsResponse response, AwsRequest request, String traceId) {
        return response.withHeader("x-amzn-RequestId", request.requestId())
                .withHeader("x-amz-apigw-id", hex(8).toUpperCase(Locale.ROOT).substring(0, 15) + "=")
                .withHeader("X-Amzn-Trace-Id", traceId);
    }

    private String hex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}

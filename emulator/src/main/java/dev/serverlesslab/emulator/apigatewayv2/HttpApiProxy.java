package dev.serverlesslab.emulator.apigatewayv2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.lambda.InvokeResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane of HTTP APIs: finds the route for a call, sends the integration's function the proxy event and
 * maps its answer back, with API Gateway's own answers for no route (404) and a failed function (500).
 */
final class HttpApiProxy {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiProxy.class);

    private static final byte[] NOT_FOUND = "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INTERNAL_ERROR =
            "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8);

    private final ApiGatewayV2Backend backend;
    private final ObjectMapper json = new ObjectMapper();
    private final ProxyResponses responses = new ProxyResponses(json);
    private final Clock clock;

    HttpApiProxy(ApiGatewayV2Backend backend, Clock clock) {
        this.backend = backend;
        this.clock = clock;
    }

    HttpApiProxy(ApiGatewayV2Backend backend) {
        this(backend, Clock.systemUTC());
    }

    AwsResponse execute(String apiId, String rawPath, AwsRequest request) {
        Optional<CorsConfiguration> cors = backend.cors(apiId);
        if (cors.isPresent() && CorsConfiguration.isPreflight(request)) {
            // API Gateway answers preflights itself, with or without an OPTIONS route.
            return cors.get().preflight(request).withHeader("Apigw-Requestid", request.requestId());
        }
        AwsResponse answer = route(apiId, rawPath, request);
        return cors.isPresent() ? cors.get().apply(request, answer) : answer;
    }

    private AwsResponse route(String apiId, String rawPath, AwsRequest request) {
        Optional<ApiCall> call = backend.resolve(apiId, request.method(), segments(rawPath));
        if (call.isEmpty() || call.get().integration() == null) {
            return answer(404, NOT_FOUND, request);
        }
        String version = call.get().integration().payloadFormatVersion();
        Instant now = clock.instant();
        Map<String, Object> event = "2.0".equals(version)
                ? ProxyEvents.v2(call.get(), rawPath, request, now)
                : ProxyEvents.v1(call.get(), rawPath, request, now);
        HttpAuthorizers.Outcome authorized = backend.authorize(call.get(), rawPath, request,
                "2.0".equals(version) ? event : ProxyEvents.v2(call.get(), rawPath, request, now));
        if (!authorized.allowed()) {
            return answer(authorized.status(), authorized.body().getBytes(StandardCharsets.UTF_8), request);
        }
        String authorization = call.get().route().authorizationType();
        if ("CUSTOM".equals(authorization) || "JWT".equals(authorization)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> context = (Map<String, Object>) event.get("requestContext");
            // Payload 2.0 nests what the authorizer gave under "lambda" or "jwt"; 1.0 puts its members directly.
            context.put("authorizer", "2.0".equals(version)
                    ? Map.of("CUSTOM".equals(authorization) ? "lambda" : "jwt", authorized.context())
                    : authorized.context());
        }
        InvokeResponse result;
        try {
            result = backend.invoke(call.get(), json.writeValueAsBytes(event));
        } catch (AwsException e) {
            // AWS answers the caller with a bare 500 and keeps the reason in its logs; ours are stderr.
            LOG.warn("HTTP API {} route {} could not invoke {}: {}", apiId, call.get().route().routeKey(),
                    call.get().integration().integrationUri(), e.getMessage());
            return answer(500, INTERNAL_ERROR, request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the proxy event as JSON", e);
        }
        if (result.functionError() != null) {
            return answer(500, INTERNAL_ERROR, request);
        }
        Optional<AwsResponse> mapped = "2.0".equals(version)
                ? responses.v2(result.payload())
                : responses.v1(result.payload());
        if (mapped.isEmpty()) {
            LOG.warn("HTTP API {} route {} got a response it cannot read for payload format {} (1.0 needs an object "
                    + "with statusCode): {}", apiId, call.get().route().routeKey(), version,
                    new String(result.payload(), StandardCharsets.UTF_8));
            return answer(500, INTERNAL_ERROR, request);
        }
        return mapped.get().withHeader("Apigw-Requestid", request.requestId());
    }

    private static AwsResponse answer(int status, byte[] body, AwsRequest request) {
        return AwsResponse.json(status, body).withHeader("Apigw-Requestid", request.requestId());
    }

    /** The path's segments, still percent-encoded; {@code /} has none and a trailing slash adds none. */
    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>(List.of(rawPath.split("/", -1)));
        if (!segments.isEmpty() && segments.get(0).isEmpty()) {
            segments.remove(0);
        }
        if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
            segments.remove(segments.size() - 1);
        }
        return segments;
    }
}

package dev.serverlesslab.emulator.apigatewayv2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.apigateway.FunctionTarget;
import dev.serverlesslab.emulator.apigateway.LambdaAuthorizers;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.lambda.InvocationType;
import dev.serverlesslab.emulator.lambda.InvokeRequest;
import dev.serverlesslab.emulator.lambda.InvokeResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an HTTP API route's Lambda authorizer (REQUEST, payload format 2.0) as API Gateway does
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html): a missing identity
 * source → 401 without calling it; a simple response's {@code isAuthorized} or an IAM policy evaluated on the route
 * ARN decides (403 {@code Forbidden} when not allowed); a failing or unreadable answer → 500. The context reaches
 * the integration as {@code requestContext.authorizer.lambda}.
 */
final class HttpAuthorizers {

    private static final Logger LOG = LoggerFactory.getLogger(HttpAuthorizers.class);

    /** Allowed, with the context the integration sees; or refused with API Gateway's status and body. */
    record Outcome(boolean allowed, Map<String, Object> context, int status, String body) {

        static Outcome refused(int status, String message) {
            return new Outcome(false, Map.of(), status, "{\"message\":\"" + message + "\"}");
        }
    }

    private record Cached(JsonNode answer, Instant expires) {
    }

    private final FunctionInvoker lambda;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    HttpAuthorizers(FunctionInvoker lambda, Clock clock) {
        this.lambda = lambda;
        this.clock = clock;
    }

    /**
     * @param event the payload 2.0 event of the call, whose members the authorizer's event repeats
     */
    Outcome authorize(HttpAuthorizer authorizer, ApiCall call, String rawPath, AwsRequest request,
            Map<String, Object> event) {
        List<String> identity = new ArrayList<>();
        for (String source : authorizer.identitySource()) {
            String value = identityValue(source, call, request);
            if (value == null || value.isEmpty()) {
                return Outcome.refused(401, "Unauthorized");
            }
            identity.add(value);
        }
        String routeArn = "arn:aws:execute-api:" + call.scope().region() + ":" + call.scope().accountId() + ":"
                + call.apiId() + "/" + call.stage().stageName() + "/" + request.method() + rawPath;
        boolean cacheable = authorizer.authorizerResultTtlInSeconds() > 0 && !identity.isEmpty();
        String key = call.apiId() + "/" + authorizer.authorizerId() + "/" + String.join("\u0000", identity);
        Instant now = clock.instant();
        Cached cached = cacheable ? cache.get(key) : null;
        JsonNode answer;
        if (cached != null && cached.expires().isAfter(now)) {
            answer = cached.answer();
        } else {
            Optional<JsonNode> called = call(authorizer, authorizerEvent(event, routeArn, identity));
            if (called.isEmpty()) {
                return Outcome.refused(500, "Internal Server Error");
            }
            answer = called.get();
            if (cacheable) {
                cache.put(key, new Cached(answer, now.plusSeconds(authorizer.authorizerResultTtlInSeconds())));
            }
        }
        boolean allowed;
        if (authorizer.enableSimpleResponses()) {
            if (!answer.path("isAuthorized").isBoolean()) {
                LOG.warn("HTTP API authorizer {} answered without a boolean isAuthorized: {}", authorizer.name(),
                        answer);
                return Outcome.refused(500, "Internal Server Error");
            }
            allowed = answer.get("isAuthorized").booleanValue();
        } else {
            if (!answer.path("policyDocument").isObject()) {
                LOG.warn("HTTP API authorizer {} answered without a policyDocument: {}", authorizer.name(), answer);
                return Outcome.refused(500, "Internal Server Error");
            }
            allowed = LambdaAuthorizers.PolicyEvaluation.evaluate(answer.get("policyDocument"), routeArn)
                    == LambdaAuthorizers.Decision.ALLOW;
        }
        if (!allowed) {
            return Outcome.refused(403, "Forbidden");
        }
        Map<String, Object> context = new LinkedHashMap<>();
        if (answer.path("context").isObject()) {
            context.putAll(json.convertValue(answer.get("context"), Map.class));
        }
        return new Outcome(true, context, 200, null);
    }

    private static String identityValue(String source, ApiCall call, AwsRequest request) {
        if (source.startsWith("$request.header.")) {
            return request.header(source.substring("$request.header.".length()));
        }
        if (source.startsWith("$request.querystring.")) {
            List<String> values = request.queryValues(source.substring("$request.querystring.".length()));
            return values.isEmpty() ? null : String.join(",", values);
        }
        if (source.startsWith("$stageVariables.")) {
            return call.stage().stageVariables().get(source.substring("$stageVariables.".length()));
        }
        return null;
    }

    private Map<String, Object> authorizerEvent(Map<String, Object> callEvent, String routeArn,
            List<String> identity) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("type", "REQUEST");
        event.put("routeArn", routeArn);
        event.put("identitySource", identity);
        callEvent.forEach((name, value) -> {
            if (!List.of("version", "body", "isBase64Encoded").contains(name)) {
                event.put(name, value);
            }
        });
        return event;
    }

    private Optional<JsonNode> call(HttpAuthorizer authorizer, Map<String, Object> event) {
        try {
            FunctionTarget target = FunctionTarget.require(authorizer.authorizerUri(), "authorizerUri");
            InvokeResponse response = lambda.invoke(target.scope(), new InvokeRequest(target.functionArn(), null,
                    InvocationType.RequestResponse, json.writeValueAsBytes(event), null));
            if (response.functionError() != null) {
                LOG.warn("HTTP API authorizer {} failed: {}", authorizer.name(),
                        new String(response.payload(), java.nio.charset.StandardCharsets.UTF_8));
                return Optional.empty();
            }
            JsonNode answer = json.readTree(response.payload());
            return answer != null && answer.isObject() ? Optional.of(answer) : Optional.empty();
        } catch (AwsException e) {
            LOG.warn("HTTP API authorizer {} could not be invoked: {}: {}", authorizer.name(), e.code(),
                    e.getMessage());
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

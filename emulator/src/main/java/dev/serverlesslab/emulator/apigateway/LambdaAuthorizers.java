package dev.serverlesslab.emulator.apigateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.lambda.InvokeResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a REST API method's Lambda authorizer (TOKEN or REQUEST) the way API Gateway does
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html): a missing
 * identity source or a token failing the validation expression is refused with 401 before any call; the function's
 * {@code Unauthorized} error is a 401; its IAM policy is evaluated against the method ARN (an explicit Deny wins,
 * no matching Allow is a 403); any other failure is a 500 {@code AuthorizerConfigurationException}. An allowed
 * call's {@code principalId} and {@code context} reach the integration in {@code requestContext.authorizer}.
 * Results are cached per authorizer and identity for the authorizer's TTL, and re-evaluated for each method ARN.
 */
public final class LambdaAuthorizers {

    private static final Logger LOG = LoggerFactory.getLogger(LambdaAuthorizers.class);
    private static final int AUTHORIZER_TIMEOUT_MILLIS = 29_000;

    /** How a call fared: allowed with what the integration learns, or refused with API Gateway's answer. */
    sealed interface Outcome {
    }

    record Allowed(Map<String, Object> authorizer) implements Outcome {
    }

    record Refused(int status, String body, String errorType) implements Outcome {
    }

    /** What an authorizer call yields before it is checked against one method ARN. */
    private record Result(String principalId, JsonNode policy, Map<String, Object> context, Instant expires) {
    }

    private final ApiGatewayBackend backend;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Result> cache = new ConcurrentHashMap<>();

    LambdaAuthorizers(ApiGatewayBackend backend, Clock clock) {
        this.backend = backend;
        this.clock = clock;
    }

    Outcome authorize(ApiAuthorizer authorizer, DeployedStage deployed, RouteMatch match, String path,
            AwsRequest request, String methodArn) {
        Optional<List<String>> identity = identity(authorizer, request, deployed);
        if (identity.isEmpty()) {
            return unauthorized();
        }
        if ("TOKEN".equals(authorizer.type()) && authorizer.identityValidationExpression() != null) {
            try {
                if (!Pattern.compile(authorizer.identityValidationExpression()).matcher(identity.get().get(0))
                        .matches()) {
                    return unauthorized();
                }
            } catch (PatternSyntaxException e) {
                return configurationError(authorizer, "its identityValidationExpression is not a regular "
                        + "expression: " + e.getDescription());
            }
        }
        boolean cacheable = authorizer.resultTtlSeconds() > 0 && !identity.get().isEmpty();
        String key = deployed.api().id() + "/" + authorizer.id() + "/" + String.join("\u0000", identity.get());
        Instant now = clock.instant();
        Result result = cacheable ? cache.get(key) : null;
        if (result == null || !result.expires().isAfter(now)) {
            Object outcome = call(authorizer, deployed, match, path, request, methodArn, identity.get());
            if (outcome instanceof Refused refused) {
                return refused;
            }
            result = (Result) outcome;
            if (cacheable) {
                cache.put(key, new Result(result.principalId(), result.policy(), result.context(),
                        now.plusSeconds(authorizer.resultTtlSeconds())));
            }
        }
        return switch (PolicyEvaluation.evaluate(result.policy(), methodArn)) {
            case ALLOW -> {
                Map<String, Object> context = new LinkedHashMap<>(result.context());
                context.put("principalId", result.principalId());
                yield new Allowed(context);
            }
            case EXPLICIT_DENY -> new Refused(403, "{\"Message\":\"User is not authorized to access this resource "
                    + "with an explicit deny\"}", "AccessDeniedException");
            case IMPLICIT_DENY -> new Refused(403, "{\"Message\":\"User is not authorized to access this "
                    + "resource\"}", "AccessDeniedException");
        };
    }

    /** The identity source values in order; empty when one is missing (a 401 without calling the function). */
    private static Optional<List<String>> identity(ApiAuthorizer authorizer, AwsRequest request,
            DeployedStage deployed) {
        List<String> values = new ArrayList<>();
        String sources = authorizer.identitySource() == null ? "" : authorizer.identitySource();
        for (String source : sources.split(",")) {
            String name = source.trim();
            if (name.isEmpty()) {
                continue;
            }
            String value = null;
            if (name.startsWith("method.request.header.")) {
                value = request.header(name.substring("method.request.header.".length()));
            } else if (name.startsWith("method.request.querystring.")) {
                List<String> query = request.queryValues(name.substring("method.request.querystring.".length()));
                value = query.isEmpty() ? null : query.get(query.size() - 1);
            } else if (name.startsWith("stageVariables.")) {
                value = deployed.stage().variables().get(name.substring("stageVariables.".length()));
            }
            if (value == null || value.isEmpty()) {
                return Optional.empty();
            }
            values.add(value);
        }
        return Optional.of(values);
    }

    /** Calls the function: a {@link Result}, or the {@link Refused} answer when the call itself fails. */
    private Object call(ApiAuthorizer authorizer, DeployedStage deployed, RouteMatch match, String path,
            AwsRequest request, String methodArn, List<String> identity) {
        Optional<FunctionTarget> target = FunctionTarget.fromUri(authorizer.authorizerUri());
        if (target.isEmpty()) {
            return configurationError(authorizer, "its authorizerUri is not a Lambda function URI");
        }
        byte[] event = event(authorizer, deployed, match, path, request, methodArn, identity);
        Optional<InvokeResponse> answer;
        try {
            answer = backend.invoke(target.get(), event, AUTHORIZER_TIMEOUT_MILLIS);
        } catch (AwsException e) {
            return configurationError(authorizer, "invoking " + target.get().functionArn() + " failed: "
                    + e.code() + ": " + e.getMessage());
        }
        if (answer.isEmpty()) {
            return configurationError(authorizer, "the function did not answer in time");
        }
        try {
            JsonNode payload = json.readTree(answer.get().payload());
            if (answer.get().functionError() != null) {
                // The documented way for an authorizer to say "no token I accept": throw "Unauthorized".
                if (payload != null && "Unauthorized".equals(payload.path("errorMessage").asText(null))) {
                    return unauthorized();
                }
                return configurationError(authorizer, "the function failed: " + payload);
            }
            if (payload == null || !payload.isObject() || !payload.path("policyDocument").isObject()) {
                return configurationError(authorizer, "its answer has no policyDocument object: " + payload);
            }
            Map<String, Object> context = new LinkedHashMap<>();
            JsonNode given = payload.path("context");
            if (!given.isMissingNode() && !given.isNull()) {
                if (!given.isObject()) {
                    return configurationError(authorizer, "its context must be an object of strings, numbers "
                            + "and booleans");
                }
                for (var fields = given.fields(); fields.hasNext(); ) {
                    var field = fields.next();
                    if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                        // AWS refuses nested objects and arrays in the context.
                        return configurationError(authorizer, "context." + field.getKey() + " is not a string, "
                                + "number or boolean");
                    }
                    context.put(field.getKey(), json.treeToValue(field.getValue(), Object.class));
                }
            }
            return new Result(payload.path("principalId").asText(""), payload.get("policyDocument"), context,
                    clock.instant());
        } catch (IOException e) {
            return configurationError(authorizer, "its answer is not JSON");
        }
    }

    private byte[] event(ApiAuthorizer authorizer, DeployedStage deployed, RouteMatch match, String path,
            AwsRequest request, String methodArn, List<String> identity) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", authorizer.type());
        event.put("methodArn", methodArn);
        if ("TOKEN".equals(authorizer.type())) {
            event.put("authorizationToken", identity.get(0));
        } else {
            event.put("resource", match.resource().path());
            event.put("path", path);
            event.put("httpMethod", request.method());
            Map<String, List<String>> headers = ForwardedHeaders.of(request);
            Map<String, String> last = new LinkedHashMap<>();
            headers.forEach((name, values) -> last.put(name, values.get(values.size() - 1)));
            event.put("headers", last);
            event.put("multiValueHeaders", headers);
            Map<String, List<String>> query = request.query();
            Map<String, String> lastQuery = new LinkedHashMap<>();
            query.forEach((name, values) -> lastQuery.put(name, values.get(values.size() - 1)));
            event.put("queryStringParameters", lastQuery);
            event.put("multiValueQueryStringParameters", query);
            event.put("pathParameters", match.pathParameters());
            event.put("stageVariables", deployed.stage().variables());
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("resourcePath", match.resource().path());
            context.put("httpMethod", request.method());
            context.put("path", "/" + deployed.stage().stageName() + path);
            context.put("accountId", deployed.scope().accountId());
            context.put("stage", deployed.stage().stageName());
            context.put("requestId", request.requestId());
            context.put("apiId", deployed.api().id());
            context.put("identity", Map.of("sourceIp", request.peer().sourceIp()));
            event.put("requestContext", context);
        }
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The authorizer event failed to serialize", e);
        }
    }

    private static Refused unauthorized() {
        return new Refused(401, "{\"message\":\"Unauthorized\"}", "UnauthorizedException");
    }

    private static Refused configurationError(ApiAuthorizer authorizer, String why) {
        // The caller sees only AWS's bare answer; the reason goes to the emulator's log, as to CloudWatch on AWS.
        LOG.warn("Authorizer {} ({}) failed: {}", authorizer.name(), authorizer.id(), why);
        return new Refused(500, "{\"message\": null}", "AuthorizerConfigurationException");
    }

    /** The three ways an IAM policy can decide on one action and resource. */
    public enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    /** Evaluates an authorizer's policy document for {@code execute-api:Invoke} on one method ARN. */
    public static final class PolicyEvaluation {

        private PolicyEvaluation() {
        }

        public static Decision evaluate(JsonNode policy, String methodArn) {
            boolean allowed = false;
            JsonNode statements = policy.path("Statement");
            List<JsonNode> list = new ArrayList<>();
            if (statements.isArray()) {
                statements.forEach(list::add);
            } else if (statements.isObject()) {
                list.add(statements);
            }
            for (JsonNode statement : list) {
                if (!matchesAny(values(statement.path("Action")), "execute-api:Invoke")
                        || !matchesAny(values(statement.path("Resource")), methodArn)) {
                    continue;
                }
                String effect = statement.path("Effect").asText("");
                if ("Deny".equalsIgnoreCase(effect)) {
                    return Decision.EXPLICIT_DENY;
                }
                if ("Allow".equalsIgnoreCase(effect)) {
                    allowed = true;
                }
            }
            return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
        }

        private static List<String> values(JsonNode node) {
            List<String> values = new ArrayList<>();
            if (node.isTextual()) {
                values.add(node.asText());
            } else if (node.isArray()) {
                node.forEach(value -> values.add(value.asText()));
            }
            return values;
        }

        /** IAM's wildcards: {@code *} any run of characters, {@code ?} one; actions compare case-insensitively. */
        private static boolean matchesAny(List<String> patterns, String value) {
            for (String pattern : patterns) {
                boolean action = value.startsWith("execute-api:");
                String p = action ? pattern.toLowerCase(Locale.ROOT) : pattern;
                String v = action ? value.toLowerCase(Locale.ROOT) : value;
                if (glob(p).matcher(v).matches()) {
                    return true;
                }
            }
            return false;
        }

        private static Pattern glob(String pattern) {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }
    }
}

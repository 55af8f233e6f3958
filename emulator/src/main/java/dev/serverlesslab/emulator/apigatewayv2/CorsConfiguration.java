package dev.serverlesslab.emulator.apigatewayv2;

import dev.serverlesslab.emulator.apigateway.ApiGatewayErrors;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.JsonRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP API's CORS configuration, which API Gateway itself applies: it answers preflight requests and puts the
 * configured headers on the integration's answers, ignoring any CORS headers the function sets
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html).
 *
 * @param maxAge seconds a browser may cache a preflight answer; null leaves the header out
 */
public record CorsConfiguration(
        Boolean allowCredentials,
        List<String> allowHeaders,
        List<String> allowMethods,
        List<String> allowOrigins,
        List<String> exposeHeaders,
        Integer maxAge) {

    /** AWS's bounds for maxAge (CorsConfiguration in the API Gateway v2 model). */
    private static final int MAX_AGE_LIMIT = 86400;

    public CorsConfiguration {
        allowHeaders = allowHeaders == null ? List.of() : List.copyOf(allowHeaders);
        allowMethods = allowMethods == null ? List.of() : List.copyOf(allowMethods);
        allowOrigins = allowOrigins == null ? List.of() : List.copyOf(allowOrigins);
        exposeHeaders = exposeHeaders == null ? List.of() : List.copyOf(exposeHeaders);
        if (maxAge != null && (maxAge < -1 || maxAge > MAX_AGE_LIMIT)) {
            throw ApiGatewayErrors.badRequest("corsConfiguration.maxAge must be between -1 and " + MAX_AGE_LIMIT
                    + " seconds; got " + maxAge);
        }
    }

    /** The member of a CreateApi or UpdateApi body, read field by field. */
    static CorsConfiguration read(JsonRequest cors) {
        for (var names = cors.node().fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("allowCredentials", "allowHeaders", "allowMethods", "allowOrigins", "exposeHeaders",
                    "maxAge").contains(name)) {
                throw ApiGatewayErrors.badRequest("corsConfiguration has no member " + name);
            }
        }
        return new CorsConfiguration(cors.has("allowCredentials") ? cors.bool("allowCredentials", false) : null,
                cors.texts("allowHeaders"), cors.texts("allowMethods"), cors.texts("allowOrigins"),
                cors.texts("exposeHeaders"), cors.wholeInt("maxAge"));
    }

    /** As GetApi shows it: members that were not set are left out. */
    Map<String, Object> describe() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (allowCredentials != null) {
            body.put("allowCredentials", allowCredentials);
        }
        putIfAny(body, "allowHeaders", allowHeaders);
        putIfAny(body, "allowMethods", allowMethods);
        putIfAny(body, "allowOrigins", allowOrigins);
        putIfAny(body, "exposeHeaders", exposeHeaders);
        if (maxAge != null) {
            body.put("maxAge", maxAge);
        }
        return body;
    }

    /** A browser's preflight: OPTIONS naming the origin and the method it wants to use. */
    static boolean isPreflight(AwsRequest request) {
        return "OPTIONS".equals(request.method()) && request.header("Origin") != null
                && request.header("Access-Control-Request-Method") != null;
    }

    /** API Gateway's own answer to a preflight: 204, with the CORS headers only for an allowed origin. */
    AwsResponse preflight(AwsRequest request) {
        AwsResponse answer = AwsResponse.empty(204);
        String origin = allowedOrigin(request.header("Origin"));
        if (origin == null) {
            return answer;
        }
        answer = answer.withHeader("access-control-allow-origin", origin);
        if (!allowMethods.isEmpty()) {
            answer = answer.withHeader("access-control-allow-methods", String.join(",", allowMethods));
        }
        if (!allowHeaders.isEmpty()) {
            answer = answer.withHeader("access-control-allow-headers", String.join(",", allowHeaders));
        }
        if (maxAge != null) {
            answer = answer.withHeader("access-control-max-age", String.valueOf(maxAge));
        }
        if (Boolean.TRUE.equals(allowCredentials)) {
            answer = answer.withHeader("access-control-allow-credentials", "true");
        }
        return answer;
    }

    /**
     * The integration's answer with the function's own CORS headers removed and, for a request from an allowed
     * origin, the configured ones added.
     */
    AwsResponse apply(AwsRequest request, AwsResponse integration) {
        Map<String, String> headers = new LinkedHashMap<>();
        integration.headers().forEach((name, value) -> {
            if (!name.toLowerCase(Locale.ROOT).startsWith("access-control-")) {
                headers.put(name, value);
            }
        });
        AwsResponse answer = new AwsResponse(integration.status(), headers, integration.body());
        String origin = allowedOrigin(request.header("Origin"));
        if (origin == null) {
            return answer;
        }
        answer = answer.withHeader("access-control-allow-origin", origin);
        if (!exposeHeaders.isEmpty()) {
            answer = answer.withHeader("access-control-expose-headers", String.join(",", exposeHeaders));
        }
        if (Boolean.TRUE.equals(allowCredentials)) {
            answer = answer.withHeader("access-control-allow-credentials", "true");
        }
        return answer;
    }

    /** What Access-Control-Allow-Origin says to this origin: {@code *}, the origin itself, or null (not allowed). */
    private String allowedOrigin(String origin) {
        if (origin == null) {
            return null;
        }
        if (allowOrigins.contains("*")) {
            return "*";
        }
        return allowOrigins.stream().anyMatch(allowed -> allowed.equalsIgnoreCase(origin)) ? origin : null;
    }

    private static void putIfAny(Map<String, Object> body, String name, List<String> values) {
        if (!values.isEmpty()) {
            body.put(name, values);
        }
    }
}

package dev.serverlesslab.emulator.apigatewayv2;

import dev.serverlesslab.emulator.apigateway.ApiGatewayErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed route key, {@code METHOD /path} with {@code {name}} and a final greedy {@code {name+}} variable, or
 * {@code $default}; it knows which request paths it matches and how specific it is.
 */
record RouteKey(String method, List<String> segments) {

    static final String DEFAULT = "$default";
    static final String ANY = "ANY";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", ANY);
    private static final Pattern VARIABLE = Pattern.compile("\\{[A-Za-z0-9._-]+\\+?}");
    private static final Pattern LITERAL = Pattern.compile("[^{}/]+");

    /** Parses a route key as CreateRoute accepts it; a malformed key fails with AWS's BadRequestException. */
    static RouteKey parse(String routeKey) {
        if (routeKey == null || routeKey.isEmpty()) {
            throw ApiGatewayErrors.badRequest("routeKey is required: use $default or METHOD /path, "
                    + "e.g. GET /items/{id}");
        }
        if (DEFAULT.equals(routeKey)) {
            return new RouteKey(null, List.of());
        }
        int space = routeKey.indexOf(' ');
        String method = space < 0 ? "" : routeKey.substring(0, space);
        String path = space < 0 ? routeKey : routeKey.substring(space + 1);
        if (!METHODS.contains(method) || !path.startsWith("/")) {
            throw invalid(routeKey, "it must be $default or METHOD /path where METHOD is one of GET, POST, PUT, "
                    + "DELETE, PATCH, HEAD, OPTIONS or ANY");
        }
        List<String> segments = "/".equals(path) ? List.of() : List.of(path.substring(1).split("/", -1));
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean variable = VARIABLE.matcher(segment).matches();
            if (!variable && !LITERAL.matcher(segment).matches()) {
                throw invalid(routeKey, "path segment '" + segment + "' must be text or one {variable}");
            }
            if (segment.endsWith("+}") && i != segments.size() - 1) {
                throw invalid(routeKey, "the greedy variable " + segment + " must be the last path segment");
            }
        }
        return new RouteKey(method, segments);
    }

    boolean isDefault() {
        return method == null;
    }

    boolean greedy() {
        return !segments.isEmpty() && segments.get(segments.size() - 1).endsWith("+}");
    }

    /** How many segments are fixed text: a literal segment beats a variable in the same place, as in AWS. */
    int literalCount() {
        return (int) segments.stream().filter(segment -> !segment.startsWith("{")).count();
    }

    /**
     * The path parameters when this key matches the request, decoded; empty when it does not match. The
     * {@code $default} key matches nothing here: it is only the fallback.
     */
    Optional<Map<String, String>> match(String requestMethod, List<String> requestSegments) {
        if (isDefault() || !(ANY.equals(method) || method.equals(requestMethod))) {
            return Optional.empty();
        }
        boolean greedy = greedy();
        int fixed = greedy ? segments.size() - 1 : segments.size();
        // A greedy variable takes one segment or more, so /items/{proxy+} does not match /items.
        if (greedy ? requestSegments.size() <= fixed : requestSegments.size() != fixed) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < fixed; i++) {
            String segment = segments.get(i);
            String actual = requestSegments.get(i);
            if (segment.startsWith("{")) {
                if (actual.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 1), actual);
            } else if (!segment.equals(actual)) {
                return Optional.empty();
            }
        }
        if (greedy) {
            String last = segments.get(fixed);
            parameters.put(last.substring(1, last.length() - 2),
                    String.join("/", requestSegments.subList(fixed, requestSegments.size())));
        }
        return Optional.of(parameters);
    }

    private static RuntimeException invalid(String routeKey, String why) {
        return ApiGatewayErrors.badRequest("Invalid routeKey '" + routeKey + "': " + why);
    }
}

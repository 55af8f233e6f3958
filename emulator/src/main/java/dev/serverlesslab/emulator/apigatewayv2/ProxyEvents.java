package dev.serverlesslab.emulator.apigatewayv2;

import dev.serverlesslab.emulator.apigateway.ForwardedHeaders;
import dev.serverlesslab.emulator.http.AwsRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The events an HTTP API sends to a Lambda proxy integration, as plain maps ready to be written as JSON: payload
 * format 2.0 and, when the integration asks for it, 1.0 (the REST API proxy event).
 */
final class ProxyEvents {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ProxyEvents() {
    }

    /** The payload format 2.0 event: cookies apart from the headers, repeated values joined by commas. */
    static Map<String, Object> v2(ApiCall call, String rawPath, AwsRequest request, Instant now) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", call.route().routeKey());
        event.put("rawPath", rawPath);
        event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
        List<String> cookies = cookies(request);
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ForwardedHeaders.of(request).forEach((name, values) -> {
            if (!"cookie".equalsIgnoreCase(name)) {
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
            }
        });
        event.put("headers", headers);
        Map<String, List<String>> query = request.query();
        if (!query.isEmpty()) {
            Map<String, String> joined = new LinkedHashMap<>();
            query.forEach((name, values) -> joined.put(name, String.join(",", values)));
            event.put("queryStringParameters", joined);
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", call.scope().accountId());
        context.put("apiId", call.apiId());
        context.put("domainName", domainName(call, request));
        context.put("domainPrefix", domainPrefix(call, request));
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", request.method());
        http.put("path", AwsRequest.decodePathSegment(rawPath));
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", sourceIp(request));
        http.put("userAgent", request.header("User-Agent") == null ? "" : request.header("User-Agent"));
        context.put("http", http);
        context.put("requestId", request.requestId());
        context.put("routeKey", call.route().routeKey());
        context.put("stage", call.stage().stageName());
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        event.put("requestContext", context);
        putParametersAndBody(event, call, request);
        return event;
    }

    /** The payload format 1.0 event: the shape REST APIs send, with single and multi-value headers and query. */
    static Map<String, Object> v1(ApiCall call, String rawPath, AwsRequest request, Instant now) {
        Map<String, Object> event = new LinkedHashMap<>();
        String routeKey = call.route().routeKey();
        String resource = routeKey.contains(" ") ? routeKey.substring(routeKey.indexOf(' ') + 1) : routeKey;
        event.put("version", "1.0");
        event.put("resource", resource);
        event.put("path", AwsRequest.decodePathSegment(rawPath));
        event.put("httpMethod", request.method());
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
        ForwardedHeaders.of(request).forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            multiHeaders.put(name, values);
        });
        event.put("headers", headers);
        event.put("multiValueHeaders", multiHeaders);
        Map<String, List<String>> query = request.query();
        Map<String, String> lastValues = new LinkedHashMap<>();
        query.forEach((name, values) -> lastValues.put(name, values.get(values.size() - 1)));
        event.put("queryStringParameters", query.isEmpty() ? null : lastValues);
        event.put("multiValueQueryStringParameters", query.isEmpty() ? null : query);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", call.scope().accountId());
        context.put("apiId", call.apiId());
        context.put("domainName", domainName(call, request));
        context.put("domainPrefix", domainPrefix(call, request));
        context.put("extendedRequestId", request.requestId());
        context.put("httpMethod", request.method());
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sourceIp", sourceIp(request));
        identity.put("userAgent", request.header("User-Agent"));
        context.put("identity", identity);
        context.put("path", AwsRequest.decodePathSegment(rawPath));
        context.put("protocol", "HTTP/1.1");
        context.put("requestId", request.requestId());
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("requestTimeEpoch", now.toEpochMilli());
        context.put("resourceId", routeKey);
        context.put("resourcePath", resource);
        context.put("stage", call.stage().stageName());
        event.put("requestContext", context);
        putParametersAndBody(event, call, request);
        return event;
    }

    private static void putParametersAndBody(Map<String, Object> event, ApiCall call, AwsRequest request) {
        if (!call.pathParameters().isEmpty()) {
            Map<String, String> decoded = new LinkedHashMap<>();
            call.pathParameters().forEach((name, value) -> decoded.put(name, AwsRequest.decodePathSegment(value)));
            event.put("pathParameters", decoded);
        }
        if (!call.stage().stageVariables().isEmpty()) {
            event.put("stageVariables", call.stage().stageVariables());
        }
        byte[] body = request.body();
        boolean text = isText(request.header("Content-Type"));
        if (body.length > 0) {
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
        }
        event.put("isBase64Encoded", body.length > 0 && !text);
    }

    /**
     * Whether a body reaches the function as text or base64, as API Gateway decides by content type. A request
     * with no content type is passed as text here so that plain test calls stay readable.
     */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("javascript") || type.contains("x-www-form-urlencoded") || type.contains("yaml");
    }

    private static List<String> cookies(AwsRequest request) {
        List<String> cookies = new ArrayList<>();
        for (String header : request.headers().getOrDefault("Cookie", List.of())) {
            for (String cookie : header.split(";")) {
                if (!cookie.isBlank()) {
                    cookies.add(cookie.trim());
                }
            }
        }
        return cookies;
    }

    /** The API's own host name when the client used it, else the one AWS would have given it. */
    private static String domainName(ApiCall call, AwsRequest request) {
        String host = request.header("Host");
        if (host != null && host.startsWith(call.apiId() + ".execute-api.")) {
            int colon = host.indexOf(':');
            return colon < 0 ? host : host.substring(0, colon);
        }
        return call.apiId() + ".execute-api.localhost.localstack.cloud";
    }

    private static String domainPrefix(ApiCall call, AwsRequest request) {
        String domain = domainName(call, request);
        return domain.substring(0, domain.indexOf('.'));
    }

    /** The address of the connection that reached API Gateway, as AWS reports it (not a forwarded header). */
    private static String sourceIp(AwsRequest request) {
        return request.peer().sourceIp();
    }
}

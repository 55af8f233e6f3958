package dev.serverlesslab.emulator.lambda.url;

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
 * The event a function URL sends its function: API Gateway's payload format 2.0, with {@code $default} as route and
 * stage, the URL id as {@code apiId}, and for AWS_IAM the caller in {@code authorizer.iam}.
 */
final class UrlEvents {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private UrlEvents() {
    }

    /**
     * @param callerAccount the signed caller's account for AWS_IAM, or null for a public URL ("anonymous")
     */
    static Map<String, Object> of(String urlId, String rawPath, AwsRequest request, String callerAccount,
            Instant now) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", rawPath);
        event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
        List<String> cookies = new ArrayList<>();
        for (String header : request.headers().getOrDefault("Cookie", List.of())) {
            for (String cookie : header.split(";")) {
                if (!cookie.isBlank()) {
                    cookies.add(cookie.trim());
                }
            }
        }
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
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
        context.put("accountId", callerAccount == null ? "anonymous" : callerAccount);
        context.put("apiId", urlId);
        if (callerAccount != null) {
            Map<String, Object> iam = new LinkedHashMap<>();
            iam.put("accountId", callerAccount);
            iam.put("callerId", callerAccount);
            iam.put("userArn", "arn:aws:iam::" + callerAccount + ":root");
            iam.put("userId", callerAccount);
            context.put("authorizer", Map.of("iam", iam));
        }
        String host = request.header("Host");
        String domain = host != null && host.toLowerCase(Locale.ROOT).startsWith(urlId + ".")
                ? host.split(":")[0] : urlId + ".lambda-url.localhost";
        context.put("domainName", domain);
        context.put("domainPrefix", urlId);
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", request.method());
        http.put("path", AwsRequest.decodePathSegment(rawPath));
        http.put("protocol", "HTTP/1.1");
        String forwarded = request.header("X-Forwarded-For");
        http.put("sourceIp", forwarded == null ? "127.0.0.1" : forwarded.split(",")[0].trim());
        http.put("userAgent", request.header("User-Agent") == null ? "" : request.header("User-Agent"));
        context.put("http", http);
        context.put("requestId", request.requestId());
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        event.put("requestContext", context);
        byte[] body = request.body();
        if (body.length > 0) {
            boolean text = isText(request.header("Content-Type"));
            event.put("body", text ? new String(body, StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("javascript") || type.contains("x-www-form-urlencoded") || type.contains("yaml");
    }
}

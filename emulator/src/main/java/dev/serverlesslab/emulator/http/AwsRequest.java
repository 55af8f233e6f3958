package dev.serverlesslab.emulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as a service sees it: the raw wire parts plus the account, region and request id it runs under.
 */
public record AwsRequest(
        String requestId,
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        byte[] body,
        AccountRegion scope) {

    public AwsRequest {
        TreeMap<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseless.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(caseless);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, matched case-insensitively as HTTP requires, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The query parameters, decoded; a repeated name keeps its first value. */
    public Map<String, String> queryParameters() {
        return parseQuery(rawQuery);
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    /** The same request acting in another account and region. */
    public AwsRequest withScope(AccountRegion newScope) {
        return new AwsRequest(requestId, method, rawPath, rawQuery, headers, body, newScope);
    }

    /** Method and path as a person would write them, for messages: {@code POST /2015-03-31/functions}. */
    public String describe() {
        return method + " " + rawPath;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}

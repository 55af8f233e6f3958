package dev.serverlesslab.emulator.http;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as a service sees it: the raw wire parts plus the account, region and request id it runs under.
 * It is the one request model of every protocol: path segments, the multi-valued query and the headers are read
 * here, not re-parsed by each service.
 */
public record AwsRequest(
        String requestId,
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        RequestBody content,
        AccountRegion scope,
        Peer peer) {

    /**
     * The TCP connection the request came over, as the edge saw it: API Gateway reports the caller's address as
     * {@code sourceIp} and tells integrations the port and scheme in {@code X-Forwarded-*} headers.
     */
    public record Peer(String sourceIp, int serverPort) {

        /** What a request built without a connection (in tests or in-process) is taken to come from. */
        public static final Peer LOCAL = new Peer("127.0.0.1", 4566);
    }

    /** A request not read from a socket: it counts as coming from this machine. */
    public AwsRequest(String requestId, String method, String rawPath, String rawQuery,
            Map<String, List<String>> headers, byte[] body, AccountRegion scope) {
        this(requestId, method, rawPath, rawQuery, headers, RequestBody.of(body), scope, Peer.LOCAL);
    }

    /** A request whose payload is already in memory. */
    public AwsRequest(String requestId, String method, String rawPath, String rawQuery,
            Map<String, List<String>> headers, byte[] body, AccountRegion scope, Peer peer) {
        this(requestId, method, rawPath, rawQuery, headers, RequestBody.of(body), scope, peer);
    }

    public AwsRequest {
        peer = peer == null ? Peer.LOCAL : peer;
        TreeMap<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseless.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(caseless);
        content = content == null ? RequestBody.of(null) : content;
    }

    /** The whole payload (read from the connection on the first call; see {@link RequestBody}). */
    public byte[] body() {
        return content.bytes();
    }

    /** The payload as a stream read once, for services that store uploads without holding them. */
    public java.io.InputStream bodyStream() {
        return content.stream();
    }

    /** The first value of a header, matched case-insensitively as HTTP requires, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The query parameters, decoded; a repeated name keeps its first value. */
    public Map<String, String> queryParameters() {
        Map<String, String> first = new LinkedHashMap<>();
        query().forEach((name, values) -> first.put(name, values.get(0)));
        return first;
    }

    /** The query parameters, decoded, each with every value in the order sent ({@code ?embed=a&embed=b}). */
    public Map<String, List<String>> query() {
        return parseQuery(rawQuery);
    }

    /** Every value of one query parameter, in the order sent; empty when it is absent. */
    public List<String> queryValues(String name) {
        return query().getOrDefault(name, List.of());
    }

    /**
     * The path's segments, each percent-decoded on its own after splitting, so an encoded {@code /} or an ARN's
     * {@code :} (sent as {@code %2F}, {@code %3A}) stays inside its segment; a literal {@code +} stays a plus, as in
     * AWS's REST paths. Empty segments (doubled or trailing slashes) are left out.
     */
    public List<String> segments() {
        return segments(rawPath);
    }

    /** {@link #segments()} of any raw path. */
    public static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        if (rawPath == null) {
            return segments;
        }
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(decodePathSegment(segment));
            }
        }
        return segments;
    }

    /** One path segment decoded: {@code %XX} escapes only, a {@code +} kept as a plus. */
    public static String decodePathSegment(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * A form-encoded string ({@code a=1&b=2&a=3}, a URL's query or a query-protocol body) decoded into names with
     * every value in order; a name without {@code =} has the value {@code ""}.
     */
    public static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
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
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /** The same request acting in another account and region. */
    public AwsRequest withScope(AccountRegion newScope) {
        return new AwsRequest(requestId, method, rawPath, rawQuery, headers, content, newScope, peer);
    }

    /** Method and path as a person would write them, for messages: {@code POST /2015-03-31/functions}. */
    public String describe() {
        return method + " " + rawPath;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}

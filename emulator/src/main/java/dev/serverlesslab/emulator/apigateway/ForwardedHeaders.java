package dev.serverlesslab.emulator.apigateway;

import dev.serverlesslab.emulator.http.AwsRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code X-Forwarded-For}, {@code X-Forwarded-Port} and {@code X-Forwarded-Proto} headers API Gateway (REST and
 * HTTP APIs) adds to what an integration receives: the caller's address appended to any forwarded chain it sent,
 * and the port and scheme the caller used to reach the API (here the emulator's plain-HTTP port, not 443/https).
 */
public final class ForwardedHeaders {

    private ForwardedHeaders() {
    }

    /** The request's headers as sent, plus the forwarding headers, each under the name the client used if any. */
    public static Map<String, List<String>> of(AwsRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        String chain = request.header("X-Forwarded-For");
        put(headers, "X-Forwarded-For", chain == null || chain.isBlank() ? request.peer().sourceIp()
                : chain + ", " + request.peer().sourceIp());
        put(headers, "X-Forwarded-Port", String.valueOf(request.peer().serverPort()));
        put(headers, "X-Forwarded-Proto", "http");
        return headers;
    }

    /** Replaces a header's values, keeping the spelling the client used when it sent the header itself. */
    private static void put(Map<String, List<String>> headers, String name, String value) {
        String existing = null;
        for (String key : new ArrayList<>(headers.keySet())) {
            if (key.equalsIgnoreCase(name)) {
                existing = key;
            }
        }
        headers.put(existing == null ? name : existing, List.of(value));
    }
}

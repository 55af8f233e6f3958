package dev.serverlesslab.emulator.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP response a service gives back; the edge server adds the request id header and writes it.
 */
public record AwsResponse(int status, Map<String, String> headers, byte[] body) {

    public AwsResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? new byte[0] : body;
    }

    public static AwsResponse json(int status, byte[] body) {
        return new AwsResponse(status, Map.of("Content-Type", "application/json"), body);
    }

    public static AwsResponse empty(int status) {
        return new AwsResponse(status, Map.of(), new byte[0]);
    }

    public AwsResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new AwsResponse(status, copy, body);
    }

    /**
     * Sets a header that is sent once per value (e.g. several {@code Set-Cookie}). HTTP forbids line breaks inside a
     * header value, so the values are kept joined by {@code \n} and the edge server splits them when writing.
     */
    public AwsResponse withHeaderValues(String name, List<String> values) {
        return withHeader(name, String.join("\n", values));
    }

    public String header(String name) {
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}

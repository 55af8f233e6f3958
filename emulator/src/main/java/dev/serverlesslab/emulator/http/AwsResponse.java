package dev.serverlesslab.emulator.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP response a service gives back; the edge server adds the request id header and writes it. Its payload is
 * either {@code body} or, for large payloads served from disk, {@code stream} (then {@code body} is empty).
 */
public record AwsResponse(int status, Map<String, String> headers, byte[] body, StreamedBody stream) {

    public AwsResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? new byte[0] : body;
    }

    public AwsResponse(int status, Map<String, String> headers, byte[] body) {
        this(status, headers, body, null);
    }

    /** A response whose payload the edge copies from {@code stream} as it writes it. */
    public static AwsResponse streamed(int status, Map<String, String> headers, StreamedBody stream) {
        return new AwsResponse(status, headers, null, stream);
    }

    /**
     * The payload as bytes. A streamed payload is read into memory here, for callers inside the emulator that need
     * it whole; the edge writes it from the stream instead.
     */
    @Override
    public byte[] body() {
        if (stream == null) {
            return body;
        }
        try (StreamedBody streamed = stream; java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            streamed.writeTo(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("A streamed response body could not be read", e);
        }
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
        return new AwsResponse(status, copy, body, stream);
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

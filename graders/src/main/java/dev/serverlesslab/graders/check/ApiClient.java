package dev.serverlesslab.graders.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP client bound to the stage of the API Gateway API that fronts the exercise's function; checks receive it as
 * a test method parameter when the exercise declares {@code resources.api}. Paths are relative to the stage.
 *
 * <pre>{@code
 * @Test @DisplayName("POST /orders answers 201 with the new order")
 * void createsAnOrder(ApiClient api) {
 *     ApiResponse response = api.post("/orders", "{\"item\":\"tea\"}");
 *     assertEquals(201, response.status(), response.body());
 *     assertEquals("tea", response.json().path("item").asText());
 * }
 * }</pre>
 */
public final class ApiClient {

    private final URI baseUrl;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUrl the stage URL, e.g. {@code http://127.0.0.1:4566/_aws/execute-api/abc123/test}
     * @param timeout how long one request may take, which should cover the function's timeout
     */
    public ApiClient(URI baseUrl, Duration timeout) {
        String text = Objects.requireNonNull(baseUrl, "baseUrl").toString();
        // Paths are appended to the stage URL, so it must not end in '/' already.
        this.baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The stage URL every path is relative to. */
    public URI baseUrl() {
        return baseUrl;
    }

    public ApiResponse get(String path) {
        return send("GET", path, Map.of(), null);
    }

    /** POSTs a JSON body with {@code Content-Type: application/json}. */
    public ApiResponse post(String path, String jsonBody) {
        return send("POST", path, Map.of("Content-Type", "application/json"), jsonBody);
    }

    /** PUTs a JSON body with {@code Content-Type: application/json}. */
    public ApiResponse put(String path, String jsonBody) {
        return send("PUT", path, Map.of("Content-Type", "application/json"), jsonBody);
    }

    public ApiResponse delete(String path) {
        return send("DELETE", path, Map.of(), null);
    }

    /**
     * Sends any request.
     *
     * @param path    relative to the stage, with an optional query string, e.g. {@code /orders?customer=c-1}
     * @param headers extra request headers
     * @param body    null for no body
     * @throws UncheckedIOException saying which request could not be sent, when the API does not answer
     */
    public ApiResponse send(String method, String path, Map<String, String> headers, String body) {
        URI uri = URI.create(baseUrl + (path.startsWith("/") ? path : "/" + path));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " got no answer from the API: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + uri + " was interrupted", e);
        }
    }
}

package dev.serverlesslab.graders.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ApiClient against a local HTTP server that echoes what it received as JSON. */
class ApiClientTests {

    private HttpServer server;
    private ApiClient api;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            String answer = "{\"method\":\"" + exchange.getRequestMethod() + "\",\"path\":\""
                    + exchange.getRequestURI() + "\",\"contentType\":\"" + contentType + "\",\"body\":"
                    + (body.isEmpty() ? "null" : body) + ",\"trace\":\""
                    + exchange.getRequestHeaders().getFirst("X-Trace") + "\"}";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Answer", "yes");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/missing") ? 404 : 200,
                    bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        api = new ApiClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/_aws/execute-api/abc/test/"),
                Duration.ofSeconds(10));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void get_sendsThePathBelowTheStage() {
        ApiResponse response = api.get("/orders/7?full=true");

        assertEquals(200, response.status());
        assertEquals("GET", response.json().path("method").asText());
        assertEquals("/_aws/execute-api/abc/test/orders/7?full=true", response.json().path("path").asText());
    }

    @Test
    void post_sendsTheJsonBodyWithItsContentType() {
        ApiResponse response = api.post("orders", "{\"item\":\"tea\"}");

        assertEquals("POST", response.json().path("method").asText());
        assertEquals("/_aws/execute-api/abc/test/orders", response.json().path("path").asText());
        assertEquals("application/json", response.json().path("contentType").asText());
        assertEquals("tea", response.json().path("body").path("item").asText());
    }

    @Test
    void putAndDelete_useTheirMethods() {
        assertEquals("PUT", api.put("/orders/7", "{}").json().path("method").asText());
        assertEquals("DELETE", api.delete("/orders/7").json().path("method").asText());
    }

    @Test
    void send_passesHeadersAndReportsTheStatus() {
        ApiResponse response = api.send("PATCH", "/missing", Map.of("X-Trace", "t-1"), null);

        assertEquals(404, response.status());
        assertEquals("t-1", response.json().path("trace").asText());
    }

    @Test
    void header_matchesNamesIgnoringCase() {
        ApiResponse response = api.get("/");

        assertEquals("yes", response.header("x-answer"));
        assertEquals("yes", response.header("X-ANSWER"));
        assertNull(response.header("X-Nothing"));
    }

    @Test
    void baseUrl_hasNoTrailingSlash() {
        assertTrue(api.baseUrl().toString().endsWith("/_aws/execute-api/abc/test"), api.baseUrl().toString());
    }

    @Test
    void send_whenNothingListens_saysWhichRequestGotNoAnswer() {
        server.stop(0);

        UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> api.get("/orders"));

        assertTrue(error.getMessage().startsWith("GET " + api.baseUrl() + "/orders got no answer from the API"),
                error.getMessage());
    }

    @Test
    void json_whenBodyIsNotJson_showsStatusAndBody() {
        ApiResponse response = new ApiResponse(502, Map.of("Content-Type", List.of("text/plain")), "Bad Gateway");

        IllegalStateException error = assertThrows(IllegalStateException.class, response::json);

        assertTrue(error.getMessage().startsWith("the API answered 502 with a body that is not JSON"),
                error.getMessage());
        assertTrue(error.getMessage().endsWith(": Bad Gateway"), error.getMessage());
    }
}

package dev.serverlesslab.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AwsException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The edge server on the wire, with stand-in services. */
class EdgeServerTests {

    private final EdgeServer edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "1.2.3");
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        edge.close();
    }

    @Test
    void handle_whenAServiceFailsUnexpectedly_answers500ServiceExceptionWithoutAStackTrace() throws Exception {
        edge.start(new ServiceRouter(List.of(new Throwing())));

        HttpResponse<String> response = send("/boom");

        assertEquals(500, response.statusCode());
        assertEquals("ServiceException", response.headers().firstValue("X-Amzn-ErrorType").orElse(null));
        assertTrue(response.body().startsWith("{\"Type\":\"Service\",\"message\":\"Serverless Lab's emulator failed "
                + "on GET /boom: java.lang.NullPointerException: no table"), response.body());
        assertFalse(response.body().contains("\\n\\tat "), "stack trace leaked: " + response.body());
    }

    @Test
    void health_reportsServicesNotYetStartedAsAvailable() throws Exception {
        edge.start(new ServiceRouter(List.of(new Throwing())));

        HttpResponse<String> response = send("/_localstack/health");

        assertEquals("{\"services\":{\"boom\":\"available\"},\"edition\":\"community\",\"version\":\"1.2.3\"}",
                response.body());
    }

    @Test
    void dispatch_dataPlanePath_goesToTheServiceOwningTheApi() throws Exception {
        edge.start(new ServiceRouter(List.of(new Throwing(), new OneApi())));

        HttpResponse<String> response = send("/restapis/abc123/prod/_user_request_/orders?x=1");

        assertEquals(200, response.statusCode());
        assertEquals("abc123 /prod/orders x=1", response.body());
        assertEquals(List.of("a=1", "b=2"), response.headers().allValues("Set-Cookie"));
    }

    @Test
    void dispatch_dataPlaneCallToAnUnknownApi_answers404NamingTheId() throws Exception {
        edge.start(new ServiceRouter(List.of(new OneApi())));

        HttpResponse<String> response = send("/_aws/execute-api/nope42/orders");

        assertEquals(404, response.statusCode());
        assertEquals("{\"message\":\"No API with id nope42 is deployed on this emulator\"}", response.body());
    }

    private HttpResponse<String> send(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Owns the API {@code abc123} and echoes what it was asked. */
    private static final class OneApi implements AwsService, ExecuteApi {

        @Override
        public String signingName() {
            return "apigateway";
        }

        @Override
        public Protocol protocol() {
            return Protocol.REST_JSON;
        }

        @Override
        public AwsResponse handle(AwsRequest request) {
            throw new AwsException("UnknownOperationException", "control plane not in this test", 404);
        }

        @Override
        public boolean hasApi(String apiId) {
            return "abc123".equals(apiId);
        }

        @Override
        public AwsResponse execute(String apiId, String rawPath, AwsRequest request) {
            byte[] body = (apiId + " " + rawPath + " " + request.rawQuery()).getBytes(StandardCharsets.UTF_8);
            return new AwsResponse(200, Map.of(), body).withHeaderValues("Set-Cookie", List.of("a=1", "b=2"));
        }
    }

    /** Fails with a bug, and has not started yet. */
    private static final class Throwing implements AwsService {

        @Override
        public String signingName() {
            return "boom";
        }

        @Override
        public Protocol protocol() {
            return Protocol.REST_JSON;
        }

        @Override
        public List<String> pathPrefixes() {
            return List.of("/boom");
        }

        @Override
        public boolean running() {
            return false;
        }

        @Override
        public AwsResponse handle(AwsRequest request) {
            throw new NullPointerException("no table");
        }
    }
}

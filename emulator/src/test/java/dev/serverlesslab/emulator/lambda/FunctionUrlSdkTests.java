package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import fixtures.UrlEcho;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.joda.time.DateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.CreateFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Function URLs: configured through the SDK, called with java.net.http by Host and by the path form, payload 2.0 in
 * and out, public access only once the resource policy grants it, AWS_IAM requiring a signed request, CORS applied.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunctionUrlSdkTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path workDir;
    private RunningEmulator running;

    @BeforeAll
    void start() {
        running = new RunningEmulator(workDir);
        running.create("url-echo", UrlEcho.class.getName(), FunctionZips.withLibraries(List.of(UrlEcho.class),
                List.of(SQSEvent.class, DateTime.class)), 256, 20, Map.of());
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @Test
    void publicUrl_answersOnceThePolicyAllowsIt_byHostAndByPath_withPayload2AndCors() throws Exception {
        CreateFunctionUrlConfigResponse created = running.lambda.createFunctionUrlConfig(r -> r
                .functionName("url-echo").authType(FunctionUrlAuthType.NONE)
                .cors(c -> c.allowOrigins("https://app.example").allowMethods("POST").allowHeaders("content-type")
                        .exposeHeaders("x-handled").maxAge(300)));
        String url = created.functionUrl();
        assertTrue(url.matches("http://[a-z0-9]{32}\\.lambda-url\\.us-east-1\\.localhost:\\d+/"), url);
        String id = url.substring("http://".length(), url.indexOf('.'));

        HttpResponse<String> forbidden = post(id, "/orders?x=1", "{\"qty\":2}", Map.of());
        assertEquals(403, forbidden.statusCode(), "a NONE URL still needs the public grant, as on AWS");
        running.lambda.addPermission(r -> r.functionName("url-echo").statementId("public-url")
                .action("lambda:InvokeFunctionUrl").principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));

        String byHostName = rawGet(URI.create(url).getAuthority(), "/by/host?y=2");
        assertTrue(byHostName.startsWith("HTTP/1.1 201"), byHostName);
        assertTrue(byHostName.endsWith("2.0 $default GET /by/host y=2 anonymous null"), byHostName);
        HttpResponse<String> byHost = post(id, "/orders?x=1", "{\"qty\":2}", Map.of("Origin", "https://app.example"));
        assertEquals(201, byHost.statusCode(), byHost.body());
        assertEquals("2.0 $default POST /orders x=1 anonymous {\"qty\":2}", byHost.body());
        assertEquals("yes", byHost.headers().firstValue("X-Handled").orElse(null));
        assertEquals("https://app.example", byHost.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("x-handled", byHost.headers().firstValue("Access-Control-Expose-Headers").orElse(null));

        HttpResponse<String> byPath = http.send(HttpRequest.newBuilder(running.emulator.endpoint()
                .resolve("/_aws/lambda-url/" + id + "/a/b")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("2.0 $default GET /a/b  anonymous null", byPath.body());

        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(running.emulator.endpoint()
                .resolve("/_aws/lambda-url/" + id + "/orders")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, preflight.statusCode());
        assertEquals("POST", preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(null));
        assertEquals("300", preflight.headers().firstValue("Access-Control-Max-Age").orElse(null));
        HttpResponse<String> otherOrigin = post(id, "/", "", Map.of("Origin", "https://evil.example"));
        assertNull(otherOrigin.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void iamUrl_refusesUnsignedCalls_andTellsTheFunctionWhoSigned() throws Exception {
        running.create("url-iam", UrlEcho.class.getName(), FunctionZips.withLibraries(List.of(UrlEcho.class),
                List.of(SQSEvent.class, DateTime.class)), 256, 20, Map.of());
        String url = running.lambda.createFunctionUrlConfig(r -> r.functionName("url-iam")
                .authType(FunctionUrlAuthType.AWS_IAM)).functionUrl();
        String id = url.substring("http://".length(), url.indexOf('.'));

        assertEquals(403, post(id, "/", "hi", Map.of()).statusCode());
        HttpResponse<String> signed = post(id, "/", "hi", Map.of("Authorization", "AWS4-HMAC-SHA256 "
                + "Credential=111122223333/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=0"));

        assertEquals(201, signed.statusCode(), signed.body());
        assertEquals("2.0 $default POST /  111122223333 hi", signed.body());
    }

    @Test
    void urlConfigs_areUpdatedListedAndDeleted() {
        running.create("url-admin", UrlEcho.class.getName(), FunctionZips.of(UrlEcho.class));
        running.lambda.createFunctionUrlConfig(r -> r.functionName("url-admin").authType(FunctionUrlAuthType.NONE));
        assertThrows(ResourceConflictException.class, () -> running.lambda.createFunctionUrlConfig(r -> r
                .functionName("url-admin").authType(FunctionUrlAuthType.NONE)));

        running.lambda.updateFunctionUrlConfig(r -> r.functionName("url-admin").authType(FunctionUrlAuthType.AWS_IAM));

        assertEquals(FunctionUrlAuthType.AWS_IAM, running.lambda.getFunctionUrlConfig(r -> r.functionName("url-admin"))
                .authType());
        assertEquals(1, running.lambda.listFunctionUrlConfigs(r -> r.functionName("url-admin"))
                .functionUrlConfigs().size());
        running.lambda.deleteFunctionUrlConfig(r -> r.functionName("url-admin"));
        assertThrows(ResourceNotFoundException.class, () -> running.lambda.getFunctionUrlConfig(r -> r
                .functionName("url-admin")));
    }

    /** A GET with the URL's own Host header, sent by hand since java.net.http refuses to set Host. */
    private String rawGet(String host, String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", running.emulator.port())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> post(String id, String path, String body, Map<String, String> headers)
            throws Exception {
        // java.net.http will not set Host, so the path form carries the id; rawGet sends the Host form.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(running.emulator.endpoint()
                + "/_aws/lambda-url/" + id + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

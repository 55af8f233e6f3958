package dev.serverlesslab.emulator.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import dev.serverlesslab.emulator.lambda.LambdaBackend;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeClasspath;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeSettings;
import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Raw REST-JSON requests, checking the bytes clients other than the Java SDK parse, and data-plane addressing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiGatewayWireTests {

    /** What confines environments on this machine, detected once for the class as an emulator does at start. */
    private static final Sandbox SANDBOX = Sandbox.detect();

    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/apigateway/"
            + "aws4_request, SignedHeaders=host, Signature=0";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private LambdaBackend lambda;
    private EdgeServer edge;

    @BeforeAll
    void start(@TempDir Path workDir) {
        Path runtime = workDir.resolve("runtime");
        lambda = new LambdaBackend(workDir.resolve("lambda"), new RuntimeSettings(RuntimeSettings.currentJava(),
                RuntimeClasspath.prepare(runtime), runtime, null, "http://127.0.0.1:4566"), SANDBOX);
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        edge.start(new ServiceRouter(List.of(new ApiGatewayHandler(new ApiGatewayBackend(lambda)))));
    }

    @AfterAll
    void stop() {
        edge.close();
        lambda.close();
    }

    @Test
    void createRestApi_answers201WithEpochSecondsAndTheRootResource() throws Exception {
        HttpResponse<String> response = send("POST", "/restapis", "{\"name\":\"wire\"}");

        assertEquals(201, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode api = json.readTree(response.body());
        assertTrue(api.get("createdDate").isNumber(), response.body());
        assertTrue(api.get("id").asText().matches("[a-z0-9]{10}"), response.body());
        assertTrue(api.get("rootResourceId").isTextual(), response.body());
    }

    @Test
    void listAnswers_nameTheirMemberItem() throws Exception {
        String id = json.readTree(send("POST", "/restapis", "{\"name\":\"listed\"}").body()).get("id").asText();

        JsonNode resources = json.readTree(send("GET", "/restapis/" + id + "/resources", "").body());

        assertEquals("/", resources.get("item").get(0).get("path").asText());
        assertTrue(json.readTree(send("GET", "/restapis", "").body()).get("item").isArray());
    }

    @Test
    void getResources_listsMethodNames_andEmbedsWholeMethodsWhenAsked() throws Exception {
        JsonNode api = json.readTree(send("POST", "/restapis", "{\"name\":\"embedded\"}").body());
        String resources = "/restapis/" + api.get("id").asText() + "/resources";
        String root = api.get("rootResourceId").asText();
        assertEquals(201, send("PUT", resources + "/" + root + "/methods/GET", "{\"authorizationType\":\"NONE\"}")
                .statusCode());

        JsonNode plain = json.readTree(send("GET", resources, "").body()).get("item").get(0);
        JsonNode embedded = json.readTree(send("GET", resources + "?embed=methods", "").body()).get("item").get(0);

        assertEquals(json.readTree("{\"GET\":{}}"), plain.get("resourceMethods"));
        assertEquals("NONE", embedded.get("resourceMethods").get("GET").get("authorizationType").asText());
    }

    @Test
    void notFound_answers404WithErrorTypeHeaderAndMessage() throws Exception {
        HttpResponse<String> response = send("GET", "/restapis/nosuchapi1", "");

        assertEquals(404, response.statusCode());
        assertEquals("NotFoundException", response.headers().firstValue("X-Amzn-ErrorType").orElse(""));
        assertEquals("{\"Type\":\"User\",\"message\":\"Invalid API identifier specified 000000000000:nosuchapi1\"}",
                response.body());
    }

    @Test
    void malformedBody_answersBadRequest() throws Exception {
        HttpResponse<String> response = send("POST", "/restapis", "{not json");

        assertEquals(400, response.statusCode());
        assertEquals("BadRequestException", response.headers().firstValue("X-Amzn-ErrorType").orElse(""));
    }

    @Test
    void unknownOperation_namesItFromAwsModel() throws Exception {
        String id = json.readTree(send("POST", "/restapis", "{\"name\":\"patched\"}").body()).get("id").asText();

        HttpResponse<String> response = send("GET", "/restapis/" + id + "/models", "");

        assertEquals(404, response.statusCode());
        assertEquals("UnknownOperationException", response.headers().firstValue("X-Amzn-ErrorType").orElse(""));
        assertTrue(response.body().contains("GetModels"), response.body());
    }

    @Test
    void executeApiHost_reachesTheApi_andAnUndeployedStageAnswers403() throws Exception {
        String id = json.readTree(send("POST", "/restapis", "{\"name\":\"hosted\"}").body()).get("id").asText();

        String answer = rawGet(id + ".execute-api.localhost.localstack.cloud:" + edge.port(), "/prod/orders");

        assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        assertTrue(answer.endsWith("{\"message\":\"Missing Authentication Token\"}"), answer);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + path))
                .header("Authorization", AUTHORIZATION)
                .header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** java.net.http will not send a Host header of our choosing, so this request is written by hand. */
    private String rawGet(String host, String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", edge.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

package dev.serverlesslab.emulator.apigatewayv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import dev.serverlesslab.emulator.lambda.InvokeRequest;
import dev.serverlesslab.emulator.lambda.InvokeResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test fixture: the HTTP API service behind a real edge server on a free port, with a stand-in for Lambda that
 * records the event it was sent and answers with a canned payload.
 */
final class HttpApiWire implements AutoCloseable {

    static final String SIGNED = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/apigateway/aws4_request, "
            + "SignedHeaders=host, Signature=0";

    final ApiGatewayV2Backend backend;
    private final EdgeServer edge;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private volatile InvokeRequest lastInvoke;
    private volatile AccountRegion lastScope;
    private volatile InvokeResponse answer = answer("{}", null);
    private final Map<String, InvokeResponse> answersByFunction = new ConcurrentHashMap<>();
    private final List<InvokeRequest> invokes = new CopyOnWriteArrayList<>();

    HttpApiWire() {
        backend = new ApiGatewayV2Backend(this::invoke, new SecureRandom(), Clock.systemUTC());
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        edge.start(new ServiceRouter(List.of(new ApiGatewayV2Handler(backend, 4566))));
    }

    /** The stand-in function returns this payload, failing with {@code functionError} when it is not null. */
    void functionReturns(String payload, String functionError) {
        answer = answer(payload, functionError);
    }

    /** The function with this ARN (e.g. an authorizer) answers this instead of the common payload. */
    void functionAnswers(String functionArn, String payload, String functionError) {
        answersByFunction.put(functionArn, answer(payload, functionError));
    }

    /** Every invoke so far, in order. */
    List<InvokeRequest> invokes() {
        return List.copyOf(invokes);
    }

    /** The event the stand-in function last received. */
    JsonNode lastEvent() throws Exception {
        return json.readTree(lastInvoke.payload());
    }

    InvokeRequest lastInvoke() {
        return lastInvoke;
    }

    AccountRegion lastScope() {
        return lastScope;
    }

    /** A request signed for apigateway, as the SDKs send control-plane calls. */
    HttpResponse<String> control(String method, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", SIGNED)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + edge.port() + path);
    }

    JsonNode read(String body) throws Exception {
        return json.readTree(body);
    }

    private InvokeResponse invoke(AccountRegion scope, InvokeRequest request) {
        lastScope = scope;
        lastInvoke = request;
        invokes.add(request);
        return answersByFunction.getOrDefault(request.functionName(), answer);
    }

    private static InvokeResponse answer(String payload, String functionError) {
        return new InvokeResponse(200, "request", payload.getBytes(StandardCharsets.UTF_8), functionError, null,
                "$LATEST");
    }

    @Override
    public void close() {
        edge.close();
    }
}

package dev.serverlesslab.emulator.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.lambda.bootstrap.LaunchParameters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Runtime API as any runtime client (ours or AWS's) speaks it. */
class RuntimeApiServerTests {

    private static final String SECRET = "the-environments-secret";
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Recorder listener = new Recorder();
    private final HttpClient http = HttpClient.newHttpClient();
    private RuntimeApiServer server;

    @AfterEach
    void stop() {
        server.close();
        executor.shutdownNow();
    }

    @Test
    void next_answersThePayloadWithLambdasHeaders() throws Exception {
        server = RuntimeApiServer.start(listener, executor, SECRET);

        HttpResponse<String> next = send("GET", "/2018-06-01/runtime/invocation/next", null, null);

        assertEquals(200, next.statusCode());
        assertEquals("{\"k\":1}", next.body());
        assertEquals("req-1", header(next, "Lambda-Runtime-Aws-Request-Id"));
        assertEquals("1735689600000", header(next, "Lambda-Runtime-Deadline-Ms"));
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:f",
                header(next, "Lambda-Runtime-Invoked-Function-Arn"));
        assertEquals("Root=1-abc", header(next, "Lambda-Runtime-Trace-Id"));
    }

    @Test
    void responseAndError_areAcceptedAndPassedOn() throws Exception {
        server = RuntimeApiServer.start(listener, executor, SECRET);

        HttpResponse<String> response = send("POST", "/2018-06-01/runtime/invocation/req-1/response", "\"ok\"", null);
        HttpResponse<String> error = send("POST", "/2018-06-01/runtime/invocation/req-2/error", "{}",
                "java.lang.RuntimeException");
        HttpResponse<String> initError = send("POST", "/2018-06-01/runtime/init/error", "{}", "Runtime.Bad");

        assertEquals(202, response.statusCode());
        assertEquals(202, error.statusCode());
        assertEquals(202, initError.statusCode());
        assertEquals(List.of("response req-1 \"ok\"", "error req-2 java.lang.RuntimeException {}",
                "init Runtime.Bad {}"), listener.calls);
    }

    @Test
    void response_forAnUnknownRequest_answers400() throws Exception {
        server = RuntimeApiServer.start(listener, executor, SECRET);

        assertEquals(400, send("POST", "/2018-06-01/runtime/invocation/other/response", "1", null).statusCode());
    }

    @Test
    void requests_withoutTheEnvironmentsSecret_areRefusedWith403_andReachNothing() throws Exception {
        server = RuntimeApiServer.start(listener, executor, SECRET);

        HttpResponse<String> next = send("GET", "/2018-06-01/runtime/invocation/next", null, null, null);
        HttpResponse<String> response = send("POST", "/2018-06-01/runtime/invocation/req-1/response", "\"stolen\"",
                null, "another-environments-secret");

        assertEquals(403, next.statusCode());
        assertTrue(next.body().contains("\"errorType\":\"Runtime.AccessDenied\""), next.body());
        assertEquals(403, response.statusCode());
        assertEquals(List.of(), listener.calls, "a refused request must not reach the environment");
    }

    private HttpResponse<String> send(String method, String path, String body, String errorType) throws Exception {
        return send(method, path, body, errorType, SECRET);
    }

    private HttpResponse<String> send(String method, String path, String body, String errorType, String secret)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + server.hostPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header(LaunchParameters.SECRET_HEADER, secret);
        }
        if (errorType != null) {
            request.header("Lambda-Runtime-Function-Error-Type", errorType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** Hands out one fixed event and records what the runtime posts. */
    private static final class Recorder implements RuntimeApiServer.Listener {

        final List<String> calls = new ArrayList<>();

        @Override
        public Invocation nextInvocation() {
            return new Invocation("req-1", "{\"k\":1}".getBytes(StandardCharsets.UTF_8), 1_735_689_600_000L,
                    "arn:aws:lambda:us-east-1:000000000000:function:f", "Root=1-abc", null);
        }

        @Override
        public RuntimeApiServer.Verdict onResponse(String requestId, byte[] payload) {
            if (!requestId.startsWith("req-")) {
                return RuntimeApiServer.Verdict.UNKNOWN_REQUEST;
            }
            calls.add("response " + requestId + " " + new String(payload, StandardCharsets.UTF_8));
            return RuntimeApiServer.Verdict.ACCEPTED;
        }

        @Override
        public RuntimeApiServer.Verdict onError(String requestId, String errorType, byte[] payload) {
            calls.add("error " + requestId + " " + errorType + " " + new String(payload, StandardCharsets.UTF_8));
            return RuntimeApiServer.Verdict.ACCEPTED;
        }

        @Override
        public void onInitError(String errorType, byte[] payload) {
            calls.add("init " + errorType + " " + new String(payload, StandardCharsets.UTF_8));
        }
    }
}

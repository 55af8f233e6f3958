package dev.serverlesslab.emulator.lambda.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.serverlesslab.emulator.lambda.bootstrap.LaunchParameters;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Lambda Runtime API (2018-06-01) for one execution environment, on its own loopback port with the standard paths.
 *
 * <p>Every request must carry the environment's secret ({@link LaunchParameters#SECRET_HEADER}): without the sandbox,
 * any process on the machine can reach this port, and another function's handler must not take this one's events or
 * answer them.
 */
final class RuntimeApiServer implements AutoCloseable {

    private static final String BASE = "/2018-06-01/runtime/";
    private static final String INVOCATION = BASE + "invocation/";

    /** What the environment does with each Runtime API call. */
    interface Listener {

        /** Blocks until there is an event; null when the environment is shutting down. */
        Invocation nextInvocation() throws InterruptedException;

        Verdict onResponse(String requestId, byte[] payload);

        Verdict onError(String requestId, String errorType, byte[] payload);

        void onInitError(String errorType, byte[] payload);
    }

    /** How the Runtime API answers a posted result. */
    enum Verdict {
        ACCEPTED(202),
        UNKNOWN_REQUEST(400),
        TOO_LARGE(413);

        final int status;

        Verdict(int status) {
            this.status = status;
        }
    }

    private final HttpServer server;
    private final Listener listener;
    private final byte[] secret;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RuntimeApiServer(HttpServer server, Listener listener, String secret) {
        this.server = server;
        this.listener = listener;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** @param secret what every request must carry in {@link LaunchParameters#SECRET_HEADER} */
    static RuntimeApiServer start(Listener listener, Executor executor, String secret) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        RuntimeApiServer api = new RuntimeApiServer(server, listener, secret);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API} when the environment shares the host's network. */
    String hostPort() {
        return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** Where the server listens, for the relay of a sandboxed environment. */
    InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops listening; safe to call again (a kill and the process's exit both close it). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            if (!authorized(exchange)) {
                send(exchange, 403, "{\"errorMessage\":\"This Runtime API answers only the runtime of its own execution "
                        + "environment, and the request did not carry that environment's secret\","
                        + "\"errorType\":\"Runtime.AccessDenied\"}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if ("GET".equals(method) && path.equals(INVOCATION + "next")) {
                next(exchange);
            } else if ("POST".equals(method) && path.equals(BASE + "init/error")) {
                listener.onInitError(errorType(exchange), body);
                answer(exchange, Verdict.ACCEPTED);
            } else if ("POST".equals(method) && path.startsWith(INVOCATION) && path.endsWith("/response")) {
                answer(exchange, listener.onResponse(requestId(path, "/response"), body));
            } else if ("POST".equals(method) && path.startsWith(INVOCATION) && path.endsWith("/error")) {
                answer(exchange, listener.onError(requestId(path, "/error"), errorType(exchange), body));
            } else {
                send(exchange, 404, "{\"errorMessage\":\"Unknown Runtime API path " + method + " " + path
                        + "\",\"errorType\":\"InvalidRequest\"}");
            }
        } catch (IOException e) {
            // The runtime closed its connection, typically because its process was stopped.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void next(HttpExchange exchange) throws IOException, InterruptedException {
        Invocation invocation = listener.nextInvocation();
        if (invocation == null) {
            send(exchange, 410, "{\"errorMessage\":\"The execution environment is shutting down\","
                    + "\"errorType\":\"Runtime.Shutdown\"}");
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedFunctionArn());
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceId());
        if (invocation.clientContext() != null) {
            headers.set("Lambda-Runtime-Client-Context", invocation.clientContext());
        }
        byte[] payload = invocation.payload();
        exchange.sendResponseHeaders(200, payload.length == 0 ? -1 : payload.length);
        if (payload.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(payload);
            }
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String presented = exchange.getRequestHeaders().getFirst(LaunchParameters.SECRET_HEADER);
        // Constant-time, so the secret cannot be guessed byte by byte from response times.
        return presented != null && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }

    private static String requestId(String path, String suffix) {
        return path.substring(INVOCATION.length(), path.length() - suffix.length());
    }

    private static String errorType(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
    }

    private static void answer(HttpExchange exchange, Verdict verdict) throws IOException {
        switch (verdict) {
            case ACCEPTED -> send(exchange, verdict.status, "{\"status\":\"OK\"}");
            case UNKNOWN_REQUEST -> send(exchange, verdict.status,
                    "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
            case TOO_LARGE -> send(exchange, verdict.status,
                    "{\"errorMessage\":\"Response payload size exceeded maximum allowed payload size "
                            + "(6291556 bytes).\",\"errorType\":\"RequestEntityTooLarge\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}

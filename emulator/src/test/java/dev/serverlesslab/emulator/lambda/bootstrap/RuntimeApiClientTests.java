package dev.serverlesslab.emulator.lambda.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bootstrap's hand-written HTTP client against a stand-in Runtime API on the JDK's HTTP server. */
class RuntimeApiClientTests {

    private static final List<String> EVERY_REQUEST = List.of(
            "GET /2018-06-01/runtime/invocation/next null s3cret ",
            "POST /2018-06-01/runtime/invocation/r1/response null s3cret \"done\"",
            "POST /2018-06-01/runtime/invocation/r2/error java.lang.RuntimeException s3cret {}",
            "POST /2018-06-01/runtime/init/error Runtime.InvalidEntrypoint s3cret {}");
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private RuntimeApiClient client;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type") + " "
                    + exchange.getRequestHeaders().getFirst(LaunchParameters.SECRET_HEADER) + " "
                    + new String(body, StandardCharsets.UTF_8));
            if (exchange.getRequestURI().getPath().endsWith("/next")) {
                exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", "r1");
                exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", "1735689600000");
                exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", "arn:f");
                exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id", "Root=1-x");
                byte[] event = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
                // 0 makes the JDK server answer chunked, which the client must handle too.
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(event);
                }
            } else {
                exchange.sendResponseHeaders(202, -1);
            }
            exchange.close();
        });
        server.start();
        client = RuntimeApiClient.overTcp("127.0.0.1:" + server.getAddress().getPort(), "s3cret");
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.stop(0);
    }

    @Test
    void next_readsTheEventAndItsHeaders() throws Exception {
        NextInvocation invocation = client.next();

        assertEquals("r1", invocation.requestId());
        assertEquals(1_735_689_600_000L, invocation.deadlineMillis());
        assertEquals("arn:f", invocation.invokedFunctionArn());
        assertEquals("Root=1-x", invocation.traceId());
        assertArrayEquals("{\"n\":1}".getBytes(StandardCharsets.UTF_8), invocation.payload());
    }

    @Test
    void respondAndError_postToTheRuntimeApiPathsOverOneConnection_withTheSecret() throws Exception {
        exerciseEveryRequest(client);

        assertEquals(EVERY_REQUEST, received);
    }

    @Test
    void overAUnixSocket_relayedToTcp_sendsTheSameRequests(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("runtime.sock");
        ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        unix.bind(UnixDomainSocketAddress.of(socket));
        try (Relay relay = Relay.start(unix, server.getAddress(), "test-relay");
                RuntimeApiClient overSocket = RuntimeApiClient.overUnixSocket(socket.toString(), "s3cret")) {
            NextInvocation invocation = exerciseEveryRequest(overSocket);

            assertArrayEquals("{\"n\":1}".getBytes(StandardCharsets.UTF_8), invocation.payload());
            assertEquals(EVERY_REQUEST, received);
        }
    }

    private static NextInvocation exerciseEveryRequest(RuntimeApiClient client) throws Exception {
        NextInvocation invocation = client.next();
        client.respond("r1", "\"done\"".getBytes(StandardCharsets.UTF_8));
        client.error("r2", "java.lang.RuntimeException", "{}".getBytes(StandardCharsets.UTF_8));
        client.initError("Runtime.InvalidEntrypoint", "{}".getBytes(StandardCharsets.UTF_8));
        return invocation;
    }
}

package dev.serverlesslab.emulator.http;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.EmulatorClock;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single HTTP endpoint (LocalStack's port 4566): reads each request, hands it to the routed service and writes
 * the answer, turning every failure into an AWS-shaped error.
 *
 * <p>It runs on Jetty rather than the JDK's {@code HttpServer}: the JDK server rewrites every request header name
 * ({@code Content-Type} arrives as {@code Content-type}) before any handler or filter sees it, while API Gateway
 * hands REST API functions the names exactly as the client sent them. Jetty keeps them when its parser is allowed
 * case-sensitive field names.
 */
public final class EdgeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeServer.class);

    static final String HEALTH_PATH = "/_localstack/health";
    /** GET reads the emulator's clock, POST {@code {"advanceSeconds": N}} moves it forward (see {@link EmulatorClock}). */
    static final String CLOCK_PATH = "/_serverlesslab/clock";
    private static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    /** Invokes block a thread for up to the function's timeout (15 minutes at most), so threads are plentiful. */
    private static final int MAX_THREADS = 1000;
    /** Longer than Lambda's longest timeout, so a connection waiting on a slow Invoke is never cut by the edge. */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(16);
    /** How much of a body no service read is read and dropped to keep the connection (see RequestBody). */
    private static final long UNREAD_BODY_LIMIT = 1024 * 1024;

    private final Server server;
    private final ServerConnector connector;
    private final String defaultRegion;
    private final String version;
    private volatile ServiceRouter router = new ServiceRouter(List.of());
    private volatile AccessKeys accessKeys = AccessKeys.localStack();
    private volatile EmulatorClock clock;
    private static final com.fasterxml.jackson.databind.ObjectMapper CLOCK_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private EdgeServer(Server server, ServerConnector connector, String defaultRegion, String version) {
        this.server = server;
        this.connector = connector;
        this.defaultRegion = defaultRegion;
        this.version = version;
    }

    /**
     * Binds the port without serving yet, so services can be built knowing the endpoint they live at.
     *
     * @param port 0 picks a free port
     */
    public static EdgeServer bind(String host, int port, String defaultRegion, String version) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4, (int) Duration.ofMinutes(1).toMillis());
        threads.setName("emulator-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // Header names as sent (see the class comment); everything else as RFC 9110 wants it.
        http.setHttpCompliance(HttpCompliance.RFC9110.with("emulator",
                HttpCompliance.Violation.CASE_SENSITIVE_FIELD_NAME));
        // Paths reach the services raw and each decodes its own segments: an encoded "/" inside an ARN or a key
        // is data there, not an ambiguity to refuse.
        http.setUriCompliance(UriCompliance.UNSAFE);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(64 * 1024);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptQueueSize(128);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        EdgeServer edge = new EdgeServer(server, connector, defaultRegion, version);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                edge.handle(request, response, callback);
                return true;
            }
        });
        try {
            connector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not listen on " + host + ":" + port
                    + " (is another emulator or LocalStack running there? pick another port or 0 for a free one)", e);
        }
        return edge;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Starts answering requests with the given services, taking access keys the way LocalStack does. */
    public void start(ServiceRouter serviceRouter) {
        start(serviceRouter, AccessKeys.localStack());
    }

    /** Starts answering requests with the given services; {@code keys} decides whose account each request acts in. */
    public void start(ServiceRouter serviceRouter, AccessKeys keys) {
        start(serviceRouter, keys, null);
    }

    /**
     * As {@link #start(ServiceRouter, AccessKeys)}, and serves {@value #CLOCK_PATH} for the clock when one is given
     * (standalone emulators, whose users drive it over HTTP; an embedded grader holds the clock itself and gives
     * none, so no function can move time for other gradings).
     */
    public void start(ServiceRouter serviceRouter, AccessKeys keys, EmulatorClock httpClock) {
        this.router = serviceRouter;
        this.accessKeys = keys;
        this.clock = httpClock;
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("The emulator's HTTP server did not start: " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("The emulator's HTTP server did not stop cleanly", e);
        }
    }

    private void handle(Request exchange, Response out, Callback callback) {
        String requestId = UUID.randomUUID().toString();
        // Read only when a service asks: S3 streams uploads to disk, everything else takes the bytes.
        RequestBody body = RequestBody.reading(Content.Source.asInputStream(exchange));
        String method = exchange.getMethod();
        String rawPath = exchange.getHttpURI().getPath();
        AwsResponse response;
        if (HEALTH_PATH.equals(rawPath)) {
            response = health(method);
        } else if (CLOCK_PATH.equals(rawPath)) {
            byte[] bytes;
            try {
                bytes = body.bytes();
            } catch (UncheckedIOException e) {
                // The client went away mid-request; there is no one left to answer.
                callback.failed(e.getCause());
                return;
            }
            response = clock(method, bytes);
        } else {
            // Unsigned until a service is found: the data plane of a deployed API is public, as on AWS.
            AwsRequest request = new AwsRequest(requestId, method, rawPath, exchange.getHttpURI().getQuery(),
                    headersAsSent(exchange.getHeaders()), body,
                    new AccountRegion(AccountRegion.DEFAULT_ACCOUNT, defaultRegion), peer(exchange));
            response = dispatch(request);
        }
        if (!"100-continue".equalsIgnoreCase(exchange.getHeaders().get(HttpHeader.EXPECT))) {
            // A client waiting for 100 Continue sends no body unless asked: refusing it unread is the point.
            body.discardUnread(UNREAD_BODY_LIMIT);
        }
        write(method, out, response, requestId, callback);
    }

    private AwsRequest.Peer peer(Request exchange) {
        String address = Request.getRemoteAddr(exchange);
        return new AwsRequest.Peer(address == null ? AwsRequest.Peer.LOCAL.sourceIp() : address, port());
    }

    /**
     * The request's headers with their names as the client wrote them; names differing only in case are one
     * header (HTTP names are case-insensitive), spelled as first sent, with every value in order.
     */
    static Map<String, List<String>> headersAsSent(HttpFields fields) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        for (HttpField field : fields) {
            List<String> values = headers.computeIfAbsent(field.getName(), name -> {
                List<String> list = new ArrayList<>();
                ordered.put(name, list);
                return list;
            });
            values.add(field.getValue());
        }
        return ordered;
    }

    AwsResponse dispatch(AwsRequest request) {
        Optional<FunctionUrlEndpoint.Target> functionUrl =
                FunctionUrlEndpoint.Target.of(request.header("Host"), request.rawPath());
        if (functionUrl.isPresent()) {
            return serveUrl(functionUrl.get(), request);
        }
        Optional<ExecuteApi.Target> dataPlane = ExecuteApi.Target.of(request.header("Host"), request.rawPath());
        if (dataPlane.isPresent()) {
            return execute(dataPlane.get(), request);
        }
        Optional<AwsService> routed = router.route(request);
        if (routed.isEmpty()) {
            if ("HEAD".equals(request.method())) {
                return Protocol.unclaimedHead(new AwsException("UnknownOperationException", unsupported(request), 501));
            }
            return Protocol.unclaimedError(new AwsException("UnknownOperationException", unsupported(request), 404),
                    request);
        }
        AwsService service = routed.get();
        try {
            return service.handle(signedBy(request, service.protocol()));
        } catch (AwsException e) {
            return service.protocol().error(e);
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure in {} for {} (request {})", service.signingName(), request.describe(),
                    request.requestId(), e);
            return service.protocol().error(new AwsException("ServiceException",
                    "Serverless Lab's emulator failed on " + request.describe() + ": "
                            + e.toString().lines().findFirst().orElse("")
                            + " (details in the emulator's log, request " + request.requestId() + ")",
                    500));
        }
    }

    private AwsResponse execute(ExecuteApi.Target target, AwsRequest request) {
        Optional<AwsService> owner = router.services().stream()
                .filter(service -> service instanceof ExecuteApi api && api.hasApi(target.apiId()))
                .findFirst();
        if (owner.isEmpty()) {
            // What API Gateway answers for an id it does not know, in its data-plane shape.
            return AwsResponse.json(404, ("{\"message\":\"No API with id " + target.apiId()
                    + " is deployed on this emulator\"}").getBytes(StandardCharsets.UTF_8))
                    .withHeader("x-amzn-ErrorType", "NotFoundException");
        }
        try {
            return ((ExecuteApi) owner.get()).execute(target.apiId(), target.rawPath(), request);
        } catch (AwsException e) {
            return owner.get().protocol().error(e);
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure calling API {} for {} (request {})", target.apiId(), request.describe(),
                    request.requestId(), e);
            return AwsResponse.json(500, "{\"message\":\"Internal server error\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private AwsResponse serveUrl(FunctionUrlEndpoint.Target target, AwsRequest request) {
        Optional<FunctionUrlEndpoint> owner = router.services().stream()
                .filter(service -> service instanceof FunctionUrlEndpoint urls && urls.hasUrl(target.urlId()))
                .map(FunctionUrlEndpoint.class::cast).findFirst();
        if (owner.isEmpty()) {
            return AwsResponse.json(404, ("{\"Message\":\"No function URL with id " + target.urlId()
                    + " exists on this emulator\"}").getBytes(StandardCharsets.UTF_8));
        }
        // AWS_IAM URLs need a SigV4-signed request; the key is looked up, the signature is not verified.
        Optional<String> signedAccount = SigV4Scope.fromAuthorization(request.header("Authorization"))
                .flatMap(scope -> accessKeys.accountOf(scope.accessKeyId()));
        try {
            return owner.get().serveUrl(target.urlId(), target.rawPath(), request, signedAccount);
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure calling function URL {} for {} (request {})", target.urlId(),
                    request.describe(), request.requestId(), e);
            return AwsResponse.json(500, "{\"Message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private String unsupported(AwsRequest request) {
        String served = router.services().stream().map(AwsService::signingName).distinct()
                .collect(Collectors.joining(", "));
        Optional<SigV4Scope> scope = SigV4Scope.fromAuthorization(request.header("Authorization"));
        String what = scope.map(s -> "the " + s.service() + " service (" + request.describe() + ")")
                .orElse(request.describe());
        return "Serverless Lab's emulator does not support " + what + "; it serves: " + served;
    }

    /**
     * The request acting in the account its access key maps to; refused in the protocol's own error shape when the
     * key is not accepted (or missing where a signature is required).
     */
    private AwsRequest signedBy(AwsRequest request, Protocol protocol) {
        Optional<SigV4Scope> scope = SigV4Scope.fromAuthorization(request.header("Authorization"));
        if (scope.isEmpty() && request.rawQuery() != null) {
            // Presigned URLs carry the scope in the query instead of a header.
            scope = SigV4Scope.fromCredential(request.queryParameters().get("X-Amz-Credential"));
        }
        if (scope.isEmpty()) {
            if (accessKeys.signatureRequired()) {
                throw CredentialErrors.missingToken(protocol);
            }
            return request;
        }
        String accountId = accessKeys.accountOf(scope.get().accessKeyId())
                .orElseThrow(() -> CredentialErrors.invalidToken(protocol));
        return request.withScope(new AccountRegion(accountId, scope.get().region()));
    }

    private AwsResponse health(String method) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return Protocol.unclaimedError(new AwsException("MethodNotAllowed",
                    "Serverless Lab's emulator answers " + HEALTH_PATH + " only to GET and HEAD", 405));
        }
        // Services sharing a signing name (API Gateway's REST and HTTP APIs) are one entry, running when all are.
        Map<String, Boolean> running = new LinkedHashMap<>();
        router.services().forEach(service ->
                running.merge(service.signingName(), service.running(), Boolean::logicalAnd));
        String services = running.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + (e.getValue() ? "running" : "available") + "\"")
                .collect(Collectors.joining(","));
        String body = "{\"services\":{" + services + "},\"edition\":\"community\",\"version\":\"" + version + "\"}";
        return AwsResponse.json(200, body.getBytes(StandardCharsets.UTF_8));
    }

    private AwsResponse clock(String method, byte[] body) {
        EmulatorClock served = clock;
        if (served == null) {
            return Protocol.unclaimedError(new AwsException("AccessDenied", "This emulator's clock is moved by the "
                    + "grader that embeds it, not over HTTP", 403));
        }
        if ("POST".equals(method)) {
            long seconds;
            try {
                seconds = CLOCK_JSON.readTree(body).path("advanceSeconds").asLong(0);
            } catch (IOException e) {
                seconds = 0;
            }
            if (seconds < 1) {
                return Protocol.unclaimedError(new AwsException("ValidationException", "Send a JSON body such as "
                        + "{\"advanceSeconds\": 60}: a whole number of seconds, at least 1, to move the clock forward",
                        400));
            }
            served.advance(Duration.ofSeconds(seconds));
        } else if (!"GET".equals(method)) {
            return Protocol.unclaimedError(new AwsException("MethodNotAllowed",
                    "Serverless Lab's emulator answers " + CLOCK_PATH + " only to GET and POST", 405));
        }
        String answer = "{\"now\":\"" + served.instant() + "\",\"offsetSeconds\":" + served.offset().toSeconds()
                + "}";
        return AwsResponse.json(200, answer.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(String method, Response out, AwsResponse response, String requestId,
            Callback callback) {
        HttpFields.Mutable headers = out.getHeaders();
        // A value holding line breaks carries several values of one header (see AwsResponse.withHeaderValues).
        response.headers().forEach((name, value) -> {
            for (String one : value.split("\n", -1)) {
                headers.add(name, one);
            }
        });
        if (response.header(REQUEST_ID_HEADER) == null) {
            headers.put(REQUEST_ID_HEADER, requestId);
        }
        if (response.stream() != null) {
            writeStreamed(method, out, response, callback);
            return;
        }
        byte[] body = response.body();
        out.setStatus(response.status());
        boolean noBody = body.length == 0 || response.status() == 204 || response.status() == 304
                || "HEAD".equals(method);
        if (noBody) {
            if (response.status() != 204 && response.status() != 304 && !"HEAD".equals(method)) {
                headers.put(HttpHeader.CONTENT_LENGTH, 0L);
            }
            callback.succeeded();
            return;
        }
        headers.put(HttpHeader.CONTENT_LENGTH, (long) body.length);
        out.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Copies a streamed payload to the connection with blocking writes, so no more than a buffer is held at once. */
    private static void writeStreamed(String method, Response out, AwsResponse response, Callback callback) {
        try (StreamedBody stream = response.stream()) {
            out.setStatus(response.status());
            out.getHeaders().put(HttpHeader.CONTENT_LENGTH, stream.length());
            if ("HEAD".equals(method) || stream.length() == 0) {
                callback.succeeded();
                return;
            }
            try (OutputStream sink = Content.Sink.asOutputStream(out)) {
                stream.writeTo(sink);
            }
            callback.succeeded();
        } catch (IOException | RuntimeException e) {
            // The client went away mid-answer, or the file could not be read: the connection is cut either way.
            callback.failed(e);
        }
    }
}

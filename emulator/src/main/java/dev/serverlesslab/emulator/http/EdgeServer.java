package dev.serverlesslab.emulator.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single HTTP endpoint (LocalStack's port 4566): reads each request, hands it to the routed service and writes
 * the answer, turning every failure into an AWS-shaped error.
 */
public final class EdgeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeServer.class);

    static final String HEALTH_PATH = "/_localstack/health";
    private static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String defaultRegion;
    private final String version;
    private volatile ServiceRouter router = new ServiceRouter(List.of());
    private volatile AccessKeys accessKeys = AccessKeys.localStack();

    private EdgeServer(HttpServer server, ExecutorService executor, String defaultRegion, String version) {
        this.server = server;
        this.executor = executor;
        this.defaultRegion = defaultRegion;
        this.version = version;
    }

    /**
     * Binds the port without serving yet, so services can be built knowing the endpoint they live at.
     *
     * @param port 0 picks a free port
     */
    public static EdgeServer bind(String host, int port, String defaultRegion, String version) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
            AtomicInteger threads = new AtomicInteger();
            // Invokes block a thread for up to the function's timeout, so the pool grows with demand.
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "emulator-http-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            EdgeServer edge = new EdgeServer(server, executor, defaultRegion, version);
            server.createContext("/", edge::handle);
            return edge;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not listen on " + host + ":" + port
                    + " (is another emulator or LocalStack running there? pick another port or 0 for a free one)", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Starts answering requests with the given services, taking access keys the way LocalStack does. */
    public void start(ServiceRouter serviceRouter) {
        start(serviceRouter, AccessKeys.localStack());
    }

    /** Starts answering requests with the given services; {@code keys} decides whose account each request acts in. */
    public void start(ServiceRouter serviceRouter, AccessKeys keys) {
        this.router = serviceRouter;
        this.accessKeys = keys;
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            AwsResponse response;
            if (HEALTH_PATH.equals(uri.getRawPath())) {
                response = health(exchange.getRequestMethod());
            } else {
                Headers headers = exchange.getRequestHeaders();
                // Unsigned until a service is found: the data plane of a deployed API is public, as on AWS.
                AwsRequest request = new AwsRequest(requestId, exchange.getRequestMethod(), uri.getRawPath(),
                        uri.getRawQuery(), headers, body, new AccountRegion(AccountRegion.DEFAULT_ACCOUNT,
                        defaultRegion));
                response = dispatch(request);
            }
            write(exchange, response, requestId);
        } catch (IOException e) {
            // The client went away mid-request; there is no one left to answer.
        }
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

    private static void write(HttpExchange exchange, AwsResponse response, String requestId) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        // A value holding line breaks carries several values of one header (see AwsResponse.withHeaderValues).
        response.headers().forEach((name, value) -> headers.put(name, List.of(value.split("\n", -1))));
        if (response.header(REQUEST_ID_HEADER) == null) {
            headers.set(REQUEST_ID_HEADER, requestId);
        }
        byte[] body = response.body();
        boolean noBody = body.length == 0 || response.status() == 204 || response.status() == 304
                || "HEAD".equals(exchange.getRequestMethod());
        // -1 means "no body"; 0 would switch the JDK server to chunked encoding.
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}

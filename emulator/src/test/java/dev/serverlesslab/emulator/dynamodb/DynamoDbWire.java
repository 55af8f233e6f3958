package dev.serverlesslab.emulator.dynamodb;

import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

/**
 * A test fixture: a {@link DynamoDbService} behind a real edge server on a free port, raw awsJson 1.0 requests with a
 * SigV4-shaped {@code Authorization} (DynamoDB Local insists on one), and the child JVMs it started.
 */
final class DynamoDbWire implements AutoCloseable {

    final DynamoDbService service;
    private final EdgeServer edge;
    private final HttpClient http = HttpClient.newHttpClient();

    DynamoDbWire(DynamoDbService service) {
        this.service = service;
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        edge.start(new ServiceRouter(List.of(service)));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + edge.port());
    }

    /** POSTs {@code body} as {@code DynamoDB_20120810.<operation>}, signed (in shape) by access key {@code test}. */
    HttpResponse<String> post(String operation, String body) throws Exception {
        return post("DynamoDB_20120810." + operation, "test", body);
    }

    HttpResponse<String> post(String target, String accessKey, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", target)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey
                        + "/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-target, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    String health() throws Exception {
        return http.send(HttpRequest.newBuilder(endpoint().resolve("/_localstack/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * Live DynamoDB Local JVMs this test JVM started with their directory under {@code workDir}. Matched on the
     * command line's text: the JDK reports no separate arguments for a command line over 4 KB (its class path is
     * longer), but keeps its first 4 KB, where {@code -Djava.io.tmpdir} is.
     */
    static List<ProcessHandle> children(Path workDir) {
        String marker = "-Djava.io.tmpdir=" + workDir.toAbsolutePath();
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().orElse("").contains(marker))
                .toList();
    }

    @Override
    public void close() {
        edge.close();
        service.close();
    }
}

package dev.serverlesslab.emulator.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** A test fixture: one awsJson 1.1 service behind a real edge server on a free port, and raw requests to it. */
public final class AwsJsonWire implements AutoCloseable {

    private final EdgeServer edge;
    private final HttpClient http = HttpClient.newHttpClient();

    public AwsJsonWire(AwsService service) {
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        edge.start(new ServiceRouter(List.of(service)));
    }

    /** POSTs {@code body} with {@code X-Amz-Target: target}, as every awsJson client does. */
    public HttpResponse<String> post(String target, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        edge.close();
    }
}

package dev.serverlesslab.emulator.dynamodb;

import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Passes a request to DynamoDB Local (method, path, query, headers, body) and copies its answer back; only
 * connection-level headers are left to each hop, and the caller's account replaces its access key and DynamoDB
 * Local's pseudo account in ARNs ({@link AccountMapping}).
 */
final class DynamoDbForwarder {

    /** Hop-by-hop headers, and those java.net.http sets itself and refuses to take from callers. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "http2-settings");
    /** The edge server frames the body and dates the answer itself. */
    private static final Set<String> NOT_COPIED_BACK = Set.of("connection", "content-length", "keep-alive",
            "transfer-encoding", "date");

    private static final String CRC32_HEADER = "x-amz-crc32";

    private final HttpClient http;

    DynamoDbForwarder(HttpClient http) {
        this.http = http;
    }

    /** A client for the child: HTTP/1.1 only, since an h2c upgrade attempt on every request would be wasted. */
    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    HttpClient client() {
        return http;
    }

    /** @throws IOException when DynamoDB Local does not answer (it died or the connection broke) */
    AwsResponse forward(URI endpoint, AwsRequest request) throws IOException, InterruptedException {
        AccountMapping account = new AccountMapping(request.scope());
        String target = request.rawPath() + (request.rawQuery() == null ? "" : "?" + request.rawQuery());
        byte[] body = account.toLocal(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.resolve(target))
                .timeout(Duration.ofMinutes(5))
                .method(request.method(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("authorization")) {
                values.forEach(value -> builder.header(name, account.authorization(value)));
            } else if (!NOT_FORWARDED.contains(lower)) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        HttpResponse<byte[]> answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] answered = account.fromLocal(answer.body());
        boolean rewritten = answered != answer.body();
        AwsResponse response = new AwsResponse(answer.statusCode(), Map.of(), answered);
        for (Map.Entry<String, List<String>> header : answer.headers().map().entrySet()) {
            String name = header.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (!name.startsWith(":") && !NOT_COPIED_BACK.contains(lower)
                    && !(rewritten && lower.equals(CRC32_HEADER))) {
                response = response.withHeaderValues(name, header.getValue());
            }
        }
        if (rewritten) {
            // SDKs check DynamoDB's CRC32 of the body they receive, which is no longer the one DynamoDB Local sent.
            CRC32 crc = new CRC32();
            crc.update(answered);
            response = response.withHeader(CRC32_HEADER, Long.toString(crc.getValue()));
        }
        return response;
    }
}

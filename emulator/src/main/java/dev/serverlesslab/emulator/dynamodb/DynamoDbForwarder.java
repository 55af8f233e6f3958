package dev.serverlesslab.emulator.dynamodb;

import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * Passes a request to DynamoDB Local (method, path, query, headers, body) and copies its answer back; only
 * connection-level headers are left to each hop, and the caller's account replaces its access key and DynamoDB
 * Local's pseudo account in ARNs ({@link AccountMapping}).
 *
 * <p>The hop goes through Apache HttpClient's blocking client over kept-alive connections, on the request's own
 * thread. {@code java.net.http} hands each exchange to its selector thread and back through an executor: a signed
 * GetItem from outside ({@code python3} and {@code http.client}, 50 in a row) took 3.5-4.9 ms (medians) through the
 * emulator with it and 2.6-3.5 ms with this client, old and new emulators side by side in alternating rounds, where
 * DynamoDB Local itself answers in 0.6 ms; a handler's every DynamoDB call pays the hop.
 */
final class DynamoDbForwarder implements AutoCloseable {

    /** Hop-by-hop headers, and those the client frames itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "http2-settings");
    /** The edge server frames the body and dates the answer itself. */
    private static final Set<String> NOT_COPIED_BACK = Set.of("connection", "content-length", "keep-alive",
            "transfer-encoding", "date");

    private static final String CRC32_HEADER = "x-amz-crc32";
    /** A Scan of a large table may take DynamoDB Local a while; the caller's own SDK has its own timeouts. */
    private static final Timeout ANSWER_TIMEOUT = Timeout.ofMinutes(5);

    private final CloseableHttpClient http;

    DynamoDbForwarder(CloseableHttpClient http) {
        this.http = http;
    }

    /**
     * A client for the child: bytes passed as they are (no decompression, redirects, retries, cookies or
     * authentication of its own), enough kept-alive connections for every emulator request thread at once.
     */
    static CloseableHttpClient newClient() {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(256)
                        .setMaxConnPerRoute(256)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(5))
                                .setSocketTimeout(ANSWER_TIMEOUT)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(ANSWER_TIMEOUT).build())
                .disableContentCompression()
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableDefaultUserAgent()
                .build();
    }

    /** @throws IOException when DynamoDB Local does not answer (it died or the connection broke) */
    AwsResponse forward(URI endpoint, AwsRequest request) throws IOException {
        AccountMapping account = new AccountMapping(request.scope());
        String target = request.rawPath() + (request.rawQuery() == null ? "" : "?" + request.rawQuery());
        byte[] body = account.toLocal(request.body());
        ClassicRequestBuilder builder = ClassicRequestBuilder.create(request.method())
                .setUri(endpoint.resolve(target));
        if (body.length > 0) {
            // The caller's Content-Type is passed on as a header of its own, as it came.
            builder.setEntity(new ByteArrayEntity(body, null));
        }
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("authorization")) {
                values.forEach(value -> builder.addHeader(name, account.authorization(value)));
            } else if (!NOT_FORWARDED.contains(lower)) {
                values.forEach(value -> builder.addHeader(name, value));
            }
        });
        return http.execute(builder.build(), answer -> {
            byte[] received = answer.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(answer.getEntity());
            byte[] answered = account.fromLocal(received);
            boolean rewritten = answered != received;
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Header header : answer.getHeaders()) {
                String lower = header.getName().toLowerCase(Locale.ROOT);
                if (!NOT_COPIED_BACK.contains(lower) && !(rewritten && lower.equals(CRC32_HEADER))) {
                    headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
                }
            }
            AwsResponse response = new AwsResponse(answer.getCode(), Map.of(), answered);
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                response = response.withHeaderValues(header.getKey(), header.getValue());
            }
            if (rewritten) {
                // SDKs check DynamoDB's CRC32 of the body they receive, which is no longer the one DynamoDB Local
                // sent.
                CRC32 crc = new CRC32();
                crc.update(answered);
                response = response.withHeader(CRC32_HEADER, Long.toString(crc.getValue()));
            }
            return response;
        });
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}

package dev.serverlesslab.graders.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.graders.check.EmulatorTime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** The clock of a standalone Serverless Lab emulator, read and moved over its {@code /_serverlesslab/clock} path. */
final class EndpointClock implements EmulatorTime {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    EndpointClock(URI endpoint) {
        this.clock = endpoint.resolve("/_serverlesslab/clock");
    }

    @Override
    public Instant now() {
        return send(HttpRequest.newBuilder(clock).GET());
    }

    @Override
    public Instant advance(Duration amount) {
        long seconds = Math.max(1, (amount.toMillis() + 999) / 1000);
        return send(HttpRequest.newBuilder(clock).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"advanceSeconds\":" + seconds + "}")));
    }

    private Instant send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UnsupportedOperationException("could not reach the backend's clock at " + clock + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnsupportedOperationException("interrupted while reaching " + clock, e);
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() == 200 && body.hasNonNull("now")) {
                return Instant.parse(body.get("now").asText());
            }
        } catch (IOException | RuntimeException e) {
            // Not our emulator's answer: reported below.
        }
        throw new UnsupportedOperationException("this backend's clock cannot be moved: " + clock + " answered HTTP "
                + response.statusCode() + "; only Serverless Lab's emulator (embedded or ./lab emulator) offers one");
    }
}

package dev.serverlesslab.server.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a submission's server-sent events with java.net.http as EventSource would: one event per block ended by a
 * blank line, its {@code data} parsed as JSON, on a background thread until the server ends the stream.
 */
final class EventStreamReader {

    /** One event as the page's script receives it. */
    record Event(String name, JsonNode data) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;

    private EventStreamReader(HttpResponse<Stream<String>> response) {
        reader = new Thread(() -> read(response.body()), "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code uri} with {@code Accept: text/event-stream}; fails unless it answers 200 as an event stream. */
    static EventStreamReader open(URI uri) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        return new EventStreamReader(response);
    }

    private void read(Stream<String> lines) {
        String name = "message";
        StringBuilder payload = new StringBuilder();
        for (String line : (Iterable<String>) lines::iterator) {
            if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                payload.append(line.substring(5).strip());
            } else if (line.isEmpty() && payload.length() > 0) {
                try {
                    events.add(new Event(name, json.readTree(payload.toString())));
                } catch (IOException e) {
                    throw new IllegalStateException("not JSON: " + payload, e);
                }
                name = "message";
                payload.setLength(0);
            }
        }
    }

    /** The events so far, oldest first. */
    List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The names of the events so far, oldest first. */
    List<String> names() {
        return events().stream().map(Event::name).toList();
    }

    /** Waits for the server to end the stream (after {@code done}), at most {@code millis}. */
    EventStreamReader awaitEnd(long millis) throws InterruptedException {
        reader.join(millis);
        return this;
    }
}

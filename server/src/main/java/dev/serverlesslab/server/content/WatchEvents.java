package dev.serverlesslab.server.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.server.account.Viewer;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live reload for authors ({@code lab serve --watch}): {@code GET /_watch/events} is a server-sent event stream that
 * tells an open page when the content it shows has been reloaded ({@code reload}) or when the content folder has a
 * problem ({@code problem}, the last content that loaded still being served), and every page carries the same
 * problems in a banner ({@link #addToPage}) until they are fixed. {@code static/js/watch.js} listens and reloads.
 *
 * <p>Problems name content files and lines: in class mode only staff see them; students' pages just reload.
 */
public final class WatchEvents implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LiveContent content;
    private final boolean classMode;
    /** Open streams, each with whether its viewer may read content problems. */
    private final Map<SseClient, Boolean> clients = new ConcurrentHashMap<>();
    private final Runnable unsubscribe;

    public WatchEvents(LiveContent content, boolean classMode) {
        this.content = content;
        this.classMode = classMode;
        this.unsubscribe = content.onReload(this::broadcast);
    }

    /**
     * The stream: first a {@code hello} with the content's version (a page rendered from an older one reloads at
     * once, so a change between rendering and connecting is not missed), then the current problems, if any.
     */
    public void events(SseClient client) {
        boolean mayReadProblems = mayReadProblems(Viewer.of(client.ctx()));
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.put(client, mayReadProblems);
        LiveContent.Snapshot now = content.snapshot();
        send(client, "hello", Map.of("version", now.version()));
        if (mayReadProblems && !now.problems().isEmpty()) {
            send(client, "problem", Map.of("version", now.version(), "problems", now.problems()));
        }
    }

    /** Adds what the layout needs on every page: the version watch.js starts from, and the problems to show. */
    public void addToPage(Context ctx, Map<String, Object> model) {
        LiveContent.Snapshot now = content.snapshot();
        model.putIfAbsent("watchVersion", now.version());
        boolean mayRead = Viewer.find(ctx).map(this::mayReadProblems).orElse(!classMode);
        if (mayRead && !now.problems().isEmpty()) {
            model.putIfAbsent("contentProblems", now.problems());
        }
    }

    private boolean mayReadProblems(Viewer viewer) {
        return !classMode || viewer.role().isStaff();
    }

    private void broadcast(LiveContent.Snapshot snapshot) {
        clients.forEach((client, mayReadProblems) -> {
            if (snapshot.problems().isEmpty()) {
                send(client, "reload", Map.of("version", snapshot.version()));
            } else if (mayReadProblems) {
                send(client, "problem", Map.of("version", snapshot.version(), "problems", snapshot.problems()));
            }
        });
    }

    private void send(SseClient client, String event, Map<String, Object> data) {
        if (client.terminated()) {
            clients.remove(client);
            return;
        }
        try {
            client.sendEvent(event, JSON.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a watch event as JSON", e);
        } catch (RuntimeException e) {
            // The page went away mid-send; its stream is done.
            clients.remove(client);
        }
    }

    /** How many pages are listening, for tests that must wait until one is. */
    public int listeners() {
        return clients.size();
    }

    /** Ends every stream, so the server can stop without waiting for browsers to hang up. */
    @Override
    public void close() {
        unsubscribe.run();
        List.copyOf(clients.keySet()).forEach(client -> {
            try {
                client.close();
            } catch (RuntimeException e) {
                // already gone
            }
        });
        clients.clear();
    }
}

package dev.serverlesslab.server.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-sent events of {@code GET /submissions/{id}/events}: one stream per open page, fed by reading the
 * submission's status every {@link #POLL} and sending what changed since the stream's last look.
 *
 * <p>Why polling, not the grader's listener: the grading may run in another process ({@code lab worker} on a shared
 * PostgreSQL), which writes its progress to the submission's row every 250 ms; reading the status the way {@code
 * status.json} does works for both queues with one code path, and this process's own gradings are read from memory.
 * A new stream starts with nothing sent, so a client that reconnects gets the current state first (every stage and
 * check so far) and then only news.
 *
 * <p>Events: {@code queued} {ahead, waitingText} when the position changes; {@code running} once grading starts;
 * {@code stage} per stage start ({@code status: running}) and finish; {@code check-started} {name}; {@code check}
 * per finished check; {@code done} with the {@link ResultView}, after which the stream ends.
 */
public final class SubmissionEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SubmissionEvents.class);
    /** As often as the grading queue writes progress to the database: faster polling would show nothing new. */
    static final Duration POLL = Duration.ofMillis(250);
    /** Longer than any grading's deadline (15 min); a stream still open then ends and EventSource reconnects. */
    private static final Duration LONGEST = Duration.ofMinutes(20);
    /** A comment now and then finds connections the browser dropped without a word, so their polling stops. */
    private static final int TICKS_PER_COMMENT = 60;

    /** Written here, not by Javalin's mapper, so events and status.json are one JSON dialect. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger threads = new AtomicInteger();
    private final ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "submission-events-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Follows a submission on an SSE client until it is finished or the client goes away.
     *
     * @param status where the submission stands now (the same view {@code status.json} sends)
     * @param result the finished submission as the {@code done} event carries it
     */
    void follow(SseClient client, Supplier<StatusView> status, Function<StatusView, ResultView> result) {
        client.keepAlive();
        Stream stream = new Stream(client, status, result);
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        client.onClose(() -> {
            ScheduledFuture<?> scheduled = task.get();
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        });
        task.set(ticker.scheduleWithFixedDelay(() -> {
            if (stream.tick()) {
                task.get().cancel(false);
            }
        }, 0, POLL.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    /** What one client has been sent so far. */
    private static final class Stream {
        private final SseClient client;
        private final Supplier<StatusView> status;
        private final Function<StatusView, ResultView> result;
        private final long deadline = System.nanoTime() + LONGEST.toNanos();
        private final Map<String, String> stages = new HashMap<>();
        private int checks;
        private String currentCheck;
        private SubmissionState state;
        /** The position last sent; -1 before the first, so a first position (or none) is always sent. */
        private Integer ahead = -1;
        private long ticks;

        Stream(SseClient client, Supplier<StatusView> status, Function<StatusView, ResultView> result) {
            this.client = client;
            this.status = status;
            this.result = result;
        }

        /** Sends what changed; true when the stream is over. */
        boolean tick() {
            try {
                if (client.terminated()) {
                    return true;
                }
                if (System.nanoTime() > deadline) {
                    client.close();
                    return true;
                }
                send(status.get());
                if (!client.terminated() && ++ticks % TICKS_PER_COMMENT == 0) {
                    client.sendComment("still grading");
                }
                return client.terminated();
            } catch (RuntimeException e) {
                // A database hiccup: the page falls back to polling status.json, which says the same.
                LOG.warn("submission event stream stopped ({}); the page falls back to polling", e.getMessage());
                client.close();
                return true;
            }
        }

        private void event(String name, Object data) {
            try {
                client.sendEvent(name, JSON.writeValueAsString(data));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void send(StatusView now) {
            if (now.state() == SubmissionState.QUEUED && !Objects.equals(now.ahead(), ahead)) {
                ahead = now.ahead();
                Map<String, Object> queued = new LinkedHashMap<>();
                // null when the position is not known (the row was not found among the waiting ones this time).
                queued.put("ahead", ahead);
                queued.put("waitingText", now.waitingText());
                event("queued", queued);
            }
            if (now.state() != SubmissionState.QUEUED && state != now.state() && !now.finished()) {
                event("running", Map.of("waitingText", now.waitingText()));
            }
            state = now.state();
            for (StatusView.StageLine stage : now.stages()) {
                if (!stage.status().equals(stages.put(stage.label(), stage.status()))) {
                    event("stage", stage);
                }
            }
            for (int i = checks; i < now.checks().size(); i++) {
                event("check", now.checks().get(i));
            }
            checks = Math.max(checks, now.checks().size());
            if (now.currentCheck() != null && !now.currentCheck().equals(currentCheck)) {
                event("check-started", Map.of("name", now.currentCheck()));
            }
            currentCheck = now.currentCheck();
            if (now.finished()) {
                event("done", result.apply(now));
                client.close();
            }
        }
    }
}

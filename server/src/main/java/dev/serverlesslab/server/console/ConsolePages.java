package dev.serverlesslab.server.console;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.exercises.submission.SubmissionException;
import dev.serverlesslab.graders.console.TestResult;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.submission.SubmissionForm;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.function.Supplier;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The test console's routes under {@code /exercises/{exerciseId}/console/}: sample and saved events, and one run of
 * the learner's current code with an event, answered as JSON. Runs are never stored as submissions and never count as
 * attempts; everything is keyed by {@link Viewer#of}, so a learner sees and changes only their own saved events.
 */
public final class ConsolePages implements AutoCloseable {

    /** Lambda's own limit for an asynchronous event; a typed or pasted test event never needs more. */
    static final int MAX_EVENT_CHARS = 256 * 1024;
    /** Compile, deploy and a cold start on a loaded machine, plus the function's own timeout. */
    static final Duration RUN_OVERHEAD = Duration.ofMinutes(3);

    /** Read per request: under live reload the course's exercises change while the server runs. */
    private final Supplier<ExerciseCatalog> catalog;
    private final TestEventStore events;
    private final TestRunner runner;
    private final ConsoleLimits limits;
    private final ConsoleRuns runs = new ConsoleRuns();
    private final SampleEvents samples = new SampleEvents();
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public ConsolePages(ExerciseCatalog catalog, TestEventStore events, TestRunner runner, Clock clock) {
        this(() -> catalog, events, runner, ConsoleLimits.MAX_PER_MINUTE, clock);
    }

    public ConsolePages(Supplier<ExerciseCatalog> catalog, TestEventStore events, TestRunner runner, Clock clock) {
        this(catalog, events, runner, ConsoleLimits.MAX_PER_MINUTE, clock);
    }

    ConsolePages(ExerciseCatalog catalog, TestEventStore events, TestRunner runner, int maxPerMinute, Clock clock) {
        this(() -> catalog, events, runner, maxPerMinute, clock);
    }

    ConsolePages(Supplier<ExerciseCatalog> catalog, TestEventStore events, TestRunner runner, int maxPerMinute,
            Clock clock) {
        this.catalog = catalog;
        this.events = events;
        this.runner = runner;
        this.limits = new ConsoleLimits(maxPerMinute, clock);
    }

    /** {@code GET …/console/events}: the samples to start from and the learner's saved events. */
    public void events(Context ctx) {
        answer(ctx, () -> eventsOf(Viewer.of(ctx), exercise(ctx)));
    }

    /**
     * {@code POST …/console/check} (form: json): whether the text is one JSON value, and if not, the line and column
     * where it breaks, so every browser shows the same message. Cheap and side-effect free, so not rate-limited.
     */
    public void check(Context ctx) {
        answer(ctx, () -> {
            exercise(ctx);
            checkJson(required(ctx, "json"));
            return Map.of("valid", true);
        });
    }

    /** {@code POST …/console/events} (form: name, json): saves an event, replacing one of the same name. */
    public void saveEvent(Context ctx) {
        answer(ctx, () -> {
            Exercise exercise = exercise(ctx);
            Viewer viewer = Viewer.of(ctx);
            String text = required(ctx, "json");
            checkJson(text);
            events.save(viewer.learnerId(), exercise.id(), required(ctx, "name"), text);
            return eventsOf(viewer, exercise);
        });
    }

    /** {@code POST …/console/events/rename} (form: name, newName). */
    public void renameEvent(Context ctx) {
        answer(ctx, () -> {
            Exercise exercise = exercise(ctx);
            Viewer viewer = Viewer.of(ctx);
            String name = required(ctx, "name");
            if (!events.rename(viewer.learnerId(), exercise.id(), name, required(ctx, "newName"))) {
                throw noSuchEvent(name);
            }
            return eventsOf(viewer, exercise);
        });
    }

    /** {@code POST …/console/events/delete} (form: name). */
    public void deleteEvent(Context ctx) {
        answer(ctx, () -> {
            Exercise exercise = exercise(ctx);
            Viewer viewer = Viewer.of(ctx);
            String name = required(ctx, "name");
            if (!events.delete(viewer.learnerId(), exercise.id(), name)) {
                throw noSuchEvent(name);
            }
            return eventsOf(viewer, exercise);
        });
    }

    /**
     * {@code POST …/console/invoke} (form: the editor's {@code file:<path>} fields and {@code event}): runs the code
     * once on the grading backend and answers what the invocation returned. Counted against the learner's limits
     * before anything is read, like submissions.
     */
    public void invoke(Context ctx) {
        answer(ctx, () -> {
            Viewer viewer = Viewer.of(ctx);
            ConsoleLimits.Decision decision = limits.admit(viewer.fairnessKey());
            ConsoleLimits.Run admitted = decision.run().orElseThrow(() -> {
                ctx.header(Header.RETRY_AFTER, String.valueOf(Math.max(1, decision.retryAfter().toSeconds())));
                return new HttpResponseException(HttpStatus.TOO_MANY_REQUESTS.getCode(), decision.message());
            });
            Future<TestResult> result;
            Exercise exercise;
            try {
                exercise = exercise(ctx);
                Submission submission = Submission.of(SubmissionForm.files(ctx));
                String event = required(ctx, "event");
                if (event.length() > MAX_EVENT_CHARS) {
                    throw new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(), "The event is "
                            + event.length() / 1024 + " KB; a test event may be at most " + MAX_EVENT_CHARS / 1024
                            + " KB.");
                }
                checkJson(event);
                result = runs.submit(() -> {
                    // The learner may test again only once this run is over, even if the request gave up waiting.
                    try (admitted) {
                        return runner.run(exercise, submission, event);
                    }
                });
            } catch (RuntimeException | Error refused) {
                admitted.close();
                if (refused instanceof RejectedExecutionException) {
                    ctx.header(Header.RETRY_AFTER, "10");
                    throw new HttpResponseException(HttpStatus.SERVICE_UNAVAILABLE.getCode(), "The test console is "
                            + "busy with other learners' tests. Try again in a few seconds.");
                }
                throw refused;
            }
            return ConsoleJson.of(await(result, exercise));
        });
    }

    private static TestResult await(Future<TestResult> result, Exercise exercise) {
        try {
            return result.get(RUN_OVERHEAD.toSeconds() + exercise.longestTimeout(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new HttpResponseException(HttpStatus.GATEWAY_TIMEOUT.getCode(), "The test took too long to "
                    + "compile, deploy and run on a busy server. Try again in a minute.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpResponseException(HttpStatus.SERVICE_UNAVAILABLE.getCode(), "The server is shutting down.");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the test console's run failed", e.getCause());
        }
    }

    private Map<String, Object> eventsOf(Viewer viewer, Exercise exercise) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("samples", samples.of(exercise));
        body.put("saved", events.list(viewer.learnerId(), exercise.id()).stream()
                .map(saved -> Map.of("name", saved.name(), "json", saved.json(),
                        "updatedAt", saved.updatedAt().toString()))
                .toList());
        return body;
    }

    /** Refuses text that is not exactly one JSON value, naming the line and column as an editor counts them. */
    private void checkJson(String text) {
        try {
            json.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            long line = at == null ? 1 : Math.max(1, at.getLineNr());
            long column = at == null ? 1 : Math.max(1, at.getColumnNr());
            throw new HttpResponseException(HttpStatus.BAD_REQUEST.getCode(), "The event is not valid JSON at line "
                    + line + ", column " + column + ": " + e.getOriginalMessage(),
                    Map.of("line", String.valueOf(line), "column", String.valueOf(column)));
        }
    }

    private Exercise exercise(Context ctx) {
        String id = ctx.pathParam("exerciseId");
        return catalog.get().find(id).orElseThrow(() -> new HttpResponseException(HttpStatus.NOT_FOUND.getCode(),
                "There is no exercise '" + id + "'."));
    }

    private static String required(Context ctx, String field) {
        String value = ctx.formParam(field);
        if (value == null || value.isBlank()) {
            throw new HttpResponseException(HttpStatus.BAD_REQUEST.getCode(), "The form needs a field '" + field
                    + "'.");
        }
        return value;
    }

    private static HttpResponseException noSuchEvent(String name) {
        return new HttpResponseException(HttpStatus.NOT_FOUND.getCode(), "You have no saved event named '" + name
                + "' for this exercise.");
    }

    /** Answers JSON whatever happens: the console is a script's client, and an HTML error page would be noise. */
    private static void answer(Context ctx, java.util.function.Supplier<Object> work) {
        try {
            ctx.json(work.get());
        } catch (HttpResponseException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.getMessage());
            body.putAll(e.getDetails());
            ctx.status(e.getStatus()).json(body);
        } catch (SubmissionException | TestEventException e) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage()));
        }
    }

    @Override
    public void close() {
        runs.close();
    }

    /** For tests: the samples the console offers for an exercise. */
    List<SampleEvents.Sample> samples(Exercise exercise) {
        return samples.of(exercise);
    }
}

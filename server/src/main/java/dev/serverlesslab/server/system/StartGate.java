package dev.serverlesslab.server.system;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stands before every route while the app starts: the server listens at once, and a request that comes before the
 * course has loaded and the database is migrated waits for that (up to {@code patience}) instead of seeing an empty
 * course or a database error. Should the start take longer, the request gets a short "starting" page that asks again
 * by itself; should it fail, every request gets a page naming the problem, as the console does.
 *
 * <p>Its pages are rendered without the layout's per-request extras (live reload's version and content problems),
 * which read the very content that may not be there yet.
 */
public final class StartGate {

    private final CompletableFuture<?> ready;
    private final Duration patience;
    private final ThymeleafRenderer renderer;

    /**
     * @param ready    completes when requests can be served, or exceptionally with the reason they cannot
     * @param patience how long a request waits for {@code ready} before it gets the "starting" page
     */
    public StartGate(CompletableFuture<?> ready, Duration patience, ThymeleafRenderer renderer) {
        this.ready = ready;
        this.patience = patience;
        this.renderer = renderer;
    }

    /** A before-handler: returns when the app is ready, otherwise answers the request itself and stops it there. */
    public void check(Context ctx) {
        if (ready.isDone() && !ready.isCompletedExceptionally()) {
            return;
        }
        try {
            ready.get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return;
        } catch (TimeoutException e) {
            starting(ctx);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            starting(ctx);
        } catch (ExecutionException e) {
            String problem = e.getCause().getMessage() == null ? e.getCause().toString() : e.getCause().getMessage();
            answer(ctx, "Serverless Lab could not start", problem + ". The console that runs the server says the "
                    + "same; fix that and start the server again.");
        }
        ctx.skipRemainingHandlers();
    }

    private void starting(Context ctx) {
        // Browsers follow Refresh without any script; Retry-After is for everything else that asks.
        ctx.header("Refresh", "1");
        ctx.header("Retry-After", "1");
        answer(ctx, "Starting", "Serverless Lab is still starting: it is loading the course and opening the "
                + "database. This page asks again by itself in a second.");
    }

    private void answer(Context ctx, String title, String message) {
        HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
        ctx.status(status);
        ctx.header("Cache-Control", "no-store");
        if (!ErrorPages.answeredAsJson(ctx, status, title, message)) {
            ctx.html(renderer.render("error/error", Map.of("title", title, "status", status.getCode(),
                    "message", message)));
        }
    }
}

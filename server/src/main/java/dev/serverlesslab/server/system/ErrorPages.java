package dev.serverlesslab.server.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.exercises.submission.SubmissionException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.EndpointNotFound;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The error pages (400, 404, 500 and friends): a sentence saying what went wrong and what to do, never a stack trace. */
public final class ErrorPages {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);
    /** Marks a response whose error page is already rendered, so the 404 fallback leaves it alone. */
    private static final String RENDERED = "lab.errorPageRendered";

    /** A handler refused the request with a status and a message for people, e.g. a lesson that does not exist. */
    public void refused(HttpResponseException e, Context ctx) {
        HttpStatus status = HttpStatus.forStatus(e.getStatus());
        // Javalin's own "Endpoint GET /x not found" speaks of endpoints; people asked for a page.
        String message = e instanceof EndpointNotFound ? noPageAt(ctx) : e.getMessage();
        render(ctx, status, status == HttpStatus.NOT_FOUND ? "Not found" : status.getMessage(), message);
    }

    /** Every 404 no handler explained: no route matched, or no static file. */
    public void pageNotFound(Context ctx) {
        if (ctx.attribute(RENDERED) == null) {
            render(ctx, HttpStatus.NOT_FOUND, "Not found", noPageAt(ctx));
        }
    }

    /** The learner sent files the platform cannot take; the message says which file and what to change. */
    public void badSubmission(SubmissionException e, Context ctx) {
        render(ctx, HttpStatus.BAD_REQUEST, "Submission not accepted", e.getMessage());
    }

    /** A bug on our side: the details go to the log for whoever runs the server, the person gets a plain page. */
    public void unexpected(Exception e, Context ctx) {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        try {
            render(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
                    "The server failed to answer this request. The details are in the server's log; try again, and "
                            + "tell the course staff if it keeps happening.");
        } catch (RuntimeException renderFailure) {
            LOG.error("the error page could not be rendered either", renderFailure);
            ctx.contentType("text/plain; charset=utf-8")
                    .result("Something went wrong on the server. The details are in the server's log; try again.");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String noPageAt(Context ctx) {
        return "There is no page at " + ctx.path() + ". Start again from the course outline.";
    }

    private static void render(Context ctx, HttpStatus status, String title, String message) {
        ctx.attribute(RENDERED, Boolean.TRUE);
        ctx.status(status);
        if (!answeredAsJson(ctx, status, title, message)) {
            ctx.render("error/error", Map.of("title", title, "status", status.getCode(), "message", message));
        }
    }

    /**
     * Answers {@code {status, title, error}} to a request that accepts only JSON and returns true; false (and nothing
     * written) for everything else.
     */
    static boolean answeredAsJson(Context ctx, HttpStatus status, String title, String message) {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("application/json") || accept.contains("text/html")) {
            return false;
        }
        // A page's script (the exercise page's run loop) shows the same sentence a page would.
        try {
            ctx.contentType("application/json; charset=utf-8").result(JSON.writeValueAsString(
                    Map.of("status", status.getCode(), "title", title, "error", message)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }
}

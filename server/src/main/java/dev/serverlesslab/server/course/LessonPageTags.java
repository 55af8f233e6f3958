package dev.serverlesslab.server.course;

import dev.serverlesslab.server.system.RenderedPage;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Conditional GETs of a rendered page: an entity tag over the exact bytes this viewer gets, and 304 Not Modified when
 * the browser's copy has that tag. A lesson page carries the viewer's own progress (read marks, quiz answers, scores),
 * so the tag comes from what was rendered for this viewer and the page is {@code private}: a shared cache never
 * serves it to anyone else, and a change of lesson (live reload) or of progress changes the tag. The bytes, their
 * gzip and both tags were made once when the page was rendered ({@link RenderedPage}), so answering hashes nothing.
 */
final class LessonPageTags {

    private LessonPageTags() {
    }

    /** Answers with the page (gzip-compressed for a client that accepts it), or 304 when If-None-Match names it. */
    static void answer(Context ctx, RenderedPage page) {
        boolean gzip = acceptsGzip(ctx.header("Accept-Encoding"));
        String tag = gzip ? page.gzipTag() : page.tag();
        ctx.header("ETag", tag);
        ctx.header("Cache-Control", "private, no-cache");
        ctx.header("Vary", "Accept-Encoding");
        ctx.contentType("text/html; charset=utf-8");
        if (matches(ctx.header("If-None-Match"), tag)) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            // Jetty would otherwise close an empty response with "Content-Length: 0", which RFC 9110 (8.6) forbids
            // on a 304 unless it is the length the 200 would have had: that length is sent, and no body.
            ctx.res().setContentLengthLong((gzip ? page.gzip() : page.html()).length);
            return;
        }
        if (gzip) {
            ctx.header("Content-Encoding", "gzip");
        }
        send(ctx, gzip ? page.gzip() : page.html());
    }

    /**
     * Writes the bytes straight to Jetty with their length, past Javalin's result stream and compression: Jetty then
     * sends headers and body in one write, where a result of unknown length went out chunked, with a second write
     * for its end (and a 32 KB copy buffer per request).
     */
    private static void send(Context ctx, byte[] body) {
        HttpServletResponse response = ctx.res();
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
        } catch (IOException clientGone) {
            // Jetty fails a write only when the connection broke: nobody is left to answer, and it is no server error.
        }
    }

    /** Whether {@code Accept-Encoding} lists gzip (or {@code *}) without refusing it with {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.isBlank()) {
            return false;
        }
        return Arrays.stream(acceptEncoding.split(",")).anyMatch(coding -> {
            String[] parts = coding.split(";");
            String name = parts[0].strip().toLowerCase(Locale.ROOT);
            if (!name.equals("gzip") && !name.equals("x-gzip") && !name.equals("*")) {
                return false;
            }
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
                if (parameter.startsWith("q=") && parameter.substring(2).strip().matches("0(\\.0{0,3})?")) {
                    return false;
                }
            }
            return true;
        });
    }

    /** RFC 9110's weak comparison for If-None-Match: {@code *}, or any listed tag equal with or without {@code W/}. */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::strip)
                .map(candidate -> candidate.startsWith("W/") ? candidate.substring(2) : candidate)
                .anyMatch(candidate -> candidate.equals("*") || candidate.equals(tag));
    }
}

package dev.serverlesslab.server.system;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Answers a GET with bytes made once ({@link RenderedPage}: a rendered page, or an asset the app generates): gzip for
 * a client that accepts it, the entity tag of the bytes chosen, and 304 Not Modified when {@code If-None-Match} names
 * it. Nothing is encoded, hashed or compressed per request.
 */
public final class KeptBody {

    private KeptBody() {
    }

    /**
     * Answers with {@code body} or a 304.
     *
     * @param cacheControl the {@code Cache-Control} of the answer
     * @param contentType  the {@code Content-Type} of the bytes
     */
    public static void answer(Context ctx, RenderedPage body, String cacheControl, String contentType) {
        boolean gzip = acceptsGzip(ctx.header("Accept-Encoding"));
        String tag = gzip ? body.gzipTag() : body.tag();
        byte[] bytes = gzip ? body.gzip() : body.html();
        ctx.header("ETag", tag);
        ctx.header("Cache-Control", cacheControl);
        ctx.header("Vary", "Accept-Encoding");
        ctx.contentType(contentType);
        if (matches(ctx.header("If-None-Match"), tag)) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            // Jetty would otherwise close an empty response with "Content-Length: 0", which RFC 9110 (8.6) forbids
            // on a 304 unless it is the length the 200 would have had: that length is sent, and no body.
            ctx.res().setContentLengthLong(bytes.length);
            return;
        }
        if (gzip) {
            ctx.header("Content-Encoding", "gzip");
        }
        send(ctx, bytes);
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
    public static boolean acceptsGzip(String acceptEncoding) {
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
    public static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::strip)
                .map(candidate -> candidate.startsWith("W/") ? candidate.substring(2) : candidate)
                .anyMatch(candidate -> candidate.equals("*") || candidate.equals(tag));
    }
}

package dev.serverlesslab.server.course;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Conditional GETs of a rendered page: an entity tag over the exact bytes this viewer gets, and 304 Not Modified when
 * the browser's copy has that tag. A lesson page carries the viewer's own progress (read marks, quiz answers, scores),
 * so the tag is computed from what was rendered for this request and the page is {@code private}: a shared cache never
 * serves it to anyone else, and a change of lesson (live reload) or of progress changes the tag.
 */
final class LessonPageTags {

    private LessonPageTags() {
    }

    /** Replaces the rendered result with a 304 when {@code If-None-Match} names it; else tags it. */
    static void answer(Context ctx, String html) {
        String tag = tag(html);
        ctx.header("ETag", tag);
        ctx.header("Cache-Control", "private, no-cache");
        if (matches(ctx.header("If-None-Match"), tag)) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            ctx.result("");
        } else {
            ctx.html(html);
        }
    }

    static String tag(String html) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(html.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
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

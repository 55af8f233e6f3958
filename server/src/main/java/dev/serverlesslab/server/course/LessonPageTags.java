package dev.serverlesslab.server.course;

import dev.serverlesslab.server.system.KeptBody;
import dev.serverlesslab.server.system.RenderedPage;
import io.javalin.http.Context;

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
        KeptBody.answer(ctx, page, "private, no-cache", "text/html; charset=utf-8");
    }
}

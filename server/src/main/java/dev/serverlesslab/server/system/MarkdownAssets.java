package dev.serverlesslab.server.system;

import dev.serverlesslab.lessons.markdown.MarkdownRenderer;
import io.javalin.http.Context;

/** Serves the stylesheet and script that rendered Markdown (admonitions) relies on, as the lessons module ships them. */
public final class MarkdownAssets {

    private final String stylesheet = MarkdownRenderer.stylesheet();
    private final String script = MarkdownRenderer.script();

    public void stylesheet(Context ctx) {
        ctx.contentType("text/css; charset=utf-8").result(stylesheet);
    }

    public void script(Context ctx) {
        ctx.contentType("text/javascript; charset=utf-8").result(script);
    }
}

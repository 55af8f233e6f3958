package dev.serverlesslab.lessons.markdown;

import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.NodeRenderer;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.html.renderer.NodeRendererFactory;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.util.data.DataHolder;

import java.util.Set;

/**
 * Renders {@code ```mermaid} fences as {@code <pre class="mermaid">}, the element mermaid.js looks for by default,
 * drops {@code ```quiz} fences (their quiz is shown as a form by the page) and leaves every other fence to
 * Flexmark's own renderer.
 */
final class MermaidNodeRenderer implements NodeRenderer {

    static final String LANGUAGE = "mermaid";
    static final String QUIZ = "quiz";

    @Override
    public Set<NodeRenderingHandler<?>> getNodeRenderingHandlers() {
        return Set.of(new NodeRenderingHandler<>(FencedCodeBlock.class, this::render));
    }

    private void render(FencedCodeBlock block, NodeRendererContext context, HtmlWriter html) {
        if (isQuiz(block)) {
            return;
        }
        if (!isDiagram(block)) {
            context.delegateRender();
            return;
        }
        // The diagram source is HTML-escaped; mermaid decodes entities before parsing, and without mermaid.js the
        // page still shows the source as readable preformatted text.
        html.line();
        html.attr("class", LANGUAGE).withAttr().tag("pre").openPre();
        html.text(block.getContentChars().normalizeEOL());
        html.tag("/pre").closePre();
        html.line();
    }

    /** Whether this fence declares a quiz, which the lesson page shows as a form instead of code. */
    static boolean isQuiz(FencedCodeBlock block) {
        return QUIZ.equals(language(block));
    }

    /** Whether this fence is a mermaid diagram rather than code. */
    static boolean isDiagram(FencedCodeBlock block) {
        return LANGUAGE.equals(language(block));
    }

    private static String language(FencedCodeBlock block) {
        String info = block.getInfo().toString().strip();
        int space = info.indexOf(' ');
        return space < 0 ? info : info.substring(0, space);
    }

    /** Creates the renderer for Flexmark's HTML renderer builder. */
    static final class Factory implements NodeRendererFactory {
        @Override
        public NodeRenderer apply(DataHolder options) {
            return new MermaidNodeRenderer();
        }
    }
}

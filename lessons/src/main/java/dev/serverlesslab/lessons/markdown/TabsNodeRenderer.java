package dev.serverlesslab.lessons.markdown;

import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.NodeRenderer;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.html.renderer.NodeRendererFactory;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.DataHolder;

import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Content tabs as MkDocs Material writes them: a line {@code === "Java"}, a blank line, then the tab's content
 * indented by four spaces; consecutive tabs form one set.
 *
 * <p>CommonMark reads such a tab as a paragraph followed by an indented code block, so this renderer recognises that
 * pair: the paragraph becomes the tab's title, the "code" is rendered as Markdown in its place. The HTML works without
 * JavaScript (every tab shown under its title); {@code lesson.js} turns a set into an ARIA tab list.
 */
final class TabsNodeRenderer implements NodeRenderer {

    static final Pattern TAB = Pattern.compile("===\\s+\"([^\"]+)\"\\s*");

    private final Function<String, String> markdownToHtml;

    TabsNodeRenderer(Function<String, String> markdownToHtml) {
        this.markdownToHtml = markdownToHtml;
    }

    @Override
    public Set<NodeRenderingHandler<?>> getNodeRenderingHandlers() {
        return Set.of(new NodeRenderingHandler<>(Paragraph.class, this::renderParagraph),
                new NodeRenderingHandler<>(IndentedCodeBlock.class, this::renderCode));
    }

    /** The title of the tab this paragraph opens, or null when it is an ordinary paragraph. */
    static String tabTitle(Node node) {
        if (!(node instanceof Paragraph paragraph) || !(paragraph.getNext() instanceof IndentedCodeBlock)) {
            return null;
        }
        Matcher tab = TAB.matcher(paragraph.getChars().toString().strip());
        return tab.matches() ? tab.group(1) : null;
    }

    private void renderParagraph(Paragraph paragraph, NodeRendererContext context, HtmlWriter html) {
        String title = tabTitle(paragraph);
        if (title == null) {
            context.delegateRender();
            return;
        }
        Node previous = paragraph.getPrevious();
        boolean first = previous == null || tabTitle(previous.getPrevious()) == null
                || !(previous instanceof IndentedCodeBlock);
        if (first) {
            html.line().raw("<div class=\"tabbed-set\">").line();
        }
        IndentedCodeBlock content = (IndentedCodeBlock) paragraph.getNext();
        html.raw("<div class=\"tabbed-block\">").line();
        html.raw("<p class=\"tabbed-title\">").text(title).raw("</p>").line();
        html.raw(markdownToHtml.apply(content.getContentChars().normalizeEOL()));
        html.raw("</div>").line();
        if (tabTitle(content.getNext()) == null) {
            html.raw("</div>").line();
        }
    }

    private void renderCode(IndentedCodeBlock block, NodeRendererContext context, HtmlWriter html) {
        if (tabTitle(block.getPrevious()) == null) {
            context.delegateRender();
        }
        // Otherwise the block is the content of a tab, rendered with its title.
    }

    /** Creates the renderer for Flexmark's HTML renderer builder. */
    static final class Factory implements NodeRendererFactory {

        private final Function<String, String> markdownToHtml;

        Factory(Function<String, String> markdownToHtml) {
            this.markdownToHtml = markdownToHtml;
        }

        @Override
        public NodeRenderer apply(DataHolder options) {
            return new TabsNodeRenderer(markdownToHtml);
        }
    }
}

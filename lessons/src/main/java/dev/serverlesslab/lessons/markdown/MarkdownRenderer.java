package dev.serverlesslab.lessons.markdown;

import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.ext.admonition.AdmonitionExtension;
import com.vladsch.flexmark.ext.footnotes.FootnoteExtension;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.ext.toc.TocExtension;
import com.vladsch.flexmark.ext.yaml.front.matter.YamlFrontMatterBlock;
import com.vladsch.flexmark.ext.yaml.front.matter.YamlFrontMatterExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.TextCollectingVisitor;
import com.vladsch.flexmark.util.data.MutableDataSet;
import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.content.YamlNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders course Markdown (lessons and exercise statements) to HTML with Flexmark.
 *
 * <p>Supported on top of CommonMark: YAML front matter (parsed with Jackson, so values keep their types), pipe
 * tables (with {@code :---:} alignment), content tabs as MkDocs Material writes them ({@code === "Java"}, a blank
 * line, the tab's content indented by four spaces), task lists ({@code - [x] done}), footnotes ({@code [^1]}), admonitions ({@code !!! note "Title"}, or {@code ???} for a collapsed one, body indented by four spaces),
 * a {@code [TOC]} marker, and an {@code id} on every heading. Fenced code keeps its language as a class
 * ({@code <code class="language-java">}) for a client-side highlighter. Fences tagged {@code mermaid} become
 * {@code <pre class="mermaid">} so mermaid.js renders them without extra set-up; fences tagged {@code quiz} are left
 * out of the HTML and handed back as {@link RenderedMarkdown#quizFences()} for the page to show as forms.
 *
 * <p>Raw HTML is passed through unchanged: course authors are trusted, as they are with the checks they write. Never
 * render text from students with this class.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class MarkdownRenderer {

    private static final String ADMONITION_CSS = AdmonitionExtension.getDefaultCSS();
    private static final String ADMONITION_SCRIPT = AdmonitionExtension.getDefaultScript();

    private final Parser parser;
    private final HtmlRenderer htmlRenderer;

    public MarkdownRenderer() {
        MutableDataSet options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, List.of(
                YamlFrontMatterExtension.create(),
                TablesExtension.create(),
                AdmonitionExtension.create(),
                TocExtension.create(),
                TaskListExtension.create(),
                FootnoteExtension.create()));
        // Flexmark's task boxes have no accessible name (axe-core: critical); a screen reader should hear the state.
        String taskBox = "<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"disabled\" ";
        options.set(TaskListExtension.ITEM_DONE_MARKER, taskBox + "checked=\"checked\" aria-label=\"done\" />&nbsp;");
        options.set(TaskListExtension.ITEM_NOT_DONE_MARKER, taskBox + "aria-label=\"not done\" />&nbsp;");
        options.set(HtmlRenderer.GENERATE_HEADER_ID, true);
        options.set(HtmlRenderer.RENDER_HEADER_ID, true);
        this.parser = Parser.builder(options).build();
        this.htmlRenderer = HtmlRenderer.builder(options)
                .nodeRendererFactory(new MermaidNodeRenderer.Factory())
                // A tab's content is Markdown of its own, rendered by this same renderer when the tab is.
                .nodeRendererFactory(new TabsNodeRenderer.Factory(this::renderFragment))
                .build();
    }

    /**
     * Renders a document.
     *
     * @throws ContentException without a file, at the offending line, when the front matter is not valid YAML or
     *                          not a mapping of fields
     */
    @SuppressWarnings("unchecked")
    public RenderedMarkdown render(String markdown) {
        Document document = parser.parse(markdown);
        Map<String, Object> frontMatter = frontMatter(document)
                .map(node -> (Map<String, Object>) node.toPlain())
                .orElse(Map.of());
        String html = htmlRenderer.render(document);
        // Heading ids are assigned while rendering, so the outline is collected afterwards.
        return new RenderedMarkdown(frontMatter, html, headings(document), hasDiagram(document),
                quizFences(document));
    }

    /**
     * Markdown in {@code markdown} that this renderer does not implement (MkDocs syntax such as attribute lists,
     * admonition types without a style, raw scripts), each as a problem at its line without a file; tabs' contents
     * are looked into as well. For {@code lab validate}: rendering itself never refuses such text.
     */
    public List<ContentException> unsupported(String markdown) {
        Document document = parser.parse(markdown);
        List<ContentException> problems = new ArrayList<>(UnsupportedSyntax.find(document));
        for (Node node : document.getDescendants()) {
            if (node instanceof IndentedCodeBlock block && TabsNodeRenderer.tabTitle(block.getPrevious()) != null) {
                int offset = document.getLineNumber(block.getStartOffset());
                for (ContentException inTab : unsupported(block.getContentChars().normalizeEOL())) {
                    problems.add(new ContentException(null, inTab.line() + offset, inTab.problem()));
                }
            }
        }
        problems.sort(Comparator.comparingInt(ContentException::line));
        return problems;
    }

    /** Renders a piece of Markdown inside a document, e.g. the content of a tab. */
    private String renderFragment(String markdown) {
        return htmlRenderer.render(parser.parse(markdown));
    }

    /**
     * Reads only the front matter, keeping the line of every value so callers can validate fields and point at them.
     *
     * @return the front matter mapping with lines of the whole document; empty when the document has no front matter
     * @throws ContentException as {@link #render(String)} does
     */
    public Optional<YamlNode> frontMatter(String markdown) {
        return frontMatter(parser.parse(markdown));
    }

    /** CSS for admonition blocks (Flexmark's default theme); include it once in pages that show rendered Markdown. */
    public static String stylesheet() {
        return ADMONITION_CSS;
    }

    /** JavaScript that opens and closes collapsible ({@code ???}) admonitions; include it at the end of the page. */
    public static String script() {
        return ADMONITION_SCRIPT;
    }

    private static Optional<YamlNode> frontMatter(Document document) {
        Node first = document.getFirstChild();
        if (!(first instanceof YamlFrontMatterBlock block)) {
            return Optional.empty();
        }
        int fenceLine = document.getLineNumber(block.getStartOffset()) + 1;
        List<String> lines = block.getChars().toString().lines().toList();
        String closing = lines.size() > 1 ? lines.get(lines.size() - 1).strip() : "";
        if (!closing.equals("---") && !closing.equals("...")) {
            // Flexmark then takes the whole document as front matter; YAML would complain about the body instead.
            throw new ContentException(null, fenceLine,
                    "front matter is not closed; end it with a line that is just '---'");
        }
        YamlNode root = YamlNode.parse(String.join("\n", lines.subList(1, lines.size() - 1)), fenceLine + 1);
        if (root.isNull()) {
            return Optional.of(new YamlNode.Mapping(Map.of(), fenceLine));
        }
        if (!root.isMapping()) {
            throw new ContentException(null, root.line(),
                    "front matter must be fields such as 'title: ...', not " + root.kind());
        }
        return Optional.of(root);
    }

    private static boolean hasDiagram(Document document) {
        for (Node node : document.getDescendants()) {
            if (node instanceof FencedCodeBlock block && MermaidNodeRenderer.isDiagram(block)) {
                return true;
            }
        }
        return false;
    }

    private static List<QuizFence> quizFences(Document document) {
        List<QuizFence> fences = new ArrayList<>();
        for (Node node : document.getDescendants()) {
            if (node instanceof FencedCodeBlock block && MermaidNodeRenderer.isQuiz(block)) {
                fences.add(new QuizFence(block.getContentChars().normalizeEOL(),
                        document.getLineNumber(block.getStartOffset()) + 2));
            }
        }
        return fences;
    }

    private static List<Heading> headings(Document document) {
        List<Heading> headings = new ArrayList<>();
        TextCollectingVisitor text = new TextCollectingVisitor();
        for (Node node : document.getDescendants()) {
            if (node instanceof com.vladsch.flexmark.ast.Heading heading) {
                headings.add(new Heading(heading.getLevel(), text.collectAndGetText(heading).strip(),
                        heading.getAnchorRefId()));
            }
        }
        return headings;
    }
}

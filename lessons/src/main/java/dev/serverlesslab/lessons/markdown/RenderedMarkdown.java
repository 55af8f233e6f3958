package dev.serverlesslab.lessons.markdown;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Markdown document rendered to HTML, with its front matter and its headings.
 *
 * @param frontMatter the YAML front matter as plain data (maps, lists, strings, numbers, booleans), in source order;
 *                    empty when the document has none
 * @param html        the body as an HTML fragment; front matter is not part of it
 * @param toc         every heading in document order, with the anchor it has in {@code html}
 * @param hasDiagram  whether {@code html} holds a mermaid diagram, so pages load mermaid.js (megabytes) only then
 * @param quizFences  the {@code ```quiz} fences, in document order; they are not part of {@code html}
 */
public record RenderedMarkdown(Map<String, Object> frontMatter, String html, List<Heading> toc, boolean hasDiagram,
                               List<QuizFence> quizFences) {

    public RenderedMarkdown {
        // Map.copyOf would lose the authors' field order and reject YAML nulls such as "quiz:" with no value.
        frontMatter = Collections.unmodifiableMap(new LinkedHashMap<>(frontMatter));
        toc = List.copyOf(toc);
        quizFences = List.copyOf(quizFences);
    }
}

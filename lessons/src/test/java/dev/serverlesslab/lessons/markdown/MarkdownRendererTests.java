package dev.serverlesslab.lessons.markdown;

import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.content.YamlNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownRendererTests {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void render_givesEveryHeadingAnAnchorThatTheTocRepeats() {
        RenderedMarkdown rendered = renderer.render("""
                ## What serverless *is*

                ### The `Context` object

                ## What serverless *is*
                """);

        assertEquals(List.of(
                new Heading(2, "What serverless is", "what-serverless-is"),
                new Heading(3, "The Context object", "the-context-object"),
                new Heading(2, "What serverless is", "what-serverless-is-1")), rendered.toc());
        for (Heading heading : rendered.toc()) {
            assertTrue(rendered.html().contains("id=\"" + heading.anchor() + "\""), heading.anchor());
        }
    }

    @Test
    void render_findsHeadingsNestedInAdmonitions() {
        RenderedMarkdown rendered = renderer.render("""
                !!! tip "Try it"
                    #### Inside

                    text
                """);

        assertEquals(List.of(new Heading(4, "Inside", "inside")), rendered.toc());
    }

    @Test
    void render_turnsPipeTableIntoHtmlTable() {
        String html = renderer.render("""
                | Phase | Runs |
                |-------|------|
                | init  | once |
                """).html();

        assertTrue(html.contains("<table>"), html);
        assertTrue(html.contains("<th>Phase</th>"), html);
        assertTrue(html.contains("<td>once</td>"), html);
    }

    @Test
    void render_turnsAdmonitionIntoTitledBlock() {
        String html = renderer.render("""
                !!! note "Servers still exist"
                    Someone else **runs** them.
                """).html();

        assertTrue(html.contains("<div class=\"adm-block adm-note\">"), html);
        assertTrue(html.contains("<span>Servers still exist</span>"), html);
        assertTrue(html.contains("Someone else <strong>runs</strong> them."), html);
    }

    @Test
    void render_marksQuestionMarkAdmonitionAsCollapsed() {
        String html = renderer.render("""
                ??? warning "Spoiler"
                    hidden
                """).html();

        assertTrue(html.contains("adm-collapsed"), html);
        String open = renderer.render("???+ note \"Shown\"\n    visible\n").html();
        assertTrue(open.contains("adm-open"), open);
    }

    @Test
    void render_keepsFencedCodeLanguageAsClass() {
        String html = renderer.render("""
                ```java
                List<String> names = List.of();
                ```
                """).html();

        assertTrue(html.contains("<pre><code class=\"language-java\">List&lt;String&gt; names = List.of();"), html);
    }

    @Test
    void render_turnsMermaidFenceIntoPreWithMermaidClass() {
        String html = renderer.render("""
                ```mermaid
                flowchart LR
                  A --> B
                ```
                """).html();

        assertTrue(html.contains("<pre class=\"mermaid\">flowchart LR\n  A --&gt; B\n</pre>"), html);
        assertFalse(html.contains("language-mermaid"), html);
    }

    @Test
    void render_saysWhetherTheDocumentHasADiagram() {
        assertTrue(renderer.render("Before\n\n```mermaid\nflowchart LR\n  A --> B\n```\n").hasDiagram());
        assertFalse(renderer.render("```java\nint mermaid = 1;\n```\n\nmermaid in prose\n").hasDiagram());
    }

    @Test
    void render_taskListsFootnotesAndTableAlignment() {
        String html = renderer.render("""
                - [x] Create the table
                - [ ] Write the handler

                Lambda bills by the millisecond.[^billing]

                [^billing]: Rounded up to the next millisecond.

                | Left | Centre | Right |
                |:-----|:------:|------:|
                | a    | b      | c     |
                """).html();

        assertTrue(html.contains("task-list-item"), html);
        assertTrue(html.contains("aria-label=\"done\"") && html.contains("aria-label=\"not done\""),
                "task boxes are named for screen readers: " + html);
        assertTrue(html.contains("type=\"checkbox\""), html);
        assertTrue(html.contains("checked"), html);
        assertTrue(html.contains("href=\"#fn-1\""), html);
        assertTrue(html.contains("Rounded up to the next millisecond."), html);
        assertTrue(html.contains("<th align=\"center\">Centre</th>"), html);
        assertTrue(html.contains("<td align=\"right\">c</td>"), html);
    }

    @Test
    void render_contentTabsAsMkDocsWritesThem_eachTabsContentAsMarkdown_inOneSet() {
        String html = renderer.render("""
                Before.

                === "Java"

                    ```java
                    int x = 1;
                    ```

                === "Python"

                    Plain **text**.

                After.

                    indented code stays code
                """).html();

        assertEquals(1, html.split("class=\"tabbed-set\"", -1).length - 1, html);
        assertTrue(html.contains("<p class=\"tabbed-title\">Java</p>"), html);
        assertTrue(html.contains("<code class=\"language-java\">int x = 1;"), html);
        assertTrue(html.contains("<p class=\"tabbed-title\">Python</p>\n<p>Plain <strong>text</strong>.</p>"), html);
        assertTrue(html.indexOf("<p>After.</p>") > html.lastIndexOf("tabbed-block"), html);
        assertTrue(html.contains("<pre><code>indented code stays code"), html);
    }

    @Test
    void render_passesRawHtmlThrough() {
        String html = renderer.render("<kbd>Ctrl</kbd>\n\n<div class=\"demo\">raw</div>\n").html();

        assertTrue(html.contains("<kbd>Ctrl</kbd>"), html);
        assertTrue(html.contains("<div class=\"demo\">raw</div>"), html);
    }

    @Test
    void render_readsFrontMatterWithYamlTypesAndLeavesItOutOfHtml() {
        RenderedMarkdown rendered = renderer.render("""
                ---
                title: "Anatomy: the handler"
                points: 10
                draft: false
                exercises: [hello-lambda, echo]
                quiz:
                  - question: Which phase runs once?
                    answers: [init, invoke]
                    correct: 0
                ---

                Body.
                """);

        Map<String, Object> frontMatter = rendered.frontMatter();
        assertEquals(List.of("title", "points", "draft", "exercises", "quiz"), List.copyOf(frontMatter.keySet()));
        assertEquals("Anatomy: the handler", frontMatter.get("title"));
        assertEquals(10, frontMatter.get("points"));
        assertEquals(false, frontMatter.get("draft"));
        assertEquals(List.of("hello-lambda", "echo"), frontMatter.get("exercises"));
        assertEquals(List.of(Map.of("question", "Which phase runs once?", "answers", List.of("init", "invoke"),
                "correct", 0)), frontMatter.get("quiz"));
        assertFalse(rendered.html().contains("title"), rendered.html());
        assertEquals("<p>Body.</p>\n", rendered.html());
    }

    @Test
    void render_keepsEmptyYamlValueAsNull() {
        Map<String, Object> frontMatter = renderer.render("---\ntitle: T\nquiz:\n---\n").frontMatter();

        assertTrue(frontMatter.containsKey("quiz"));
        assertNull(frontMatter.get("quiz"));
    }

    @Test
    void render_withoutFrontMatter_givesEmptyFrontMatter() {
        RenderedMarkdown rendered = renderer.render("Write a handler that says hello.\n");

        assertEquals(Map.of(), rendered.frontMatter());
        assertEquals("<p>Write a handler that says hello.</p>\n", rendered.html());
    }

    @Test
    void render_whenFrontMatterIsInvalidYaml_namesTheFailingLineAndWhereTheConstructStarted() {
        ContentException error = assertThrows(ContentException.class, () -> renderer.render("""
                ---
                title: ok
                exercises: [hello
                summary: text
                ---
                """));

        assertEquals("line 4: not valid YAML: expected ',' or ']', but got : "
                + "(while parsing a flow sequence that starts on line 3)", error.getMessage());
    }

    @Test
    void render_whenFrontMatterIsNotClosed_saysSoInsteadOfBlamingTheBody() {
        ContentException error = assertThrows(ContentException.class,
                () -> renderer.render("---\ntitle: T\n\nSome text: with a colon.\n"));

        assertEquals("line 1: front matter is not closed; end it with a line that is just '---'",
                error.getMessage());
    }

    @Test
    void render_whenFrontMatterIsAList_saysFieldsAreExpected() {
        ContentException error = assertThrows(ContentException.class,
                () -> renderer.render("---\n- title\n- summary\n---\n"));

        assertEquals(2, error.line());
        assertEquals("line 2: front matter must be fields such as 'title: ...', not a list", error.getMessage());
    }

    @Test
    void frontMatter_locatesEachFieldOnItsLineInTheFile() {
        YamlNode frontMatter = renderer.frontMatter("""
                ---
                title: Hello
                exercises:
                  - one
                  - two
                ---
                """).orElseThrow();

        assertEquals(2, frontMatter.fields().get("title").line());
        assertEquals(3, frontMatter.fields().get("exercises").line());
        assertEquals(5, frontMatter.fields().get("exercises").items().get(1).line());
    }

    @Test
    void frontMatter_whenAbsent_isEmpty() {
        assertTrue(renderer.frontMatter("# Title\n").isEmpty());
    }

    @Test
    void stylesheetAndScript_areFlexmarkAdmonitionDefaults() {
        assertTrue(MarkdownRenderer.stylesheet().contains(".adm-block"));
        assertTrue(MarkdownRenderer.script().contains("adm-collapsed"));
    }
}

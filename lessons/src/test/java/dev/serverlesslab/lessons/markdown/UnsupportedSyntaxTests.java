package dev.serverlesslab.lessons.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.content.ContentException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MkDocs syntax the renderer does not implement is found, at its line, so lab validate can refuse it. */
class UnsupportedSyntaxTests {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void whatTheRendererSupports_passes() {
        String markdown = """
                # Title {#not-an-attribute-list-in-code}

                !!! note "Read this"
                    A note.

                ??? tip "Open me"
                    Collapsed.

                ???+ warning
                    Open by default.

                === "Java"

                    Tabbed text.

                - [x] a task

                A footnote.[^1]

                [^1]: The note.

                Code may show anything: `{: .class }`, `<script>`, `!!! danger`.

                ```markdown
                !!! unknown-type
                    inside a fence
                { .attr }
                ```
                """;

        List<ContentException> problems = renderer.unsupported(markdown.replace(" {#not-an-attribute-list-in-code}", ""));

        assertEquals(List.of(), problems.stream().map(ContentException::getMessage).toList());
    }

    @Test
    void anAdmonitionTypeWithoutAStyle_andMkDocsInlinePlacement_areReportedAtTheirLines() {
        String markdown = """
                Intro.

                !!! aside "Sidebar"
                    Text.

                !!! info inline end "Beside"
                    Text.
                """;

        List<String> problems = messages(renderer.unsupported(markdown));

        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("line 3: admonition type 'aside' has no style here and would show as a "
                + "plain note: use one of "), problems.get(0));
        assertTrue(problems.get(0).contains("note") && problems.get(0).contains("warning"), problems.get(0));
        assertEquals("line 6: admonition options 'inline end' (MkDocs' inline placement) are not supported: write "
                + "'!!! info \"Title\"' with the body indented by four spaces", problems.get(1));
    }

    @Test
    void attributeLists_snippets_andRawScripts_areReported() {
        String markdown = """
                ## Setup {: #setup }

                A paragraph.
                { .lead }

                --8<-- "includes/footer.md"

                <script>alert(1)</script>
                """;

        List<String> problems = messages(renderer.unsupported(markdown));

        assertEquals(List.of(
                "line 1: attribute list '{: #setup }' (MkDocs attr_list) is not supported and would show as text: "
                        + "remove it",
                "line 4: attribute list '{ .lead }' (MkDocs attr_list) is not supported and would show as text: "
                        + "remove it",
                "line 6: snippet includes ('--8<--') are not supported: paste the text, or link to the file in "
                        + "assets/",
                "line 8: raw <script> is not run on course pages (their content security policy allows only the "
                        + "platform's own scripts): remove it"), problems);
    }

    @Test
    void anAdmonitionWithoutIndentedBody_andATabWithoutContent_areReported() {
        String markdown = """
                Before.

                !!! note "Empty"

                This body is not indented.

                === "Java"
                Not indented either.
                """;

        List<String> problems = messages(renderer.unsupported(markdown));

        assertEquals(List.of("line 3: admonition 'note' has no content: indent its body by four spaces on the lines "
                + "right after it", "line 7: '===' starts a content tab only with its content after a blank line and "
                + "indented by four spaces; as written it shows as text"), problems);
    }

    @Test
    void insideATab_problemsAreFound_atTheirLineInTheFile() {
        String markdown = """
                Intro.

                === "Java"

                    Text with { .attr } in a tab.
                """;

        List<String> problems = messages(renderer.unsupported(markdown));

        assertEquals(List.of("line 5: attribute list '{ .attr }' (MkDocs attr_list) is not supported and would show "
                + "as text: remove it"), problems);
    }

    private static List<String> messages(List<ContentException> problems) {
        return problems.stream().map(ContentException::getMessage).toList();
    }
}

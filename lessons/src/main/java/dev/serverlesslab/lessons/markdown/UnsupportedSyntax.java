package dev.serverlesslab.lessons.markdown;

import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.CodeBlock;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.HtmlBlock;
import com.vladsch.flexmark.ast.HtmlInline;
import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.admonition.AdmonitionBlock;
import com.vladsch.flexmark.ext.admonition.AdmonitionExtension;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import dev.serverlesslab.content.ContentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Markdown that authors write for MkDocs (Material) but this renderer does not implement, which would otherwise
 * reach learners as stray punctuation or silently look different: admonition types it has no style for (they render
 * as a plain note), MkDocs' {@code inline}/{@code end} admonition placement, attribute lists ({@code { .class }},
 * {@code {: #id }}), snippet includes ({@code --8<--}), admonition and tab markers that stay a paragraph of text
 * (no blank line before them, or a tab without indented content), admonitions without a body, and raw
 * {@code <script>} (the pages' content security policy blocks it anyway).
 *
 * <p>Code spans and code blocks are never looked into: showing such syntax is what they are for.
 */
final class UnsupportedSyntax {

    /** Admonition types with a style and an icon in Flexmark's stylesheet, which the pages include. */
    static final Set<String> ADMONITION_TYPES = new TreeSet<>(AdmonitionExtension.getQualifierTypeMap().keySet());

    private static final Pattern ATTRIBUTE_LIST = Pattern.compile("\\{:?\\s*[.#][A-Za-z_][^{}\\n]*}");
    private static final Pattern STRAY_BLOCK_MARKER = Pattern.compile("(?m)^(!!!|\\?\\?\\?\\+?|===)\\s");
    private static final Pattern PLACED_ADMONITION = Pattern.compile(
            "^(?:!!!|\\?\\?\\?\\+?)\\s+(\\S+)((?:\\s+[a-z]+)+)\\s*(\"[^\"]*\")?\\s*$", Pattern.MULTILINE);
    private static final Pattern SCRIPT = Pattern.compile("<\\s*script\\b", Pattern.CASE_INSENSITIVE);

    private UnsupportedSyntax() {
    }

    /** Every unsupported construct in the document, each at its 1-based line, without a file. */
    static List<ContentException> find(Document document) {
        List<ContentException> problems = new ArrayList<>();
        for (Node node : document.getDescendants()) {
            int line = document.getLineNumber(node.getStartOffset()) + 1;
            if (node instanceof AdmonitionBlock admonition) {
                checkAdmonition(admonition, line, problems);
            } else if (node instanceof HtmlBlock || node instanceof HtmlInline) {
                if (SCRIPT.matcher(node.getChars()).find()) {
                    problems.add(new ContentException(null, line, "raw <script> is not run on course pages (their "
                            + "content security policy allows only the platform's own scripts): remove it"));
                }
            } else if (node instanceof Paragraph paragraph && !insideCode(node)) {
                checkParagraph(paragraph, line, problems);
            } else if (node instanceof Text text && !insideCode(node)) {
                checkText(document, text, problems);
            }
        }
        return problems;
    }

    private static void checkAdmonition(AdmonitionBlock admonition, int line, List<ContentException> problems) {
        String[] words = admonition.getInfo().toString().strip().split("\\s+");
        String type = words[0].toLowerCase(Locale.ROOT);
        if (!ADMONITION_TYPES.contains(type)) {
            problems.add(new ContentException(null, line, "admonition type '" + words[0] + "' has no style here and "
                    + "would show as a plain note: use one of " + String.join(", ", ADMONITION_TYPES)));
        }
        if (admonition.getFirstChild() == null) {
            problems.add(new ContentException(null, line, "admonition '" + words[0] + "' has no content: indent its "
                    + "body by four spaces on the lines right after it"));
        }
        if (words.length > 1) {
            problems.add(new ContentException(null, line, "admonition options '" + String.join(" ",
                    List.of(words).subList(1, words.length)) + "' (MkDocs' inline placement) are not supported: "
                    + "write '!!! " + words[0] + " \"Title\"' with the body indented by four spaces"));
        }
    }

    /** A block marker left in a paragraph means the parser did not take it as one: its body was not indented. */
    private static void checkParagraph(Paragraph paragraph, int line, List<ContentException> problems) {
        if (TabsNodeRenderer.tabTitle(paragraph) != null) {
            return;
        }
        Matcher marker = STRAY_BLOCK_MARKER.matcher(paragraph.getChars());
        if (marker.find()) {
            Matcher placed = PLACED_ADMONITION.matcher(paragraph.getChars().toString().substring(marker.start()));
            if (placed.find()) {
                // MkDocs' "!!! info inline end" is no admonition to Flexmark: it stays a paragraph.
                problems.add(new ContentException(null, line, "admonition options '" + placed.group(2).strip()
                        + "' (MkDocs' inline placement) are not supported: write '!!! " + placed.group(1)
                        + " \"Title\"' with the body indented by four spaces"));
                return;
            }
            int at = line + (int) paragraph.getChars().subSequence(0, marker.start()).chars().filter(c -> c == '\n')
                    .count();
            String what = marker.group(1).equals("===") ? "content tab" : "admonition";
            problems.add(new ContentException(null, at, "'" + marker.group(1) + "' starts a " + what + " only with "
                    + "its content after a blank line and indented by four spaces; as written it shows as text"));
        }
    }

    private static void checkText(Document document, Text text, List<ContentException> problems) {
        Matcher attributes = ATTRIBUTE_LIST.matcher(text.getChars());
        while (attributes.find()) {
            int line = document.getLineNumber(text.getStartOffset() + attributes.start()) + 1;
            problems.add(new ContentException(null, line, "attribute list '" + attributes.group()
                    + "' (MkDocs attr_list) is not supported and would show as text: remove it"));
        }
        if (text.getChars().toString().contains("--8<--")) {
            problems.add(new ContentException(null, document.getLineNumber(text.getStartOffset()) + 1,
                    "snippet includes ('--8<--') are not supported: paste the text, or link to the file in assets/"));
        }
    }

    private static boolean insideCode(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (at instanceof Code || at instanceof CodeBlock || at instanceof FencedCodeBlock
                    || at instanceof IndentedCodeBlock) {
                return true;
            }
        }
        return false;
    }
}

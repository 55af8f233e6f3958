package dev.serverlesslab.graders.report.format;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Learner text made inert for GitHub-flavoured Markdown (a step summary, a comment): inline text has HTML and
 * Markdown syntax escaped, so {@code <script>}, links, images and emphasis stay text; blocks go in a code fence
 * longer than any backtick run inside them, so nothing in the text can close it.
 */
final class MarkdownText {

    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private MarkdownText() {
    }

    /** One line of text for a heading or a table cell; line breaks become {@code <br>}. */
    static String inline(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\n' -> out.append("<br>");
                case '\r' -> {
                }
                case '\\', '`', '*', '_', '[', ']', '|', '~', '#', '!' -> out.append('\\').appendCodePoint(cp);
                case '\t' -> out.append(' ');
                default -> ConsoleText.appendVisible(out, cp);
            }
        });
        return out.toString();
    }

    /** A fenced code block holding {@code text} verbatim, except control characters shown escaped. */
    static String codeBlock(String text) {
        String body = ConsoleText.multiline(text == null ? "" : text);
        int longest = 0;
        Matcher run = BACKTICKS.matcher(body);
        while (run.find()) {
            longest = Math.max(longest, run.group().length());
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + "\n" + body + "\n" + fence + "\n";
    }
}

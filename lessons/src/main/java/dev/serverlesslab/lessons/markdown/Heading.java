package dev.serverlesslab.lessons.markdown;

/**
 * One heading of a rendered document, for building a table of contents.
 *
 * @param level  1 for {@code #}, 2 for {@code ##}, and so on
 * @param text   the heading as plain text, without Markdown markup
 * @param anchor the {@code id} the heading carries in the rendered HTML, so {@code #anchor} links to it
 */
public record Heading(int level, String text, String anchor) {
}

package dev.serverlesslab.lessons.markdown;

/**
 * The YAML of a {@code ```quiz} fence, which the renderer leaves out of the HTML: the lesson reader turns it into a
 * quiz and the lesson page shows it as a form.
 *
 * @param yaml      the fence's content
 * @param firstLine the line of the document the content starts on
 */
public record QuizFence(String yaml, int firstLine) {
}

package dev.serverlesslab.lessons.course;

import dev.serverlesslab.lessons.markdown.Heading;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One lesson of the course, rendered and ready to show.
 *
 * @param id        the file name without {@code .md}, e.g. {@code 01-what-serverless-is}; also its URL segment
 * @param title     from the front matter
 * @param summary   one or two sentences from the front matter, for the course outline
 * @param exercises ids of the exercises this lesson leads to, in the order the author listed them; not checked here
 *                  (the content validator checks that they exist)
 * @param html      the rendered body as an HTML fragment
 * @param toc       the body's headings with their anchors
 * @param file      the Markdown file the lesson was read from
 * @param hasDiagram whether {@code html} holds a mermaid diagram (the page then loads mermaid.js)
 * @param quizzes   the front matter's quizzes, then those of {@code ```quiz} fences, ids unique in the lesson
 */
public record Lesson(String id, String title, String summary, List<String> exercises, String html,
                     List<Heading> toc, Path file, boolean hasDiagram, List<Quiz> quizzes) {

    public Lesson {
        exercises = List.copyOf(exercises);
        toc = List.copyOf(toc);
        quizzes = List.copyOf(quizzes);
    }

    /** The quiz of this lesson with that id. */
    public Optional<Quiz> quiz(String quizId) {
        return quizzes.stream().filter(quiz -> quiz.id().equals(quizId)).findFirst();
    }
}

package dev.serverlesslab.lessons.course;

import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.lessons.markdown.MarkdownRenderer;
import dev.serverlesslab.lessons.markdown.QuizFence;
import dev.serverlesslab.lessons.markdown.RenderedMarkdown;
import dev.serverlesslab.content.YamlFields;
import dev.serverlesslab.content.YamlNode;
import dev.serverlesslab.content.YamlNode.Mapping;

import java.util.List;

/**
 * Reads one lesson file: checks its front matter and renders its body.
 */
final class LessonReader {

    private static final List<String> FRONT_MATTER_FIELDS = List.of("title", "summary", "exercises", "quiz");
    private static final String EXERCISES_EXAMPLE = "[hello-lambda]";

    private final MarkdownRenderer renderer;

    LessonReader(MarkdownRenderer renderer) {
        this.renderer = renderer;
    }

    Lesson read(String id, ContentFile file) {
        String markdown = file.read();
        try {
            YamlNode frontMatter = renderer.frontMatter(markdown)
                    .orElseThrow(LessonReader::missingFrontMatter);
            YamlFields read = new YamlFields(file.shownAs());
            Mapping fields = (Mapping) frontMatter;
            read.allowOnly(fields, "", FRONT_MATTER_FIELDS);
            String title = read.requiredText(fields, "", "title", "name the lesson, e.g. title: Cold starts");
            String summary = read.requiredText(fields, "", "summary", "say in a sentence what it teaches");
            YamlNode listed = fields.entries().get("exercises");
            List<String> exercises = listed == null || listed.isNull() ? List.of()
                    : read.textList(listed, "exercises", EXERCISES_EXAMPLE);
            RenderedMarkdown rendered = renderer.render(markdown);
            QuizReader quizzes = new QuizReader(file.shownAs());
            YamlNode quiz = frontMatter.fields().get("quiz");
            if (quiz != null && !quiz.isNull()) {
                quizzes.readList(quiz);
            }
            for (QuizFence fence : rendered.quizFences()) {
                quizzes.readOne(YamlNode.parse(fence.yaml(), fence.firstLine()));
            }
            return new Lesson(id, title, summary, exercises, rendered.html(), rendered.toc(),
                    file.path().toAbsolutePath().normalize(), rendered.hasDiagram(), quizzes.quizzes());
        } catch (ContentException e) {
            throw e.file() == null ? e.inFile(file.shownAs()) : e;
        }
    }

    private static ContentException missingFrontMatter() {
        return new ContentException(null, 1, "front matter is missing; start the file with a line '---', "
                + "then 'title: ...' and 'summary: ...', then another line '---'");
    }
}

package dev.serverlesslab.server.course;

import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.course.CourseModule;
import dev.serverlesslab.lessons.course.Lesson;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.progress.ExerciseScore;
import dev.serverlesslab.server.progress.ProgressStore;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The course outline and the lesson pages, each exercise with the learner's best score. */
public final class CoursePages {

    private final Course course;
    private final ExerciseCatalog catalog;
    private final ProgressStore progress;

    public CoursePages(Course course, ExerciseCatalog catalog, ProgressStore progress) {
        this.course = course;
        this.catalog = catalog;
        this.progress = progress;
    }

    /** {@code GET /}: every module with its lessons and the exercises each lesson names. */
    public void outline(Context ctx) {
        Map<String, ExerciseScore> scores = progress.scores(Viewer.of(ctx).learnerId());
        List<ModuleView> modules = course.modules().stream().map(module -> moduleView(module, scores)).toList();
        ctx.render("course/outline", Map.of("title", course.title(), "course", course, "modules", modules));
    }

    /** {@code GET /lessons/{lessonId}}: the rendered lesson with its table of contents and neighbours. */
    public void lesson(Context ctx) {
        String id = ctx.pathParam("lessonId");
        Lesson lesson = course.lesson(id).orElseThrow(() -> new NotFoundResponse(
                "There is no lesson '" + id + "' in this course. Pick one from the course outline."));
        Map<String, Object> model = new HashMap<>();
        model.put("title", lesson.title());
        model.put("lesson", lesson);
        model.put("exercises", exerciseLinks(lesson, progress.scores(Viewer.of(ctx).learnerId())));
        model.put("previous", course.previous(lesson).orElse(null));
        model.put("next", course.next(lesson).orElse(null));
        model.put("markdown", true);
        ctx.render("course/lesson", model);
    }

    private ModuleView moduleView(CourseModule module, Map<String, ExerciseScore> scores) {
        return new ModuleView(module.title(), module.lessons().stream()
                .map(lesson -> new LessonView(lesson, exerciseLinks(lesson, scores)))
                .toList());
    }

    private List<ExerciseLink> exerciseLinks(Lesson lesson, Map<String, ExerciseScore> scores) {
        return lesson.exercises().stream()
                .map(id -> catalog.find(id)
                        .map(exercise -> new ExerciseLink(id, exercise.title(), exercise.points(), scores.get(id)))
                        .orElse(new ExerciseLink(id, id, 0, null)))
                .toList();
    }

    /** A module of the outline, its lessons ready to show. */
    public record ModuleView(String title, List<LessonView> lessons) {
    }

    /** A lesson of the outline with the exercises it names. */
    public record LessonView(Lesson lesson, List<ExerciseLink> exercises) {
    }

    /**
     * A link to an exercise as lists show it.
     *
     * @param score the learner's best graded attempt, or null when none was graded yet
     */
    public record ExerciseLink(String id, String title, int points, ExerciseScore score) {
    }
}

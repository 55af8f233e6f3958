package dev.serverlesslab.server.submission;

import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.course.Lesson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a learner goes after passing an exercise: the next exercise or lesson in course order. The order is the
 * outline's: lesson by lesson, each lesson followed by the exercises its front matter lists.
 */
public final class NextStep {

    private final Supplier<Course> course;
    private final Supplier<ExerciseCatalog> catalog;

    public NextStep(Course course, ExerciseCatalog catalog) {
        this(() -> course, () -> catalog);
    }

    /** Read per call: under live reload the course changes while the server runs. */
    public NextStep(Supplier<Course> course, Supplier<ExerciseCatalog> catalog) {
        this.course = course;
        this.catalog = catalog;
    }

    /** A link the result shows, e.g. {@code /lessons/03-events} titled "Next lesson: Events". */
    public record Link(String href, String title) {
    }

    /** The place after {@code exerciseId}; the course outline when it is the course's last. */
    public Link after(String exerciseId) {
        List<Link> order = new ArrayList<>();
        int position = -1;
        for (Lesson lesson : course.get().lessons()) {
            order.add(new Link("/lessons/" + lesson.id(), "Next lesson: " + lesson.title()));
            for (String id : lesson.exercises()) {
                Optional<String> title = catalog.get().find(id).map(exercise -> exercise.title());
                if (title.isEmpty()) {
                    continue;
                }
                if (id.equals(exerciseId) && position < 0) {
                    position = order.size();
                }
                order.add(new Link("/exercises/" + id, "Next exercise: " + title.get()));
            }
        }
        if (position < 0) {
            // Linked from no lesson (lab validate warns of that): the lesson it names itself, if any, leads on.
            position = catalog.get().find(exerciseId).flatMap(exercise -> Optional.ofNullable(exercise.lesson()))
                    .flatMap(course.get()::lesson).map(lesson -> order.indexOf(new Link("/lessons/" + lesson.id(),
                            "Next lesson: " + lesson.title())))
                    .orElse(order.size());
        }
        return position >= 0 && position + 1 < order.size() ? order.get(position + 1)
                : new Link("/", "Back to the course outline");
    }
}

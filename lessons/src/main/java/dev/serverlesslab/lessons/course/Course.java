package dev.serverlesslab.lessons.course;

import java.util.List;
import java.util.Optional;

/**
 * The whole course as described by {@code course.yml}: its modules and their lessons, in reading order.
 *
 * @param title   the course title
 * @param summary a short description for the front page; empty when course.yml has none
 * @param modules in reading order
 */
public record Course(String title, String summary, List<CourseModule> modules) {

    public Course {
        modules = List.copyOf(modules);
    }

    /** Every lesson in reading order: module by module, each module's lessons as listed. */
    public List<Lesson> lessons() {
        return modules.stream().flatMap(module -> module.lessons().stream()).toList();
    }

    /** The lesson with this id, e.g. {@code 01-what-serverless-is}. */
    public Optional<Lesson> lesson(String id) {
        return lessons().stream().filter(lesson -> lesson.id().equals(id)).findFirst();
    }

    /** The lesson after this one in reading order, crossing module boundaries; empty after the last lesson. */
    public Optional<Lesson> next(Lesson lesson) {
        return neighbour(lesson, 1);
    }

    /** The lesson before this one in reading order, crossing module boundaries; empty before the first lesson. */
    public Optional<Lesson> previous(Lesson lesson) {
        return neighbour(lesson, -1);
    }

    private Optional<Lesson> neighbour(Lesson lesson, int step) {
        List<Lesson> lessons = lessons();
        for (int i = 0; i < lessons.size(); i++) {
            if (lessons.get(i).id().equals(lesson.id())) {
                int other = i + step;
                return other >= 0 && other < lessons.size() ? Optional.of(lessons.get(other)) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}

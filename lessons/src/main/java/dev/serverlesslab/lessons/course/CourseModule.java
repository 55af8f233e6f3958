package dev.serverlesslab.lessons.course;

import java.util.List;

/**
 * A titled group of lessons in the course outline, e.g. "Foundations".
 *
 * @param title   shown as a section of the outline
 * @param lessons in the order course.yml lists them
 */
public record CourseModule(String title, List<Lesson> lessons) {

    public CourseModule {
        lessons = List.copyOf(lessons);
    }
}

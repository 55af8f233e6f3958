package dev.serverlesslab.lessons.course;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CourseTests {

    private final Lesson a = lesson("a");
    private final Lesson b = lesson("b");
    private final Lesson c = lesson("c");
    private final Course course = new Course("T", "", List.of(
            new CourseModule("One", List.of(a, b)),
            new CourseModule("Two", List.of(c))));

    @Test
    void lessons_flattensModulesInReadingOrder() {
        assertEquals(List.of(a, b, c), course.lessons());
    }

    @Test
    void lesson_findsById_orIsEmpty() {
        assertEquals(Optional.of(b), course.lesson("b"));
        assertEquals(Optional.empty(), course.lesson("z"));
    }

    @Test
    void next_crossesModuleBoundary_andIsEmptyAfterLast() {
        assertEquals(Optional.of(c), course.next(b));
        assertEquals(Optional.empty(), course.next(c));
    }

    @Test
    void previous_crossesModuleBoundary_andIsEmptyBeforeFirst() {
        assertEquals(Optional.of(b), course.previous(c));
        assertEquals(Optional.empty(), course.previous(a));
    }

    @Test
    void nextAndPrevious_ofLessonNotInCourse_areEmpty() {
        assertEquals(Optional.empty(), course.next(lesson("z")));
        assertEquals(Optional.empty(), course.previous(lesson("z")));
    }

    @Test
    void records_areImmutable() {
        assertThrows(UnsupportedOperationException.class, () -> course.modules().add(null));
        assertThrows(UnsupportedOperationException.class, () -> a.exercises().add("x"));
    }

    private static Lesson lesson(String id) {
        return new Lesson(id, id.toUpperCase(), "", List.of(), "<p>" + id + "</p>", List.of(), Path.of(id + ".md"), false, List.of());
    }
}

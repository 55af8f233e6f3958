package dev.serverlesslab.server.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.lessons.course.CourseLoader;
import dev.serverlesslab.server.TestApp;
import org.junit.jupiter.api.Test;

/** The "Next" link of a passed exercise follows the outline: lessons in order, each followed by its exercises. */
class NextStepTests {

    private final NextStep next = new NextStep(CourseLoader.load(TestApp.CONTENT), ExerciseCatalog.load(TestApp.CONTENT));

    @Test
    void afterAnExercise_comesTheLessonAfterItsOwn_whenItIsItsLessonsLast() {
        NextStep.Link link = next.after("hello-lambda");

        assertEquals("/lessons/03-api-gateway", link.href());
        assertTrue(link.title().startsWith("Next lesson: "), link.title());
    }

    @Test
    void afterTheCoursesLastExercise_comesTheOutline() {
        assertEquals(new NextStep.Link("/", "Back to the course outline"), next.after("ssm-kms-config"));
    }
}

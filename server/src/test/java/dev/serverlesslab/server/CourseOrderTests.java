package dev.serverlesslab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.server.content.LiveContent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a starting server asks its backend to prepare for comes in the order a new learner meets the exercises. */
class CourseOrderTests {

    @Test
    void inCourseOrder_putsTheCoursesFirstExerciseFirst_notTheFirstById() {
        LiveContent.Snapshot content = LiveContent.load(TestApp.CONTENT).snapshot();
        List<Exercise> byId = content.catalog().all();

        List<Exercise> ordered = WebApp.inCourseOrder(content.course(), byId);

        assertEquals("async-audit", byId.get(0).id());
        assertEquals("hello-lambda", ordered.get(0).id());
        assertEquals(byId.size(), ordered.size());
    }
}

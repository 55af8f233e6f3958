package dev.serverlesslab.server.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.lessons.course.CourseLoader;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.ContentCopy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Next" link of a passed exercise follows the outline: lessons in order, each followed by its exercises. */
class NextStepTests {

    private final NextStep next = new NextStep(CourseLoader.load(TestApp.CONTENT), ExerciseCatalog.load(TestApp.CONTENT));

    @Test
    void afterAnExercise_comesTheLessonAfterItsOwn_whenItIsItsLessonsLast() {
        NextStep.Link link = next.after("hello-lambda");

        assertEquals("/lessons/invocation-models", link.href());
        assertTrue(link.title().startsWith("Next lesson: "), link.title());
    }

    @Test
    void afterAModulesLastExercise_comesTheNextModulesFirstLesson() {
        assertEquals("/exercises/envelope-encryption", next.after("ssm-kms-config").href(),
                "the lesson's next exercise comes first");
        assertEquals("/lessons/s3", next.after("envelope-encryption").href());
    }

    @Test
    void afterTheCapstone_theLastExerciseOfTheRealCourse_comesTheOutline() {
        assertEquals(new NextStep.Link("/", "Back to the course outline"), next.after("capstone"));
    }

    @Test
    void afterTheCoursesLastExercise_comesTheOutline(@TempDir Path temp) {
        Path content = ContentCopy.of(temp);
        String yml = readString(content.resolve("course.yml"));
        String module = "  - title: Building with managed services\n"
                + "    lessons: [03-api-gateway, 04-dynamodb, 05-kms-and-ssm-parameter-store]\n";
        assertTrue(yml.contains(module), yml);
        // The module whose last exercise is envelope-encryption moved to the end of the course.
        writeString(content.resolve("course.yml"), yml.replace(module, "").stripTrailing() + "\n" + module);
        NextStep shortCourse = new NextStep(CourseLoader.load(content), ExerciseCatalog.load(content));
        assertEquals(new NextStep.Link("/", "Back to the course outline"), shortCourse.after("envelope-encryption"));
    }

    private static String readString(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void writeString(Path file, String text) {
        try {
            java.nio.file.Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

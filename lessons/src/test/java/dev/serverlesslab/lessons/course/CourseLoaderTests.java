package dev.serverlesslab.lessons.course;

import dev.serverlesslab.content.ContentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CourseLoaderTests {

    @Test
    void load_readsTitleSummaryAndModulesInOrder() {
        Course course = CourseLoader.load(fixture("valid"));

        assertEquals("Test Course", course.title());
        assertEquals("A course used by the loader tests.", course.summary());
        assertEquals(List.of("Basics", "More"), course.modules().stream().map(CourseModule::title).toList());
        assertEquals(List.of("01-first", "02-second", "03-third"), course.lessons().stream().map(Lesson::id).toList());
    }

    @Test
    void load_readsFrontMatterAndRendersEachLesson() {
        Course course = CourseLoader.load(fixture("valid"));

        Lesson first = course.lesson("01-first").orElseThrow();
        assertEquals("First lesson", first.title());
        assertEquals("Where it starts.", first.summary());
        assertEquals(List.of("hello-lambda", "echo"), first.exercises());
        assertTrue(first.html().contains("<h2 id=\"start-here\">Start here</h2>"), first.html());
        assertTrue(first.html().contains("<a href=\"/lessons/02-second\">link</a>"), first.html());
        assertEquals(fixture("valid").resolve("lessons/01-first.md").toAbsolutePath().normalize(), first.file());

        Lesson second = course.lesson("02-second").orElseThrow();
        assertEquals("Second: the middle", second.title());
        assertEquals(List.of(), second.exercises());
        assertEquals(List.of("middle", "detail"), second.toc().stream().map(h -> h.anchor()).toList());
        assertEquals(List.of("which-one"), second.quizzes().stream().map(Quiz::id).toList());
    }

    @Test
    void load_ignoresHiddenAndNonMarkdownFilesInLessonsFolder() {
        assertEquals(3, CourseLoader.load(fixture("valid")).lessons().size());
    }

    @Test
    void load_whenContentFolderIsMissing_namesIt() {
        Path missing = fixture("valid").resolve("no-such-folder");

        ContentException error = assertThrows(ContentException.class, () -> CourseLoader.load(missing));

        assertTrue(error.getMessage().endsWith("no-such-folder: content folder not found; "
                + "point to the folder that holds course.yml and lessons/"), error.getMessage());
    }

    @Test
    void load_whenCourseYmlIsMissing_saysWhatItMustContain() {
        assertError("no-course-yml", "no-course-yml/course.yml: file not found; "
                + "every content folder needs a course.yml with 'title:' and 'modules:'");
    }

    @Test
    void load_whenCourseYmlIsInvalidYaml_namesFileAndLine() {
        assertError("invalid-yaml", "invalid-yaml/course.yml:5: not valid YAML: expected ',' or ']', but got : "
                + "(while parsing a flow sequence that starts on line 4)");
    }

    @Test
    void load_whenCourseYmlHasUnknownField_namesItAndTheAllowedOnes() {
        assertError("unknown-course-field", "unknown-course-field/course.yml:2: unknown field 'sumary': "
                + "allowed fields are title, summary, modules");
    }

    @Test
    void load_whenModuleHasNoLessons_namesTheModuleLine() {
        assertError("module-without-lessons",
                "module-without-lessons/course.yml:5: missing required field 'modules[1].lessons': list its lessons, "
                        + "e.g. lessons: [01-what-serverless-is, 02-anatomy-of-a-lambda-function]");
    }

    @Test
    void load_whenListedLessonDoesNotExist_namesTheLineAndTheMissingFile() {
        assertError("missing-lesson-file", "missing-lesson-file/course.yml:6: lesson '02-missing' is listed but "
                + "missing-lesson-file/lessons/02-missing.md does not exist; create the file or fix the id");
    }

    @Test
    void load_whenLessonFileIsNotListed_namesTheFile() {
        assertError("unlisted-lesson", "unlisted-lesson/lessons/02-forgotten.md: lesson '02-forgotten' is not "
                + "listed in unlisted-lesson/course.yml; add it to a module's lessons, or move the file out of lessons/");
    }

    @Test
    void load_whenLessonIsListedTwice_namesBothLines() {
        assertError("duplicate-lesson", "duplicate-lesson/course.yml:7: lesson '01-first' is listed twice "
                + "(first at line 4); list each lesson once");
    }

    @Test
    void load_whenFrontMatterLacksTitle_namesFileLineAndField() {
        assertError("missing-title", "missing-title/lessons/01-first.md:2: missing required field 'title': name the "
                + "lesson, e.g. title: Cold starts");
    }

    @Test
    void load_whenFrontMatterHasUnknownField_namesItAndTheAllowedOnes() {
        assertError("unknown-front-matter-field", "unknown-front-matter-field/lessons/01-first.md:4: "
                + "unknown field 'exercise': allowed fields are title, summary, exercises, quiz");
    }

    @Test
    void load_whenFrontMatterIsMissing_explainsHowToStartIt() {
        assertError("no-front-matter", "no-front-matter/lessons/01-first.md:1: front matter is missing; start the "
                + "file with a line '---', then 'title: ...' and 'summary: ...', then another line '---'");
    }

    @Test
    void load_whenExercisesIsNotAList_showsTheExpectedForm() {
        assertError("exercises-not-a-list", "exercises-not-a-list/lessons/01-first.md:4: field "
                + "'exercises': must be a list, e.g. [hello-lambda], got text");
    }

    @Test
    void loadReporting_reportsEveryProblemAtOnce_andKeepsTheLessonsThatLoad(@TempDir Path content) throws IOException {
        Files.writeString(content.resolve("course.yml"), """
                title: Broken in three places
                modules:
                  - title: Only
                    lessons: [01-good, 02-no-title, 03-missing, 04-no-front-matter]
                """);
        Path lessons = Files.createDirectory(content.resolve("lessons"));
        Files.writeString(lessons.resolve("01-good.md"), "---\ntitle: Good\nsummary: Fine.\n---\nText.\n");
        Files.writeString(lessons.resolve("02-no-title.md"), "---\nsummary: No title.\n---\nText.\n");
        Files.writeString(lessons.resolve("04-no-front-matter.md"), "Just text.\n");

        CourseLoader.Result result = CourseLoader.loadReporting(content);

        List<String> problems = result.problems().stream().map(ContentException::getMessage).toList();
        String folder = content.getFileName().toString();
        assertEquals(List.of(
                folder + "/course.yml:4: lesson '03-missing' is listed but " + folder
                        + "/lessons/03-missing.md does not exist; create the file or fix the id",
                folder + "/lessons/02-no-title.md:2: missing required field 'title': name the lesson, e.g. title: Cold starts",
                folder + "/lessons/04-no-front-matter.md:1: front matter is missing; start the file with a line "
                        + "'---', then 'title: ...' and 'summary: ...', then another line '---'"), problems);
        assertEquals(List.of("01-good"), result.course().orElseThrow().lessons().stream().map(Lesson::id).toList());
        ContentException first = assertThrows(ContentException.class, () -> CourseLoader.load(content));
        assertEquals(problems.get(0), first.getMessage());
    }

    private static void assertError(String fixture, String expectedMessage) {
        ContentException error = assertThrows(ContentException.class, () -> CourseLoader.load(fixture(fixture)));
        assertEquals(expectedMessage, error.getMessage());
    }

    static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(CourseLoaderTests.class.getResource("/courses/" + name),
                    "missing test fixture " + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

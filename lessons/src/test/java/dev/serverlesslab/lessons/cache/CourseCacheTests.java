package dev.serverlesslab.lessons.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.course.CourseLoader;
import dev.serverlesslab.lessons.course.CourseModule;
import dev.serverlesslab.lessons.course.Lesson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The course kept between serve's starts: read when the content and the build are those it was rendered from,
 * otherwise ignored without a word and rendered again, so a start never shows an old or damaged page.
 */
class CourseCacheTests {

    // Maven runs tests with the module folder as working directory.
    private static final Path SHIPPED = Path.of("../content");
    private static final String FIRST = "01-what-serverless-is";

    @TempDir
    Path temp;

    private Path content;
    private CourseCache cache;

    @BeforeEach
    void copyTheShippedCourse() throws IOException {
        content = copy(temp.resolve("content"));
        cache = CourseCache.in(temp.resolve("cache"));
    }

    @Test
    void load_withNothingKept_rendersTheCourse_andKeepsIt() {
        CourseCache.Loaded loaded = cache.load(content);

        assertFalse(loaded.fromCache());
        assertEquals(CourseLoader.load(content), loaded.course());
        assertTrue(Files.isRegularFile(cache.file(content)));
    }

    @Test
    void load_withUnchangedContent_readsTheKeptCourse_equalToARendering() {
        cache.load(content);

        CourseCache.Loaded again = cache.load(content);

        assertTrue(again.fromCache());
        // Every field of every lesson: HTML, headings, quizzes with their options, diagrams, files.
        assertEquals(CourseLoader.load(content), again.course());
    }

    @Test
    void load_withUnchangedContent_showsWhatWasKept_withoutRenderingTheMarkdown() {
        Course forged = withFirstLessonHtml(CourseLoader.load(content), "<p>kept, not rendered</p>");
        cache.store(content, forged);

        CourseCache.Loaded loaded = cache.load(content);

        assertTrue(loaded.fromCache());
        assertEquals("<p>kept, not rendered</p>", loaded.course().lesson(FIRST).orElseThrow().html());
    }

    @Test
    void load_afterALessonIsEdited_rendersTheNewText_andKeepsThat() throws IOException {
        cache.load(content);
        Path lesson = content.resolve("lessons/" + FIRST + ".md");
        Files.writeString(lesson, Files.readString(lesson) + "\nA sentence added after the cache was written.\n");

        CourseCache.Loaded edited = cache.load(content);

        assertFalse(edited.fromCache());
        assertTrue(edited.course().lesson(FIRST).orElseThrow().html()
                .contains("A sentence added after the cache was written."));
        CourseCache.Loaded next = cache.load(content);
        assertTrue(next.fromCache());
        assertEquals(edited.course(), next.course());
    }

    @Test
    void load_afterCourseYmlIsEdited_rendersAgain() throws IOException {
        cache.load(content);
        Path courseYml = content.resolve("course.yml");
        String text = Files.readString(courseYml);
        String title = CourseLoader.load(content).title();
        assertTrue(text.contains(title), "course.yml holds the title");
        Files.writeString(courseYml, text.replace(title, "A renamed course"));

        CourseCache.Loaded loaded = cache.load(content);

        assertFalse(loaded.fromCache());
        assertEquals("A renamed course", loaded.course().title());
    }

    @Test
    void load_afterAnUnlistedLessonAppears_failsAsTheLoaderDoes_insteadOfServingTheKeptCourse() throws IOException {
        cache.load(content);
        Files.writeString(content.resolve("lessons/99-stray.md"), "---\ntitle: Stray\nsummary: Not listed.\n---\n");

        ContentException problem = assertThrows(ContentException.class, () -> cache.load(content));

        assertTrue(problem.getMessage().contains("99-stray") && problem.getMessage().contains("not listed"),
                problem.getMessage());
    }

    @Test
    void load_ofBrokenContent_throws_andKeepsNothing() throws IOException {
        Path lesson = content.resolve("lessons/" + FIRST + ".md");
        Files.writeString(lesson, Files.readString(lesson).replaceFirst("title: ", "titel: "));

        assertThrows(ContentException.class, () -> cache.load(content));

        assertFalse(Files.exists(cache.file(content)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"empty", "garbage", "truncated", "byte in the header", "byte in the key",
            "byte in a lesson", "last byte", "bytes appended"})
    void load_whenTheKeptFileIsDamaged_rendersSilently_andWritesItAgain(String damage) throws IOException {
        Course rendered = cache.load(content).course();
        Path file = cache.file(content);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, damaged(bytes, damage));

        CourseCache.Loaded loaded = cache.load(content);

        assertFalse(loaded.fromCache(), damage);
        assertEquals(rendered, loaded.course(), damage);
        assertTrue(cache.load(content).fromCache(), "rewritten after " + damage);
    }

    @Test
    void load_ofAnotherFolder_ignoresAFileKeptForThisOne_evenUnderItsName() throws IOException {
        cache.load(content);
        Path other = copy(temp.resolve("other/content"));
        Files.createDirectories(cache.file(other).getParent());
        Files.copy(cache.file(content), cache.file(other), StandardCopyOption.REPLACE_EXISTING);

        CourseCache.Loaded loaded = cache.load(other);

        assertNotEquals(cache.file(content), cache.file(other));
        assertFalse(loaded.fromCache());
        // Lessons know their own file, so a course kept for another folder would point there.
        assertEquals(other.toAbsolutePath().normalize().resolve("lessons/" + FIRST + ".md"),
                loaded.course().lesson(FIRST).orElseThrow().file());
    }

    @Test
    void load_whenTheCacheCannotBeWritten_stillLoadsTheCourse() throws IOException {
        Path blocked = temp.resolve("blocked");
        Files.writeString(blocked, "a file where the cache folder would be");
        CourseCache unwritable = CourseCache.in(blocked);

        CourseCache.Loaded first = unwritable.load(content);
        CourseCache.Loaded second = unwritable.load(content);

        assertEquals(CourseLoader.load(content), first.course());
        assertFalse(second.fromCache());
    }

    @Test
    void load_keepsTheNewestCoursesOnly_oneFilePerContentFolder() throws IOException {
        List<Path> folders = new java.util.ArrayList<>();
        for (int i = 0; i <= CourseCache.KEPT_COURSES; i++) {
            Path folder = copy(temp.resolve("many/" + i + "/content"));
            cache.load(folder);
            folders.add(folder);
        }

        try (Stream<Path> files = Files.list(temp.resolve("cache"))) {
            assertEquals(CourseCache.KEPT_COURSES, files.count());
        }
        assertTrue(cache.load(folders.get(folders.size() - 1)).fromCache(), "the newest is kept");
    }

    private static byte[] damaged(byte[] bytes, String damage) {
        return switch (damage) {
            case "empty" -> new byte[0];
            case "garbage" -> "not a course at all".getBytes();
            case "truncated" -> Arrays.copyOf(bytes, bytes.length / 2);
            case "byte in the header" -> flip(bytes, 5);
            case "byte in the key" -> flip(bytes, 8 + 3);
            case "byte in a lesson" -> flip(bytes, bytes.length / 2);
            case "last byte" -> flip(bytes, bytes.length - 1);
            case "bytes appended" -> Arrays.copyOf(bytes, bytes.length + 3);
            default -> throw new IllegalArgumentException(damage);
        };
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x20;
        return copy;
    }

    private static Course withFirstLessonHtml(Course course, String html) {
        List<CourseModule> modules = course.modules().stream().map(module -> new CourseModule(module.title(),
                module.lessons().stream().map(lesson -> lesson.id().equals(FIRST) ? new Lesson(lesson.id(),
                        lesson.title(), lesson.summary(), lesson.exercises(), html, lesson.toc(), lesson.file(),
                        lesson.hasDiagram(), lesson.quizzes()) : lesson).toList())).toList();
        return new Course(course.title(), course.summary(), modules);
    }

    /** course.yml and the lessons of the shipped course: all the loader reads. */
    private static Path copy(Path target) throws IOException {
        Files.createDirectories(target.resolve("lessons"));
        Files.copy(SHIPPED.resolve("course.yml"), target.resolve("course.yml"));
        try (Stream<Path> lessons = Files.list(SHIPPED.resolve("lessons"))) {
            for (Path lesson : lessons.toList()) {
                Files.copy(lesson, target.resolve("lessons").resolve(lesson.getFileName()));
            }
        }
        return target;
    }
}

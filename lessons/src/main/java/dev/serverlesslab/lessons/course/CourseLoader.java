package dev.serverlesslab.lessons.course;

import dev.serverlesslab.lessons.ContentException;
import dev.serverlesslab.lessons.course.CourseOutline.LessonRef;
import dev.serverlesslab.lessons.course.CourseOutline.ModuleOutline;
import dev.serverlesslab.lessons.markdown.MarkdownRenderer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Loads a course from a content folder: {@code course.yml} for the outline and {@code lessons/<id>.md} for each
 * lesson, rendered to HTML.
 *
 * <p>The folder must be consistent: every listed lesson exists, every lesson file is listed exactly once, and every
 * lesson has a title and a summary. The first problem found stops loading with a {@link ContentException} that
 * names the file and line.
 */
public final class CourseLoader {

    private final Path contentDir;
    private final String shownRoot;
    private final LessonReader lessonReader;

    private CourseLoader(Path contentDir, MarkdownRenderer renderer) {
        this.contentDir = contentDir;
        Path name = contentDir.toAbsolutePath().normalize().getFileName();
        this.shownRoot = name == null ? contentDir.toString() : name.toString();
        this.lessonReader = new LessonReader(renderer);
    }

    /**
     * Loads and renders the course in {@code contentDir}.
     *
     * @throws ContentException when the folder, course.yml or a lesson is missing or malformed
     */
    public static Course load(Path contentDir) {
        return new CourseLoader(contentDir, new MarkdownRenderer()).load();
    }

    private Course load() {
        if (!Files.isDirectory(contentDir)) {
            throw new ContentException(contentDir.toAbsolutePath().normalize().toString(), 0,
                    "content folder not found; point to the folder that holds course.yml and lessons/");
        }
        ContentFile courseFile = file("course.yml");
        if (!Files.isRegularFile(courseFile.path())) {
            throw new ContentException(courseFile.shownAs(), 0,
                    "file not found; every content folder needs a course.yml with 'title:' and 'modules:'");
        }
        CourseOutline outline = CourseOutline.read(courseFile);
        checkListedOnce(outline, courseFile);
        checkFilesExist(outline, courseFile);
        checkEveryFileListed(outline, courseFile);

        List<CourseModule> modules = new ArrayList<>();
        for (ModuleOutline module : outline.modules()) {
            List<Lesson> lessons = new ArrayList<>();
            for (LessonRef ref : module.lessons()) {
                lessons.add(lessonReader.read(ref.id(), lessonFile(ref.id())));
            }
            modules.add(new CourseModule(module.title(), lessons));
        }
        return new Course(outline.title(), outline.summary(), modules);
    }

    private void checkListedOnce(CourseOutline outline, ContentFile courseFile) {
        Map<String, LessonRef> seen = new HashMap<>();
        for (LessonRef ref : refs(outline)) {
            LessonRef first = seen.putIfAbsent(ref.id(), ref);
            if (first != null) {
                throw new ContentException(courseFile.shownAs(), ref.line(), "lesson '" + ref.id()
                        + "' is listed twice (first at line " + first.line() + "); list each lesson once");
            }
        }
    }

    private void checkFilesExist(CourseOutline outline, ContentFile courseFile) {
        for (LessonRef ref : refs(outline)) {
            ContentFile lesson = lessonFile(ref.id());
            if (!Files.isRegularFile(lesson.path())) {
                throw new ContentException(courseFile.shownAs(), ref.line(), "lesson '" + ref.id()
                        + "' is listed but " + lesson.shownAs() + " does not exist; create the file or fix the id");
            }
        }
    }

    private void checkEveryFileListed(CourseOutline outline, ContentFile courseFile) {
        Set<String> listed = new TreeSet<>();
        refs(outline).forEach(ref -> listed.add(ref.id()));
        for (String id : lessonIdsOnDisk()) {
            if (!listed.contains(id)) {
                // A lesson nobody can navigate to is almost always a forgotten course.yml entry.
                throw new ContentException(lessonFile(id).shownAs(), 0, "lesson '" + id + "' is not listed in "
                        + courseFile.shownAs() + "; add it to a module's lessons, or move the file out of lessons/");
            }
        }
    }

    private Set<String> lessonIdsOnDisk() {
        Path dir = contentDir.resolve("lessons");
        Set<String> ids = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile)
                    .map(path -> path.getFileName().toString())
                    // Editors leave hidden swap and lock files next to the lessons; they are not lessons.
                    .filter(name -> name.endsWith(".md") && !name.startsWith("."))
                    .forEach(name -> ids.add(name.substring(0, name.length() - ".md".length())));
        } catch (IOException e) {
            throw new ContentException(shownRoot + "/lessons", 0, "folder cannot be listed: " + e.getMessage(), e);
        }
        return ids;
    }

    private static List<LessonRef> refs(CourseOutline outline) {
        return outline.modules().stream().flatMap(module -> module.lessons().stream()).toList();
    }

    private ContentFile lessonFile(String id) {
        return file("lessons/" + id + ".md");
    }

    private ContentFile file(String relative) {
        return new ContentFile(contentDir.resolve(relative), shownRoot + "/" + relative);
    }
}

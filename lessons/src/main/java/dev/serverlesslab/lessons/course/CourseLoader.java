package dev.serverlesslab.lessons.course;

import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.lessons.course.CourseOutline.LessonRef;
import dev.serverlesslab.lessons.course.CourseOutline.ModuleOutline;
import dev.serverlesslab.lessons.markdown.MarkdownRenderer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Loads a course from a content folder: {@code course.yml} for the outline and {@code lessons/<id>.md} for each
 * lesson, rendered to HTML.
 *
 * <p>The folder must be consistent: every listed lesson exists, every lesson file is listed exactly once, and every
 * lesson has a title and a summary. {@link #load} stops at the first problem with a {@link ContentException} that
 * names the file and line; {@link #loadReporting} reads everything it can and returns every problem at once, for
 * {@code lab validate} and live reload.
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
        Result result = loadReporting(contentDir);
        if (!result.problems().isEmpty()) {
            throw result.problems().get(0);
        }
        return result.course().orElseThrow();
    }

    /**
     * Loads what can be loaded of the course in {@code contentDir} and collects every problem on the way, each with
     * its file and line: a lesson that is broken is left out of the course, a problem in course.yml's listing is
     * reported and the rest still read.
     */
    public static Result loadReporting(Path contentDir) {
        return new CourseLoader(contentDir, new MarkdownRenderer()).loadAll();
    }

    /**
     * What {@link #loadReporting} found.
     *
     * @param course   the course without the lessons that could not be read; empty when there is no readable
     *                 course.yml (or no content folder) at all
     * @param problems every problem, in the order an author reads the files: course.yml first, then the lessons
     * @param unreadable ids of lessons course.yml lists and whose file exists but could not be read, so checks that
     *                   follow (links, exercises' lessons) need not report them missing as well
     */
    public record Result(Optional<Course> course, List<ContentException> problems, Set<String> unreadable) {
        public Result {
            problems = List.copyOf(problems);
            unreadable = Set.copyOf(unreadable);
        }
    }

    private Result loadAll() {
        List<ContentException> problems = new ArrayList<>();
        if (!Files.isDirectory(contentDir)) {
            problems.add(new ContentException(contentDir.toAbsolutePath().normalize().toString(), 0,
                    "content folder not found; point to the folder that holds course.yml and lessons/"));
            return new Result(Optional.empty(), problems, Set.of());
        }
        ContentFile courseFile = file("course.yml");
        if (!Files.isRegularFile(courseFile.path())) {
            problems.add(new ContentException(courseFile.shownAs(), 0,
                    "file not found; every content folder needs a course.yml with 'title:' and 'modules:'"));
            return new Result(Optional.empty(), problems, Set.of());
        }
        CourseOutline outline;
        try {
            outline = CourseOutline.read(courseFile);
        } catch (ContentException e) {
            problems.add(e);
            return new Result(Optional.empty(), problems, Set.of());
        }
        checkListedOnce(outline, courseFile, problems);
        checkFilesExist(outline, courseFile, problems);
        checkEveryFileListed(outline, courseFile, problems);

        List<CourseModule> modules = new ArrayList<>();
        Set<String> read = new HashSet<>();
        Set<String> unreadable = new HashSet<>();
        for (ModuleOutline module : outline.modules()) {
            List<Lesson> lessons = new ArrayList<>();
            for (LessonRef ref : module.lessons()) {
                ContentFile file = lessonFile(ref.id());
                // A missing or twice-listed lesson is reported above; reading it (again) would only repeat that.
                if (!Files.isRegularFile(file.path()) || !read.add(ref.id())) {
                    continue;
                }
                try {
                    lessons.add(lessonReader.read(ref.id(), file));
                } catch (ContentException e) {
                    problems.add(e);
                    unreadable.add(ref.id());
                }
            }
            modules.add(new CourseModule(module.title(), lessons));
        }
        return new Result(Optional.of(new Course(outline.title(), outline.summary(), modules)), problems,
                unreadable);
    }

    private void checkListedOnce(CourseOutline outline, ContentFile courseFile, List<ContentException> problems) {
        Map<String, LessonRef> seen = new HashMap<>();
        for (LessonRef ref : refs(outline)) {
            LessonRef first = seen.putIfAbsent(ref.id(), ref);
            if (first != null) {
                problems.add(new ContentException(courseFile.shownAs(), ref.line(), "lesson '" + ref.id()
                        + "' is listed twice (first at line " + first.line() + "); list each lesson once"));
            }
        }
    }

    private void checkFilesExist(CourseOutline outline, ContentFile courseFile, List<ContentException> problems) {
        for (LessonRef ref : refs(outline)) {
            ContentFile lesson = lessonFile(ref.id());
            if (!Files.isRegularFile(lesson.path())) {
                problems.add(new ContentException(courseFile.shownAs(), ref.line(), "lesson '" + ref.id()
                        + "' is listed but " + lesson.shownAs() + " does not exist; create the file or fix the id"));
            }
        }
    }

    private void checkEveryFileListed(CourseOutline outline, ContentFile courseFile, List<ContentException> problems) {
        Set<String> listed = new TreeSet<>();
        refs(outline).forEach(ref -> listed.add(ref.id()));
        try {
            for (String id : lessonIdsOnDisk()) {
                if (!listed.contains(id)) {
                    // A lesson nobody can navigate to is almost always a forgotten course.yml entry.
                    problems.add(new ContentException(lessonFile(id).shownAs(), 0, "lesson '" + id
                            + "' is not listed in " + courseFile.shownAs()
                            + "; add it to a module's lessons, or move the file out of lessons/"));
                }
            }
        } catch (ContentException e) {
            problems.add(e);
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

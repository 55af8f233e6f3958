package dev.serverlesslab.server.content;

import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.course.CourseLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The course and its exercises as the web app serves them now. {@link #reload()} reads the content folder again and
 * swaps both in at once; when the folder has a problem it keeps the last content that loaded and holds the problems
 * instead, so a half-saved file never takes the site down. Readers never block: they take the current snapshot.
 */
public final class LiveContent {

    /** One consistent state of the content; {@code problems} are those of the last reload, empty when it worked. */
    public record Snapshot(Course course, ExerciseCatalog catalog, long version, List<String> problems) {
        public Snapshot {
            problems = List.copyOf(problems);
        }
    }

    private final Path contentDir;
    private final AtomicReference<Snapshot> current;
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();

    private LiveContent(Path contentDir, Snapshot first) {
        this.contentDir = contentDir;
        this.current = new AtomicReference<>(first);
    }

    /**
     * Loads the content a server starts with; unlike a reload this refuses broken content, since there is nothing
     * older to serve instead.
     *
     * @throws ContentException when a lesson, course.yml or exercise folder is broken, naming file and line
     */
    public static LiveContent load(Path contentDir) {
        Course course = CourseLoader.load(contentDir);
        ExerciseCatalog catalog = ExerciseCatalog.load(contentDir);
        return new LiveContent(contentDir, new Snapshot(course, catalog, 1, List.of()));
    }

    /** Content that never reloads, e.g. for tests of pages. */
    public static LiveContent of(Course course, ExerciseCatalog catalog) {
        return new LiveContent(null, new Snapshot(course, catalog, 1, List.of()));
    }

    public Snapshot snapshot() {
        return current.get();
    }

    public Course course() {
        return current.get().course();
    }

    public ExerciseCatalog catalog() {
        return current.get().catalog();
    }

    /**
     * Reads the content folder again. When everything loads, the new course and exercises replace the old ones;
     * otherwise the old ones stay and the snapshot carries every problem, each as "file:line: what is wrong".
     * Listeners hear the resulting snapshot either way. Reloads run one at a time.
     */
    public synchronized Snapshot reload() {
        if (contentDir == null) {
            throw new IllegalStateException("this content was not loaded from a folder and cannot be reloaded");
        }
        Snapshot before = current.get();
        List<String> problems = new ArrayList<>();
        CourseLoader.Result course = CourseLoader.loadReporting(contentDir);
        course.problems().forEach(problem -> problems.add(problem.getMessage()));
        ExerciseCatalog.Result exercises = ExerciseCatalog.loadReporting(contentDir);
        exercises.problems().forEach(problem -> problems.add(shown(problem)));
        Snapshot after = problems.isEmpty() && course.course().isPresent()
                ? new Snapshot(course.course().get(), exercises.catalog(), before.version() + 1, List.of())
                : new Snapshot(before.course(), before.catalog(), before.version(), problems);
        current.set(after);
        listeners.forEach(listener -> listener.accept(after));
        return after;
    }

    /** Calls {@code listener} with the snapshot after every reload; the returned action stops that. */
    public Runnable onReload(Consumer<Snapshot> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Exercise problems name their files by path; shown relative to the content folder, as lesson problems are. */
    private String shown(String problem) {
        Path absolute = contentDir.toAbsolutePath().normalize();
        String name = absolute.getFileName() == null ? "" : absolute.getFileName() + "/";
        String shown = problem.replace(absolute + "/", name);
        String relative = contentDir.normalize().toString();
        return relative.isEmpty() || contentDir.isAbsolute() ? shown : shown.replace(relative + "/", name);
    }
}

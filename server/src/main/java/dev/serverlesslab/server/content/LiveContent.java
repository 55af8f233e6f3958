package dev.serverlesslab.server.content;

import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.lessons.cache.CourseCache;
import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.course.CourseLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The course and its exercises as the web app serves them now. {@link #reload()} reads the content folder again and
 * swaps both in at once; when the folder has a problem it keeps the last content that loaded and holds the problems
 * instead, so a half-saved file never takes the site down. Once the first content has loaded readers never block:
 * they take the current snapshot.
 */
public final class LiveContent {

    /** One consistent state of the content; {@code problems} are those of the last reload, empty when it worked. */
    public record Snapshot(Course course, ExerciseCatalog catalog, long version, List<String> problems) {
        public Snapshot {
            problems = List.copyOf(problems);
        }
    }

    private final Path contentDir;
    /** The content a server starts with, loaded strictly; what {@link #current} holds once it is done. */
    private final CompletableFuture<Snapshot> first;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();

    private LiveContent(Path contentDir, CompletableFuture<Snapshot> first) {
        this.contentDir = contentDir;
        this.first = first.thenApply(snapshot -> {
            current.compareAndSet(null, snapshot);
            return snapshot;
        });
    }

    /**
     * Loads the content a server starts with; unlike a reload this refuses broken content, since there is nothing
     * older to serve instead.
     *
     * @throws ContentException when a lesson, course.yml or exercise folder is broken, naming file and line
     */
    public static LiveContent load(Path contentDir) {
        return new LiveContent(contentDir, CompletableFuture.completedFuture(strictly(contentDir, null)));
    }

    /**
     * Starts loading the content a server starts with on {@code executor} and returns at once, so a server can listen
     * while the lessons render; readers wait for the load (see {@link #snapshot()}), and {@link #loaded()} says when it
     * is done or why it failed.
     *
     * @param courseCache where the course rendered at the last start is kept, read instead of rendering when the
     *                    content is unchanged; null to render. Only this first load uses it: {@link #reload()} renders
     */
    public static LiveContent loading(Path contentDir, CourseCache courseCache, Executor executor) {
        return new LiveContent(contentDir, CompletableFuture.supplyAsync(() -> strictly(contentDir, courseCache),
                executor));
    }

    /** Content that never reloads, e.g. for tests of pages. */
    public static LiveContent of(Course course, ExerciseCatalog catalog) {
        return new LiveContent(null, CompletableFuture.completedFuture(new Snapshot(course, catalog, 1, List.of())));
    }

    private static Snapshot strictly(Path contentDir, CourseCache courseCache) {
        Course course = courseCache == null ? CourseLoader.load(contentDir) : courseCache.load(contentDir).course();
        ExerciseCatalog catalog = ExerciseCatalog.load(contentDir);
        return new Snapshot(course, catalog, 1, List.of());
    }

    /** Completes when the first content has loaded, or exceptionally with the {@link ContentException} that broke it. */
    public CompletableFuture<Snapshot> loaded() {
        return first.copy();
    }

    /**
     * The content now; while the first load runs, waits for it.
     *
     * @throws ContentException when the first load failed: there is no content to serve
     */
    public Snapshot snapshot() {
        Snapshot now = current.get();
        if (now != null) {
            return now;
        }
        try {
            return first.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public Course course() {
        return snapshot().course();
    }

    public ExerciseCatalog catalog() {
        return snapshot().catalog();
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
        Snapshot before = snapshot();
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

package dev.serverlesslab.server.course;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.graders.run.CheckTallies;
import dev.serverlesslab.graders.run.CheckTally;
import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.course.CourseModule;
import dev.serverlesslab.lessons.course.Lesson;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.progress.ExerciseScore;
import dev.serverlesslab.server.progress.ProgressStore;
import dev.serverlesslab.server.quiz.QuizAnswers;
import dev.serverlesslab.server.system.RenderedPage;
import dev.serverlesslab.server.system.ThymeleafRenderer;
import dev.serverlesslab.lessons.search.LessonSearch;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The course outline and the lesson pages, with the viewer's own progress: each exercise with their best score, each
 * lesson read or not (opening a lesson marks it read), per module how much is read, done and answered right, a link
 * back to where they left off, and the lessons' quizzes with the viewer's answers.
 */
public final class CoursePages {

    /** How many recent lessons and exercises to look through for one the course still has. */
    private static final int RECENT_PLACES = 10;
    /** Longer than any real search; a longer one is refused rather than scanned. */
    private static final int MAX_QUERY = 200;

    private final Supplier<Course> courses;
    private final Supplier<ExerciseCatalog> catalogs;
    private final ProgressStore progress;
    private final QuizAnswers quizzes;
    private final CheckTallies tallies;
    /** The search index and the course it was built from; rebuilt when live reload brings another course. */
    private final AtomicReference<Indexed> search = new AtomicReference<>();
    /** Points of exercises already counted, per catalog: counting looks at the checks' sources, a page should not. */
    private final AtomicReference<KnownPoints> knownPoints = new AtomicReference<>();
    private final ThymeleafRenderer renderer;

    /** The lessons of a course by id, made once per course (live reload brings a new one). */
    private final AtomicReference<Lessons> byId = new AtomicReference<>();

    private record Lessons(Course course, Map<String, Lesson> byId) {
    }

    private record KnownPoints(ExerciseCatalog catalog, Map<String, Integer> points) {
    }

    private record Indexed(Course course, LessonSearch search) {
    }

    /** Pages of whatever the course is at each request (it changes under live reload). */
    /** @param tallies what each exercise is worth, as grading counts it; shown only once known */
    /** @param renderer keeps lesson pages once rendered ({@link ThymeleafRenderer#renderKept}) */
    public CoursePages(Supplier<Course> course, Supplier<ExerciseCatalog> catalog, ProgressStore progress,
                       QuizAnswers quizzes, CheckTallies tallies, ThymeleafRenderer renderer) {
        this.renderer = renderer;
        this.tallies = tallies;
        this.courses = course;
        this.catalogs = catalog;
        this.progress = progress;
        this.quizzes = quizzes;
    }

    private LessonSearch search() {
        Course course = courses.get();
        Indexed indexed = search.get();
        if (indexed == null || indexed.course() != course) {
            indexed = new Indexed(course, new LessonSearch(course));
            search.set(indexed);
        }
        return indexed.search();
    }

    /** {@code GET /search?q=}: lessons matching every word, each with the passage it was found in. */
    public void search(Context ctx) {
        Viewer.of(ctx);
        String query = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        if (query.length() > MAX_QUERY) {
            throw new BadRequestResponse("A search takes at most " + MAX_QUERY + " characters; shorten it to the "
                    + "words that matter.");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", query.isEmpty() ? "Search" : "Search: " + query);
        model.put("query", query);
        model.put("hits", search().search(query));
        ctx.render("course/search", model);
    }

    /** {@code GET /}: every module with its lessons and the exercises each lesson names. */
    public void outline(Context ctx) {
        long learner = Viewer.of(ctx).learnerId();
        Course course = courses.get();
        Map<String, ExerciseScore> scores = progress.scores(learner);
        Set<String> read = progress.readLessons(learner);
        Map<String, Integer> quizzesRight = quizzes.correctByLesson(learner);
        List<ModuleView> modules = course.modules().stream()
                .map(module -> moduleView(module, scores, read, quizzesRight)).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("title", course.title());
        model.put("course", course);
        model.put("modules", modules);
        model.put("resume", resume(learner));
        ctx.render("course/outline", model);
    }

    /**
     * {@code GET /lessons/{lessonId}}: the rendered lesson with its table of contents and neighbours; marks it read.
     * The page is kept once rendered, keyed by what it is made of: the lesson, the content (live reload gives new
     * course and catalog objects), the points known so far and the viewer's progress version, which every write
     * that changes what the page shows moves ({@link ProgressStore#version}). A repeat costs no database read.
     */
    public void lesson(Context ctx) {
        Course course = courses.get();
        Lesson lesson = lessonOf(course, ctx);
        long learner = Viewer.of(ctx).learnerId();
        // Opening it still marks the lesson read (a conditional GET too); only unchanged bytes are not sent again.
        progress.recordRead(learner, lesson.id());
        ExerciseCatalog catalog = catalogs.get();
        LessonKey key = new LessonKey(lesson.id(), learner, progress.version(learner), course, catalog,
                points(lesson, catalog));
        RenderedPage page = renderer.renderKept(ctx, "course/lesson", key, () -> lessonModel(course, lesson, learner));
        LessonPageTags.answer(ctx, page);
    }

    private Map<String, Object> lessonModel(Course course, Lesson lesson, long learner) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", lesson.title());
        model.put("lesson", lesson);
        model.put("exercises", exerciseLinks(lesson, progress.scores(learner)));
        model.put("previous", course.previous(lesson).orElse(null));
        model.put("next", course.next(lesson).orElse(null));
        model.put("markdown", true);
        model.put("diagrams", lesson.hasDiagram());
        model.put("quizzes", quizzes.views(lesson, learner));
        model.put("modules", course.modules());
        model.put("read", progress.readLessons(learner));
        return model;
    }

    /**
     * What a kept lesson page was rendered from. Course and catalog compare by identity: live reload replaces them
     * whole, and comparing their contents would cost more than rendering saves.
     */
    private record LessonKey(String lessonId, long learnerId, long progressVersion, Course course,
                             ExerciseCatalog catalog, List<Integer> points) {

        @Override
        public boolean equals(Object other) {
            return other instanceof LessonKey that && learnerId == that.learnerId
                    && progressVersion == that.progressVersion && course == that.course && catalog == that.catalog
                    && lessonId.equals(that.lessonId) && points.equals(that.points);
        }

        @Override
        public int hashCode() {
            return Objects.hash(lessonId, learnerId, progressVersion, System.identityHashCode(course),
                    System.identityHashCode(catalog), points);
        }
    }

    /** {@code POST /lessons/{lessonId}/quizzes/{quizId}}: checks and keeps the viewer's answer to a quiz. */
    public void answerQuiz(Context ctx) {
        quizzes.answer(ctx, lessonOf(courses.get(), ctx), Viewer.of(ctx).learnerId());
    }

    private Lesson lessonOf(Course course, Context ctx) {
        String id = ctx.pathParam("lessonId");
        Lessons lessons = byId.get();
        if (lessons == null || lessons.course() != course) {
            // Course.lesson walks every module's lessons; a page request should not, once per course is enough.
            Map<String, Lesson> index = new HashMap<>();
            course.lessons().forEach(lesson -> index.putIfAbsent(lesson.id(), lesson));
            lessons = new Lessons(course, index);
            byId.set(lessons);
        }
        Lesson lesson = lessons.byId().get(id);
        if (lesson == null) {
            throw new NotFoundResponse("There is no lesson '" + id + "' in this course. Pick one from the course "
                    + "outline.");
        }
        return lesson;
    }

    /**
     * The outline's link back: the latest lesson opened or exercise submitted to that the course still has, or its
     * first lesson for someone who has done neither; null for a course without lessons.
     */
    private Resume resume(long learner) {
        Course course = courses.get();
        for (ProgressStore.Place place : progress.recentPlaces(learner, RECENT_PLACES)) {
            Optional<Resume> found = switch (place.kind()) {
                case LESSON -> course.lesson(place.id())
                        .map(lesson -> new Resume("/lessons/" + lesson.id(), lesson.title(), "lesson", false));
                case EXERCISE -> catalogs.get().find(place.id()).map(CoursePages::resumeAt);
            };
            if (found.isPresent()) {
                return found.get();
            }
        }
        return course.lessons().stream().findFirst()
                .map(lesson -> new Resume("/lessons/" + lesson.id(), lesson.title(), "lesson", true))
                .orElse(null);
    }

    private static Resume resumeAt(Exercise exercise) {
        return new Resume("/exercises/" + exercise.id(), exercise.title(), "exercise", false);
    }

    private ModuleView moduleView(CourseModule module, Map<String, ExerciseScore> scores, Set<String> read,
                                  Map<String, Integer> quizzesRight) {
        List<LessonView> lessons = module.lessons().stream()
                .map(lesson -> new LessonView(lesson, read.contains(lesson.id()), exerciseLinks(lesson, scores),
                        // A quiz removed since it was answered no longer counts.
                        Math.min(quizzesRight.getOrDefault(lesson.id(), 0), lesson.quizzes().size())))
                .toList();
        return new ModuleView(module.title(), lessons);
    }

    private List<ExerciseLink> exerciseLinks(Lesson lesson, Map<String, ExerciseScore> scores) {
        ExerciseCatalog catalog = catalogs.get();
        return lesson.exercises().stream()
                .map(id -> catalog.find(id)
                        .map(exercise -> new ExerciseLink(id, exercise.title(), points(catalog, exercise),
                                scores.get(id)))
                        .orElse(new ExerciseLink(id, id, 0, null)))
                .toList();
    }

    /** The points grading counts, or 0 (shown as nothing) while they are still being counted. */
    private int points(ExerciseCatalog catalog, Exercise exercise) {
        KnownPoints known = knownPoints.get();
        if (known == null || known.catalog() != catalog) {
            known = new KnownPoints(catalog, new ConcurrentHashMap<>());
            knownPoints.set(known);
        }
        Integer points = known.points().get(exercise.id());
        if (points != null) {
            return points;
        }
        // Once counted, an exercise's points stay what they are until live reload brings another catalog.
        Optional<Integer> counted = tallies.ifKnown(exercise).map(CheckTally::points);
        if (counted.isPresent()) {
            known.points().put(exercise.id(), counted.get());
        }
        return counted.orElse(0);
    }

    /** The points each exercise of the lesson is worth as far as they are counted yet, in the lesson's order. */
    private List<Integer> points(Lesson lesson, ExerciseCatalog catalog) {
        return lesson.exercises().stream()
                .map(id -> catalog.find(id).map(exercise -> points(catalog, exercise)).orElse(0))
                .toList();
    }

    /**
     * Where the outline's "Continue" link goes.
     *
     * @param kind "lesson" or "exercise", said next to the title
     * @param start true for a learner who has not opened or submitted anything yet: the link says "Start the course"
     */
    public record Resume(String href, String title, String kind, boolean start) {
    }

    /** A module of the outline, its lessons ready to show. */
    public record ModuleView(String title, List<LessonView> lessons) {

        /** Lessons of the module the learner has opened. */
        public long lessonsRead() {
            return lessons.stream().filter(LessonView::read).count();
        }

        /** Exercises of the module's lessons (each once) that earned every point. */
        public long exercisesDone() {
            return exercises().stream().filter(ExerciseLink::done).count();
        }

        /** Exercises the module's lessons name, each once even if two lessons name it. */
        public List<ExerciseLink> exercises() {
            Map<String, ExerciseLink> byId = new LinkedHashMap<>();
            lessons.forEach(lesson -> lesson.exercises().forEach(link -> byId.putIfAbsent(link.id(), link)));
            return List.copyOf(byId.values());
        }

        /** Quiz questions of the module's lessons. */
        public int quizzes() {
            return lessons.stream().mapToInt(lesson -> lesson.lesson().quizzes().size()).sum();
        }

        /** Quiz questions of the module the learner last answered right. */
        public int quizzesRight() {
            return lessons.stream().mapToInt(LessonView::quizzesRight).sum();
        }

        /** "2 of 3 lessons read, 1 of 2 exercises done, 3 of 4 quiz questions right", the module's progress. */
        public String summary() {
            String text = lessonsRead() + " of " + lessons.size() + (lessons.size() == 1 ? " lesson" : " lessons")
                    + " read";
            int exercises = exercises().size();
            if (exercises > 0) {
                text += ", " + exercisesDone() + " of " + exercises + (exercises == 1 ? " exercise" : " exercises")
                        + " done";
            }
            int quizzes = quizzes();
            if (quizzes > 0) {
                text += ", " + quizzesRight() + " of " + quizzes + (quizzes == 1 ? " quiz question" : " quiz questions")
                        + " right";
            }
            return text;
        }
    }

    /**
     * A lesson of the outline with the exercises it names.
     *
     * @param read         whether the learner has opened it
     * @param quizzesRight how many of its quizzes the learner last answered right
     */
    public record LessonView(Lesson lesson, boolean read, List<ExerciseLink> exercises, int quizzesRight) {
    }

    /**
     * A link to an exercise as lists show it.
     *
     * @param points what the exercise is worth as grading counts it; 0 while not yet counted (pages then show none)
     * @param score  the learner's best graded attempt, or null when none was graded yet
     */
    public record ExerciseLink(String id, String title, int points, ExerciseScore score) {

        /** Whether an attempt earned every point. */
        public boolean done() {
            return score != null && score.done();
        }
    }
}

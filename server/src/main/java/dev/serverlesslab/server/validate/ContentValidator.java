package dev.serverlesslab.server.validate;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.exercises.exercise.Statement;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.exercises.submission.SubmissionException;
import dev.serverlesslab.graders.Grader;
import dev.serverlesslab.graders.run.CheckTallies;
import dev.serverlesslab.graders.run.CheckTally;
import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.course.CourseLoader;
import dev.serverlesslab.lessons.course.Lesson;
import dev.serverlesslab.lessons.markdown.MarkdownRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Proves a course works, as {@code lab validate} and the project's own tests run it: the outline and lessons load
 * (quizzes included: each has a correct answer and an id of its own), every internal link resolves, every exercise a
 * lesson names exists, every exercise belongs to an existing lesson and some lesson leads to it, lessons and
 * statements use only Markdown the renderer supports, statements keep terminal commands in {@code <!-- cli -->}
 * sections, every solution passes all its checks and earns the points pages show, every starter compiles and
 * fails at least one, and every wrong solution an exercise keeps under {@code wrong/<case>/} compiles and fails at
 * least one check (so a loosened check is caught). Every problem is reported in one run.
 */
public final class ContentValidator {

    private static final Pattern HREF = Pattern.compile("href=\"(/[^\"#?]*)");
    private static final MarkdownRenderer MARKDOWN = new MarkdownRenderer();

    private final Backend backend;
    private final int parallelism;

    /** Grades up to two exercises at once, or as many as there are cores when there are more (at most four). */
    public ContentValidator(Backend backend) {
        this(backend, Math.min(4, Math.max(2, Runtime.getRuntime().availableProcessors())));
    }

    /** @param parallelism how many exercises are graded at the same time */
    public ContentValidator(Backend backend, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        this.backend = backend;
        this.parallelism = parallelism;
    }

    /** Validates {@code contentDir}; {@code progress} hears one line per finished item. */
    public List<ContentProblem> validate(Path contentDir, Consumer<String> progress) {
        return validate(contentDir, progress, id -> true);
    }

    /**
     * As {@link #validate(Path, Consumer)}, grading only the exercises whose ids {@code graded} accepts; everything
     * else about the content is checked all the same.
     */
    public List<ContentProblem> validate(Path contentDir, Consumer<String> progress,
            java.util.function.Predicate<String> graded) {
        List<ContentProblem> problems = new ArrayList<>();
        ExerciseCatalog catalog = checkContent(contentDir, progress, problems);
        Grader grader = new Grader(backend);
        CheckTallies tallies = new CheckTallies();
        List<Exercise> toGrade = catalog.all().stream().filter(exercise -> graded.test(exercise.id())).toList();
        // Exercises are graded side by side: a grading spends much of its time waiting (a function's JVM starting,
        // a check polling for an asynchronous delivery), so a second one in parallel nearly halves a course's
        // validation on two cores. Each exercise's own gradings stay in order; its problems are reported in
        // catalog order whatever finishes first.
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, toGrade.size())),
                runnable -> {
                    Thread thread = new Thread(runnable, "validate-exercise");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<List<ContentProblem>>> results = new ArrayList<>();
            for (Exercise exercise : toGrade) {
                results.add(pool.submit(() -> {
                    List<ContentProblem> found = new ArrayList<>();
                    checkExercise(grader, tallies, exercise, found);
                    synchronized (progress) {
                        progress.accept(line(found.isEmpty(), "exercise " + exercise.id()));
                    }
                    return found;
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                problems.addAll(outcome(results.get(i), toGrade.get(i)));
            }
        } finally {
            pool.shutdownNow();
            tallies.close();
        }
        return problems;
    }

    private static List<ContentProblem> outcome(Future<List<ContentProblem>> result, Exercise exercise) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(new ContentProblem("exercises/" + exercise.id(), "validation was interrupted"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return List.of(new ContentProblem("exercises/" + exercise.id(), "could not be graded: " + cause));
        }
    }

    /**
     * Everything {@link #validate} checks short of grading: the files load, links and names resolve, the Markdown
     * is what the renderer supports, web statements hold no terminal commands. Every problem is reported, not just
     * the first: a broken lesson or exercise is left out and the rest still checked.
     */
    public static List<ContentProblem> checkContent(Path contentDir, Consumer<String> progress) {
        List<ContentProblem> problems = new ArrayList<>();
        checkContent(contentDir, progress, problems);
        return problems;
    }

    private static ExerciseCatalog checkContent(Path contentDir, Consumer<String> progress,
                                                List<ContentProblem> problems) {
        ExerciseCatalog.Result exercises = ExerciseCatalog.loadReporting(contentDir);
        exercises.problems().forEach(problem -> problems.add(located(contentDir, problem)));
        ExerciseCatalog catalog = exercises.catalog();
        CourseLoader.Result loaded = CourseLoader.loadReporting(contentDir);
        loaded.problems().forEach(problem -> problems.add(new ContentProblem(
                problem.file() == null ? "lessons" : problem.file() + (problem.line() > 0 ? ":" + problem.line() : ""),
                problem.problem())));
        loaded.course().ifPresent(course -> {
            for (Lesson lesson : course.lessons()) {
                int before = problems.size();
                checkLesson(lesson, course, loaded.unreadable(), catalog, contentDir, problems);
                progress.accept(line(problems.size() == before, "lesson " + lesson.id()));
            }
            checkExercisesAreTaught(course, loaded.unreadable(), catalog, problems);
        });
        for (Exercise exercise : catalog.all()) {
            checkStatement(exercise, problems);
        }
        return catalog;
    }

    /** The statement is Markdown the renderer supports, and its web part speaks to a browser student. */
    private static void checkStatement(Exercise exercise, List<ContentProblem> problems) {
        String where = "exercises/" + exercise.id() + "/README.md";
        String statement;
        try {
            statement = exercise.statement();
        } catch (ContentException e) {
            problems.add(new ContentProblem(where, e.getMessage()));
            return;
        }
        for (ContentException unsupported : MARKDOWN.unsupported(statement)) {
            problems.add(new ContentProblem(where + ":" + unsupported.line(), unsupported.problem()));
        }
        for (String problem : Statement.problems(statement)) {
            problems.add(new ContentProblem(where, problem));
        }
    }

    /** A loader's "path:line: problem" as a problem located relative to the content folder. */
    private static ContentProblem located(Path contentDir, String message) {
        String text = message;
        for (Path prefix : List.of(contentDir.toAbsolutePath().normalize(), contentDir.normalize(), contentDir)) {
            String folder = prefix + "/";
            if (!folder.equals("/") && text.startsWith(folder)) {
                text = text.substring(folder.length());
                break;
            }
        }
        int split = text.indexOf(": ");
        return split > 0 ? new ContentProblem(text.substring(0, split), text.substring(split + 2))
                : new ContentProblem("exercises", text);
    }

    /**
     * @param unreadable lessons reported broken already: they exist, so links to them and exercises of theirs are
     *                   not reported a second time
     */
    private static void checkLesson(Lesson lesson, Course course, Set<String> unreadable, ExerciseCatalog catalog,
                                    Path contentDir, List<ContentProblem> problems) {
        String where = contentDir.relativize(lesson.file()).toString();
        for (String id : lesson.exercises()) {
            if (!exerciseExists(id, catalog, contentDir)) {
                problems.add(new ContentProblem(where, "front matter names exercise '" + id
                        + "', which has no folder content/exercises/" + id));
            }
        }
        for (String problem : MermaidCheck.problems(lesson.html())) {
            problems.add(new ContentProblem(where, problem));
        }
        try {
            for (ContentException unsupported : MARKDOWN.unsupported(Files.readString(lesson.file()))) {
                problems.add(new ContentProblem(where + ":" + unsupported.line(), unsupported.problem()));
            }
        } catch (IOException e) {
            problems.add(new ContentProblem(where, "cannot be read again to check its Markdown: " + e.getMessage()));
        }
        Matcher link = HREF.matcher(lesson.html());
        while (link.find()) {
            String target = link.group(1);
            if (!resolves(target, course, unreadable, catalog, contentDir)) {
                problems.add(new ContentProblem(where, "link to " + target + " leads nowhere: use /lessons/<id>, "
                        + "/exercises/<id> or /assets/<file> with an id or file that exists"));
            }
        }
    }

    /**
     * Every exercise belongs to a lesson that exists ({@code lesson:} in exercise.yml), and some lesson leads to it,
     * by front matter {@code exercises:} or a link: an exercise nobody links to is one no learner finds.
     */
    private static void checkExercisesAreTaught(Course course, Set<String> unreadable, ExerciseCatalog catalog,
                                                List<ContentProblem> problems) {
        for (Exercise exercise : catalog.all()) {
            String where = "exercises/" + exercise.id() + "/exercise.yml";
            if (unreadable.contains(exercise.lesson())) {
                // Its lesson is broken and reported; whether it leads here is known once it reads.
                continue;
            }
            if (course.lesson(exercise.lesson()).isEmpty()) {
                problems.add(new ContentProblem(where, "names lesson '" + exercise.lesson() + "', which course.yml "
                        + "does not list; use the id of a lesson, e.g. " + course.lessons().stream().findFirst()
                        .map(Lesson::id).orElse("01-intro")));
            }
            boolean linked = !unreadable.isEmpty() || course.lessons().stream().anyMatch(lesson -> lesson.exercises().contains(exercise.id())
                    || lesson.html().contains("href=\"/exercises/" + exercise.id() + "\""));
            if (!linked) {
                problems.add(new ContentProblem(where, "no lesson leads to this exercise: add '" + exercise.id()
                        + "' to the 'exercises:' front matter of lesson '" + exercise.lesson() + "'"));
            }
        }
    }

    private static boolean resolves(String target, Course course, Set<String> unreadable, ExerciseCatalog catalog,
                                    Path contentDir) {
        if (target.equals("/")) {
            return true;
        }
        if (target.startsWith("/lessons/")) {
            String id = target.substring("/lessons/".length());
            return course.lesson(id).isPresent() || unreadable.contains(id);
        }
        if (target.startsWith("/exercises/")) {
            return exerciseExists(target.substring("/exercises/".length()), catalog, contentDir);
        }
        if (target.startsWith("/assets/")) {
            Path assets = contentDir.resolve("assets").normalize();
            Path file = assets.resolve(target.substring("/assets/".length())).normalize();
            return file.startsWith(assets) && Files.isRegularFile(file);
        }
        return false;
    }

    /** Loaded, or a folder with an exercise.yml whose problem is reported already. */
    private static boolean exerciseExists(String id, ExerciseCatalog catalog, Path contentDir) {
        return catalog.find(id).isPresent() || (!id.contains("/") && !id.contains("..")
                && Files.isRegularFile(contentDir.resolve("exercises").resolve(id).resolve("exercise.yml")));
    }

    private static void checkExercise(Grader grader, CheckTallies tallies, Exercise exercise,
                                      List<ContentProblem> problems) {
        String where = "exercises/" + exercise.id();
        GradingReport solution = grade(grader, exercise, exercise.solutionDir(), where + "/solution", problems);
        if (solution != null && solution.status() != Status.PASSED) {
            problems.add(new ContentProblem(where + "/solution", "must pass every check, but: " + solution.summary()
                    + failures(solution)));
        }
        int shown = tallies.of(exercise).map(CheckTally::points).orElse(-1);
        if (solution != null && solution.diagnostics().isEmpty() && solution.maxScore() != shown) {
            // Pages show the checks counted without running them; learners are graded out of what a run reports.
            problems.add(new ContentProblem(where + "/checks", "pages show " + (shown < 0 ? "no" : shown)
                    + " points but the checks are graded out of " + solution.maxScore() + ": a check class that "
                    + "cannot start without a grading (a @BeforeAll or constructor taking the function, a "
                    + "@TestFactory needing it) hides the checks it makes from the count; make them without it"));
        }
        GradingReport starter = grade(grader, exercise, exercise.starterDir(), where + "/starter", problems);
        if (starter != null) {
            if (!starter.diagnostics().isEmpty()) {
                problems.add(new ContentProblem(where + "/starter", "must compile, but: " + starter.diagnostics()));
            } else if (starter.status() == Status.PASSED) {
                problems.add(new ContentProblem(where + "/starter",
                        "passes every check: a starter must fail at least one, or students have nothing to do"));
            } else if (starter.status() == Status.ERROR) {
                problems.add(new ContentProblem(where + "/starter", "could not be graded: " + starter.summary()));
            }
        }
        for (Path wrong : wrongSolutions(exercise)) {
            String at = where + "/wrong/" + wrong.getFileName();
            GradingReport report = grade(grader, exercise, wrong, at, problems);
            if (report == null) {
                continue;
            }
            if (!report.diagnostics().isEmpty()) {
                problems.add(new ContentProblem(at, "must compile, so that the checks are what rejects it, but: "
                        + report.diagnostics()));
            } else if (report.status() == Status.PASSED) {
                problems.add(new ContentProblem(at, "passes every check, but it is a wrong solution: tighten the "
                        + "checks until one fails it" + readme(wrong)));
            } else if (report.status() == Status.ERROR) {
                problems.add(new ContentProblem(at, "could not be graded: " + report.summary()));
            }
        }
    }

    /** The exercise's {@code wrong/<case>/} folders, in name order; none when it keeps no wrong solutions. */
    static List<Path> wrongSolutions(Exercise exercise) {
        Path wrong = exercise.directory().resolve("wrong");
        if (!Files.isDirectory(wrong)) {
            return List.of();
        }
        try (var cases = Files.list(wrong)) {
            return cases.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + wrong, e);
        }
    }

    /** What the case's WHY.md says it gets wrong, for the message. */
    private static String readme(Path wrong) {
        Path why = wrong.resolve("WHY.md");
        try {
            return Files.isRegularFile(why) ? " (" + Files.readString(why).strip().lines().findFirst().orElse("")
                    + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static GradingReport grade(Grader grader, Exercise exercise, Path dir, String where,
                                       List<ContentProblem> problems) {
        try {
            return grader.grade(exercise, Submission.fromDirectory(dir), GradingListener.NONE);
        } catch (SubmissionException e) {
            problems.add(new ContentProblem(where, e.getMessage()));
            return null;
        }
    }

    private static String failures(GradingReport report) {
        StringBuilder text = new StringBuilder();
        report.diagnostics().forEach(d -> text.append("\n    ").append(d));
        report.checks().stream().filter(c -> c.status() != Status.PASSED)
                .forEach(c -> text.append("\n    ").append(c.name()).append(": ").append(c.message()));
        return text.toString();
    }

    private static String line(boolean ok, String what) {
        return (ok ? "  ok   " : "  FAIL ") + what;
    }
}

package dev.serverlesslab.server.dashboard;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.lessons.course.Course;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The instructor dashboard's pages: the class matrix, one exercise's check pass rates and attempts, one timeline. */
public final class DashboardPages {

    /** Attempts an exercise page lists; attempts.csv holds them all. */
    static final int ATTEMPTS_SHOWN = 500;

    private final Supplier<Course> course;
    private final Supplier<ExerciseCatalog> catalog;
    private final ClassRecords records;

    public DashboardPages(Supplier<Course> course, Supplier<ExerciseCatalog> catalog, ClassRecords records) {
        this.course = course;
        this.catalog = catalog;
        this.records = records;
    }

    /** {@code GET /dashboard}: every student × every exercise, optionally one cohort's ({@code ?cohort=}). */
    public void matrix(Context ctx) {
        StaffOnly.require(ctx);
        CohortFilter filter = CohortFilter.of(ctx, records);
        ClassMatrix matrix = ClassMatrix.of(course.get(), catalog.get(), filter.cohort(), records.students(filter.id()),
                records.tallies());
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Class dashboard");
        model.put("matrix", matrix);
        model.put("cohorts", records.cohorts());
        model.put("filter", filter);
        ctx.render("dashboard/matrix", model);
    }

    /** {@code GET /dashboard/exercises/{exerciseId}}: which checks the class fails most, and every attempt. */
    public void exercise(Context ctx) {
        StaffOnly.require(ctx);
        CohortFilter filter = CohortFilter.of(ctx, records);
        String id = ctx.pathParam("exerciseId");
        List<ClassRecords.AttemptRow> attempts = records.attempts(true, filter.id(), id, null, ATTEMPTS_SHOWN);
        Exercise exercise = catalog.get().find(id).orElse(null);
        if (exercise == null && attempts.isEmpty()) {
            throw new NotFoundResponse("There is no exercise '" + id + "' in this course, and no submission of one. "
                    + "The dashboard's columns link to every exercise.");
        }
        Set<Long> students = records.students(filter.id()).stream().map(ClassRecords.Learner::learnerId)
                .collect(Collectors.toSet());
        List<GradingReport> latest = records.latestReports(id).entrySet().stream()
                .filter(entry -> students.contains(entry.getKey())).map(Map.Entry::getValue).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("title", (exercise == null ? id : exercise.title()) + " · Class dashboard");
        model.put("exerciseId", id);
        model.put("exerciseTitle", exercise == null ? id + " (no longer in the course)" : exercise.title());
        model.put("rates", CheckPassRates.of(latest));
        model.put("attempts", attempts);
        model.put("attemptsCut", attempts.size() == ATTEMPTS_SHOWN);
        model.put("attemptsShown", ATTEMPTS_SHOWN);
        model.put("filter", filter);
        ctx.render("dashboard/exercise", model);
    }

    /** {@code GET /dashboard/learners/{learnerId}}: one learner's attempts at every exercise, newest first. */
    public void learner(Context ctx) {
        StaffOnly.require(ctx);
        String raw = ctx.pathParam("learnerId");
        ClassRecords.Learner learner = parseId(raw).flatMap(records::learner).orElseThrow(() -> new NotFoundResponse(
                "There is no learner '" + raw + "'. The class dashboard links to every student's timeline."));
        // ?exercise= narrows the timeline to one exercise, as the matrix's cells link to it.
        String exercise = ctx.queryParam("exercise");
        String exerciseFilter = exercise == null || exercise.isBlank() ? null : exercise;
        Map<String, Object> model = new HashMap<>();
        model.put("title", learner.displayName() + " · Class dashboard");
        model.put("learner", learner);
        model.put("exerciseFilter", exerciseFilter);
        model.put("attempts", records.attempts(false, null, exerciseFilter, learner.learnerId(), 0));
        model.put("titles", catalog.get().all().stream().collect(Collectors.toMap(Exercise::id, Exercise::title)));
        ctx.render("dashboard/learner", model);
    }

    private static java.util.Optional<Long> parseId(String raw) {
        try {
            return java.util.Optional.of(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}

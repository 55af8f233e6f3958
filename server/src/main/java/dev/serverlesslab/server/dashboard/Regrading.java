package dev.serverlesslab.server.dashboard;

import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.submission.GradingQueue;
import dev.serverlesslab.server.submission.StoredSubmission;
import dev.serverlesslab.server.submission.SubmissionStore;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-grading after a check changed: one submission, or an exercise's submissions, go back to the grading queue with
 * their old report kept until the new one replaces it. Each is queued under its own learner's fairness key, so a
 * re-grade of a whole class takes turns with new submissions instead of blocking them.
 *
 * <p>For an exercise the default is each learner's latest submission ({@code scope=latest}): it is the work the
 * learner stands by, and it puts at most one re-grade in each learner's lane, ahead of their next run. {@code
 * scope=all} re-grades every submission, so every best score comes from the new checks, at the cost of as many
 * gradings as there are submissions. A submission still waiting or being graded is left as it is: it will be graded
 * with the current checks anyway.
 */
public final class Regrading {

    private static final Logger LOG = LoggerFactory.getLogger(Regrading.class);

    private final Supplier<ExerciseCatalog> catalog;
    private final SubmissionStore store;
    private final ClassRecords records;
    private final GradingQueue queue;

    public Regrading(Supplier<ExerciseCatalog> catalog, SubmissionStore store, ClassRecords records, GradingQueue queue) {
        this.catalog = catalog;
        this.store = store;
        this.records = records;
        this.queue = queue;
    }

    /** {@code POST /dashboard/submissions/{submissionId}/regrade}. */
    public void submission(Context ctx) {
        Viewer staff = StaffOnly.require(ctx);
        String id = ctx.pathParam("submissionId");
        StoredSubmission submission = store.find(id).orElseThrow(() -> new NotFoundResponse(
                "There is no submission '" + id + "' to re-grade. The dashboard lists every submission."));
        boolean queued = requeue(submission.id(), submission.learnerId());
        LOG.info("{} asked to re-grade submission {}: {}", staff.handle(), id, queued ? "queued" : "already pending");
        confirm(ctx, "/submissions/" + id, "Back to the submission", queued ? 1 : 0, queued ? 0 : 1,
                "submission " + id);
    }

    /** {@code POST /dashboard/exercises/{exerciseId}/regrade}, with {@code scope=latest} (default) or {@code all}. */
    public void exercise(Context ctx) {
        Viewer staff = StaffOnly.require(ctx);
        CohortFilter filter = CohortFilter.of(ctx, records);
        String exerciseId = ctx.pathParam("exerciseId");
        if (catalog.get().find(exerciseId).isEmpty()) {
            throw new NotFoundResponse("There is no exercise '" + exerciseId + "' in this course to grade against: "
                    + "re-grading needs its checks in the content folder.");
        }
        String scope = ctx.formParam("scope");
        boolean latestOnly;
        if (scope == null || scope.isBlank() || scope.equals("latest")) {
            latestOnly = true;
        } else if (scope.equals("all")) {
            latestOnly = false;
        } else {
            throw new BadRequestResponse("Re-grade scope '" + scope + "' is not one there is: use 'latest' (each "
                    + "learner's latest submission) or 'all' (every submission of the exercise).");
        }
        List<ClassRecords.Owned> chosen = records.submissionsOf(exerciseId, latestOnly);
        if (filter.id() != null) {
            Set<Long> cohort = records.students(filter.id()).stream().map(ClassRecords.Learner::learnerId)
                    .collect(Collectors.toSet());
            chosen = chosen.stream().filter(owned -> cohort.contains(owned.learnerId())).toList();
        }
        int queued = 0;
        for (ClassRecords.Owned owned : chosen) {
            if (requeue(owned.id(), owned.learnerId())) {
                queued++;
            }
        }
        LOG.info("{} asked to re-grade {} submissions of {} ({}{}): {} queued", staff.handle(),
                latestOnly ? "the latest" : "all", exerciseId, filter.cohort() == null ? "whole class" : "cohort ",
                filter.cohort() == null ? "" : filter.cohort().name(), queued);
        confirm(ctx, "/dashboard/exercises/" + exerciseId + filter.query(), "Back to the exercise", queued,
                chosen.size() - queued, (latestOnly ? "the latest submission of each learner" : "every submission")
                        + " of " + exerciseId + (filter.cohort() == null ? "" : " in " + filter.cohort().name()));
    }

    /** Queues one finished submission again; false when it is still waiting or being graded. */
    private boolean requeue(String id, long learnerId) {
        // A submission the queue still holds is graded with the current checks anyway; asking the queue first also
        // keeps a grading that is just finishing from being queued twice.
        if (queue.isPending(id) || !store.requeue(id)) {
            return false;
        }
        queue.enqueue(id, Viewer.fairnessKey(learnerId));
        return true;
    }

    private static void confirm(Context ctx, String back, String backText, int queued, int pending, String what) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Re-grading queued");
        model.put("queued", queued);
        model.put("pending", pending);
        model.put("what", what);
        model.put("back", back);
        model.put("backText", backText);
        ctx.render("dashboard/regraded", model);
    }
}

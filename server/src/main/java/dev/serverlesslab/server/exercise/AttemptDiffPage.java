package dev.serverlesslab.server.exercise;

import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.progress.Attempt;
import dev.serverlesslab.server.progress.AttemptDiff;
import dev.serverlesslab.server.progress.ProgressStore;
import dev.serverlesslab.server.submission.StoredSubmission;
import dev.serverlesslab.server.submission.SubmissionStore;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /submissions/{submissionId}/diff[?against=<otherId>]}: what changed in an attempt since the learner's
 * attempt before it at the same exercise, or since another attempt they pick, as a unified line diff per file. Both
 * attempts must be the viewer's to read; anyone else's answers 404 exactly like an unknown id.
 */
final class AttemptDiffPage {

    /** How many of the learner's attempts the "compare with" choice offers. */
    private static final int CHOICES = 50;

    private final Supplier<ExerciseCatalog> catalog;
    private final SubmissionStore store;
    private final ProgressStore progress;

    AttemptDiffPage(Supplier<ExerciseCatalog> catalog, SubmissionStore store, ProgressStore progress) {
        this.catalog = catalog;
        this.store = store;
        this.progress = progress;
    }

    void show(Context ctx) {
        Viewer viewer = Viewer.of(ctx);
        String id = ctx.pathParam("submissionId");
        StoredSubmission later = readable(viewer, id, "There is no submission '" + id + "' of yours. Your "
                + "submissions are listed on their exercise's page.");
        String against = ctx.queryParam("against");
        StoredSubmission earlier;
        if (against == null || against.isBlank()) {
            earlier = progress.previousAttempt(later.learnerId(), later.exerciseId(), later.id())
                    .flatMap(store::find)
                    .orElse(null);
        } else {
            earlier = readable(viewer, against, "There is no submission '" + against + "' of yours to compare "
                    + "with. Pick one of your attempts at this exercise, or leave out ?against= to compare with the "
                    + "attempt before.");
            if (!earlier.exerciseId().equals(later.exerciseId())) {
                throw new BadRequestResponse("Submission '" + against + "' is an attempt at exercise '"
                        + earlier.exerciseId() + "', not '" + later.exerciseId() + "': only attempts at the same "
                        + "exercise can be compared. Pick one from the list on the comparison page.");
            }
        }

        Map<String, Object> model = new HashMap<>();
        model.put("title", "Changes in submission " + later.id());
        model.put("exerciseId", later.exerciseId());
        model.put("exercise", catalog.get().find(later.exerciseId()).orElse(null));
        model.put("later", attempt(later));
        model.put("earlier", earlier == null ? null : attempt(earlier));
        model.put("diff", earlier == null ? null
                : AttemptDiff.between(store.sources(earlier.id()).files(), store.sources(later.id()).files()));
        List<Attempt> choices = progress.history(later.learnerId(), later.exerciseId(), CHOICES).stream()
                .filter(attempt -> !attempt.id().equals(later.id()))
                .toList();
        model.put("choices", choices);
        ctx.render("exercise/diff", model);
    }

    private StoredSubmission readable(Viewer viewer, String id, String notFound) {
        return store.find(id).filter(found -> viewer.mayRead(found.learnerId()))
                .orElseThrow(() -> new NotFoundResponse(notFound));
    }

    private Attempt attempt(StoredSubmission submission) {
        return progress.attempt(submission.id()).orElseThrow(() -> new NotFoundResponse(
                "There is no submission '" + submission.id() + "' any more."));
    }
}

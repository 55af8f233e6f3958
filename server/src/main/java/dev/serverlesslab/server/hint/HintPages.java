package dev.serverlesslab.server.hint;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseAids.SolutionReveal;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.progress.ExerciseScore;
import dev.serverlesslab.server.progress.ProgressStore;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.HashMap;
import java.util.function.Supplier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hints opened one level at a time ({@code POST /exercises/{exerciseId}/hints/next}) and the reference solution
 * ({@code GET /exercises/{exerciseId}/solution}), served only when the exercise's {@code solution:} rule allows it for
 * the viewer. Both work as plain forms and links; {@code hints.js} asks for JSON to open a level in place.
 */
public final class HintPages {

    /** Read per request: under live reload the course's exercises change while the server runs. */
    private final Supplier<ExerciseCatalog> catalog;
    private final HintStore hints;
    private final ProgressStore progress;

    public HintPages(ExerciseCatalog catalog, HintStore hints, ProgressStore progress) {
        this(() -> catalog, hints, progress);
    }

    public HintPages(Supplier<ExerciseCatalog> catalog, HintStore hints, ProgressStore progress) {
        this.catalog = catalog;
        this.hints = hints;
        this.progress = progress;
    }

    /** What the exercise page's hint and solution fragment shows the viewer. */
    public Map<String, Object> model(Viewer viewer, Exercise exercise) {
        List<String> levels = exercise.aids().hints();
        int opened = Math.min(levels.size(), hints.opened(viewer.learnerId(), exercise.id(), HintStore.EXERCISE_HINTS));
        Map<String, Object> model = new HashMap<>();
        model.put("hintLevels", levels.size());
        model.put("hintsOpen", levels.subList(0, opened));
        model.put("solutionAllowed", solutionAllowed(viewer, exercise));
        model.put("solutionRule", ruleText(exercise.aids().solution()));
        return model;
    }

    /** Opens the next hint level; JSON for {@code hints.js}, else back to the page's hints. */
    public void next(Context ctx) {
        Exercise exercise = exercise(ctx);
        Viewer viewer = Viewer.of(ctx);
        List<String> levels = exercise.aids().hints();
        if (levels.isEmpty()) {
            throw new NotFoundResponse("The exercise '" + exercise.id() + "' has no hints.");
        }
        int opened = hints.openNext(viewer.learnerId(), exercise.id(), HintStore.EXERCISE_HINTS, levels.size());
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("application/json")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("opened", opened);
            body.put("levels", levels.size());
            body.put("hints", levels.subList(0, opened));
            ctx.json(body);
        } else {
            ctx.redirect("/exercises/" + exercise.id() + "#hints", HttpStatus.SEE_OTHER);
        }
    }

    /** The reference solution, read-only, when the rule allows it; a 403 that says when it will be otherwise. */
    public void solution(Context ctx) {
        Exercise exercise = exercise(ctx);
        Viewer viewer = Viewer.of(ctx);
        if (!solutionAllowed(viewer, exercise)) {
            throw new ForbiddenResponse("The reference solution of this exercise is not open to you yet: "
                    + ruleText(exercise.aids().solution()) + ".");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Reference solution: " + exercise.title());
        model.put("exercise", exercise);
        model.put("files", Submission.fromDirectory(exercise.solutionDir()).files());
        ctx.render("exercise/solution", model);
    }

    private boolean solutionAllowed(Viewer viewer, Exercise exercise) {
        SolutionReveal rule = exercise.aids().solution();
        if (rule.rule() == SolutionReveal.Rule.NEVER) {
            return false;
        }
        ExerciseScore score = progress.scores(viewer.learnerId()).get(exercise.id());
        return score != null && rule.allows(score.attempts(), score.done());
    }

    private static String ruleText(SolutionReveal rule) {
        return switch (rule.rule()) {
            case NEVER -> "this exercise never shows it";
            case AFTER_PASSING -> "it opens once you pass every check";
            case AFTER_ATTEMPTS -> "it opens once you pass every check or after " + rule.attempts()
                    + " graded attempts";
        };
    }

    private Exercise exercise(Context ctx) {
        String id = ctx.pathParam("exerciseId");
        return catalog.get().find(id).orElseThrow(() -> new NotFoundResponse("There is no exercise '" + id + "'."));
    }
}

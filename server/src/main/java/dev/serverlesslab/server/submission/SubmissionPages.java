package dev.serverlesslab.server.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.server.account.Viewer;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;

/** Taking a submission from the editor, and the pages and JSON that follow its grading. */
public final class SubmissionPages {

    private final Supplier<ExerciseCatalog> catalog;
    private final SubmissionStore store;
    private final GradingQueue queue;
    private final SubmissionLimits limits;
    private final ObjectMapper json = new ObjectMapper();

    public SubmissionPages(ExerciseCatalog catalog, SubmissionStore store, GradingQueue queue, SubmissionLimits limits) {
        this(() -> catalog, store, queue, limits);
    }

    /** Pages that submit to whatever the course's exercises are at the time (they change under live reload). */
    public SubmissionPages(Supplier<ExerciseCatalog> catalog, SubmissionStore store, GradingQueue queue,
                           SubmissionLimits limits) {
        this.catalog = catalog;
        this.store = store;
        this.queue = queue;
        this.limits = limits;
    }

    /** {@code POST /exercises/{exerciseId}/submissions}: validate, store, queue, then send the browser to the result. */
    public void create(Context ctx) {
        // Counted before anything is read, so a flood of broken requests is limited too.
        Viewer viewer = Viewer.of(ctx);
        SubmissionLimits.Decision decision = limits.admit(viewer.fairnessKey());
        SubmissionLimits.Admission admission = decision.admission().orElseThrow(() -> {
            ctx.header(Header.RETRY_AFTER, String.valueOf(Math.max(1, decision.retryAfter().toSeconds())));
            return new HttpResponseException(HttpStatus.TOO_MANY_REQUESTS.getCode(), decision.message());
        });
        Exercise exercise = exercise(ctx.pathParam("exerciseId"));
        Submission submission = Submission.of(SubmissionForm.files(ctx));
        StoredSubmission stored = store.create(viewer.learnerId(), exercise.id(), submission);
        admission.submitted(stored.id());
        // The same learner key the limits count by, so one learner's runs queue behind each other, not the class.
        queue.enqueue(stored.id(), viewer.fairnessKey());
        ctx.redirect("/submissions/" + stored.id(), HttpStatus.SEE_OTHER);
    }

    /** {@code GET /submissions/{submissionId}}: live progress while it is graded, then the full result. */
    public void show(Context ctx) {
        StoredSubmission submission = submission(ctx);
        GradingReport report = submission.state() == SubmissionState.DONE ? store.report(submission.id()).orElse(null) : null;
        Viewer viewer = Viewer.of(ctx);
        boolean staff = viewer.role().isStaff();
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Submission " + submission.id());
        model.put("submission", submission);
        model.put("own", submission.learnerId() == viewer.learnerId());
        model.put("exercise", catalog.get().find(submission.exerciseId()).orElse(null));
        model.put("status", status(submission));
        // Hidden checks keep their details from students; staff see the full report, and the code it graded.
        model.put("report", report == null ? null : staff ? report : report.forStudents());
        model.put("staff", staff);
        if (staff) {
            model.put("sources", store.sources(submission.id()).files());
        }
        model.put("refresh", !submission.state().finished());
        ctx.render("submission/result", model);
    }

    /** {@code GET /submissions/{submissionId}/status.json}: what the result page polls while it waits. */
    public void status(Context ctx) {
        StatusView status = status(submission(ctx));
        try {
            ctx.header("Cache-Control", "no-store")
                    .contentType("application/json; charset=utf-8")
                    .result(json.writeValueAsString(status));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StatusView status(StoredSubmission submission) {
        StatusView.Lines lines = switch (submission.state()) {
            case DONE -> store.report(submission.id()).map(StatusView::lines).orElseGet(StatusView::noLines);
            case QUEUED, RUNNING -> queue.progress(submission.id()).orElseGet(StatusView::noLines);
            case FAILED -> StatusView.noLines();
        };
        Integer ahead = submission.state() == SubmissionState.QUEUED ? boxed(queue.ahead(submission.id())) : null;
        return StatusView.of(submission, lines, ahead);
    }

    private static Integer boxed(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    private Exercise exercise(String id) {
        return catalog.get().find(id).orElseThrow(() -> new NotFoundResponse(
                "There is no exercise '" + id + "' to submit to. The course outline lists every exercise."));
    }

    /**
     * The submission the path names, if the viewer may read it. Someone else's answers exactly as a missing one does,
     * so the response does not tell whether an id exists.
     */
    private StoredSubmission submission(Context ctx) {
        String id = ctx.pathParam("submissionId");
        Viewer viewer = Viewer.of(ctx);
        return store.find(id).filter(found -> viewer.mayRead(found.learnerId())).orElseThrow(() -> new NotFoundResponse(
                "There is no submission '" + id + "' of yours. Your submissions are listed on their exercise's page."));
    }
}

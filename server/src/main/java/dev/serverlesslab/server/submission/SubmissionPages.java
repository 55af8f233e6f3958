package dev.serverlesslab.server.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.system.ThymeleafRenderer;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.sse.SseHandler;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/** Taking a submission from the editor, and the pages and JSON that follow its grading. */
public final class SubmissionPages {

    private final Supplier<ExerciseCatalog> catalog;
    private final SubmissionStore store;
    private final GradingQueue queue;
    private final SubmissionLimits limits;
    private final NextStep next;
    private final ThymeleafRenderer renderer;
    private final SubmissionEvents events;
    private final CheckHints checkHints;
    private final ObjectMapper json = new ObjectMapper();

    /** Pages without a course to lead on to (no "Next" link) and with their own event streams and renderer. */
    public SubmissionPages(ExerciseCatalog catalog, SubmissionStore store, GradingQueue queue, SubmissionLimits limits) {
        this(() -> catalog, store, queue, limits, null, new ThymeleafRenderer(), new SubmissionEvents());
    }

    /** Pages for a fixed set of exercises, with a "Next" link, a renderer and event streams of their own. */
    public SubmissionPages(ExerciseCatalog catalog, SubmissionStore store, GradingQueue queue, SubmissionLimits limits,
                           NextStep next, ThymeleafRenderer renderer, SubmissionEvents events) {
        this(() -> catalog, store, queue, limits, next, renderer, events);
    }

    /**
     * Pages that submit to whatever the course's exercises are at the time (they change under live reload).
     *
     * @param next     where a passed exercise leads, or null for no link
     * @param renderer renders the report fragment the results panel shows (the app's own renderer)
     * @param events   the event streams of open pages
     */
    public SubmissionPages(Supplier<ExerciseCatalog> catalog, SubmissionStore store, GradingQueue queue,
                           SubmissionLimits limits, NextStep next, ThymeleafRenderer renderer, SubmissionEvents events) {
        this(catalog, store, queue, limits, next, renderer, events, null);
    }

    /**
     * Pages whose reports open failed checks' hints level by level.
     *
     * @param checkHints what each viewer has opened of each check's hints, or null to show a failed check's first
     *                   level as it is (pages without a hint store, e.g. the load bench)
     */
    public SubmissionPages(Supplier<ExerciseCatalog> catalog, SubmissionStore store, GradingQueue queue,
                           SubmissionLimits limits, NextStep next, ThymeleafRenderer renderer, SubmissionEvents events,
                           CheckHints checkHints) {
        this.checkHints = checkHints;
        this.catalog = catalog;
        this.store = store;
        this.queue = queue;
        this.limits = limits;
        this.next = next;
        this.renderer = renderer;
        this.events = events;
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
        // Read-only files are graded as the starter has them; files the exercise does not take are refused.
        Submission submission = exercise.files().enforce(Submission.of(SubmissionForm.files(ctx)),
                Submission.fromDirectory(exercise.starterDir()));
        StoredSubmission stored = store.create(viewer.learnerId(), exercise.id(), submission);
        admission.submitted(stored.id());
        // The same learner key the limits count by, so one learner's runs queue behind each other, not the class.
        queue.enqueue(stored.id(), viewer.fairnessKey());
        if (wantsJson(ctx)) {
            // The exercise page's script: it stays on the page and follows the grading from these addresses.
            String base = "/submissions/" + stored.id();
            ctx.status(HttpStatus.ACCEPTED).header(Header.LOCATION, base);
            writeJson(ctx, Map.of("id", stored.id(), "statusUrl", base + "/status.json", "eventsUrl",
                    base + "/events", "resultUrl", base));
            return;
        }
        ctx.redirect("/submissions/" + stored.id(), HttpStatus.SEE_OTHER);
    }

    /**
     * {@code GET /submissions/{submissionId}/events}: the grading as server-sent events ({@link SubmissionEvents}),
     * ending with {@code done}. Checked before the stream opens, so someone else's id answers the same 404 as an
     * unknown one (once a stream is open, its status is already 200).
     */
    public void events(Context ctx) throws Exception {
        String id = submission(ctx).id();
        Viewer viewer = Viewer.of(ctx);
        String accept = ctx.header(Header.ACCEPT);
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new HttpResponseException(HttpStatus.NOT_ACCEPTABLE.getCode(), "This address sends server-sent "
                    + "events: ask with Accept: text/event-stream (EventSource does), or poll /submissions/" + id
                    + "/status.json instead.");
        }
        new SseHandler(client -> events.follow(client,
                () -> status(store.find(id).orElseThrow()),
                done -> result(store.find(id).orElseThrow(), viewer))).handle(ctx);
    }

    /** {@code GET /submissions/{submissionId}}: live progress while it is graded, then the full result. */
    public void show(Context ctx) {
        StoredSubmission submission = submission(ctx);
        if (wantsJson(ctx)) {
            writeJson(ctx, result(submission, Viewer.of(ctx)));
            return;
        }
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
        model.put("report", report == null ? null : shown(submission, report, viewer, model));
        model.put("reportRows", report == null ? List.of() : ResultView.reportRows(report));
        model.put("staff", staff);
        if (staff) {
            model.put("sources", store.sources(submission.id()).files());
        }
        model.put("refresh", !submission.state().finished());
        model.put("next", report != null && report.status() == Status.PASSED
                && next != null ? next.after(submission.exerciseId()) : null);
        ctx.render("submission/result", model);
    }

    /**
     * The submission as the results panel shows it: the report the viewer may see (students: hidden checks
     * redacted, as on the result page), rendered by the result page's own fragment, with the lines to mark.
     */
    private ResultView result(StoredSubmission submission, Viewer viewer) {
        GradingReport full = submission.state() == SubmissionState.DONE ? store.report(submission.id()).orElse(null)
                : null;
        if (full == null) {
            return ResultView.of(submission, null, Set.of(), null, null);
        }
        Map<String, Object> model = new HashMap<>();
        GradingReport report = shown(submission, full, viewer, model);
        Set<String> files = store.sources(submission.id()).files().keySet();
        NextStep.Link link = next == null ? null : next.after(submission.exerciseId());
        model.put("report", report);
        model.put("reportRows", ResultView.reportRows(report));
        model.put("staff", viewer.role().isStaff());
        model.put("next", report.status() == Status.PASSED ? link : null);
        return ResultView.of(submission, report, files, link, renderer.render("submission/_report", model));
    }

    /** {@code POST /submissions/{submissionId}/checks/{check}/hints/next}: see {@link CheckHints#next}. */
    public void openCheckHint(Context ctx) {
        if (checkHints == null) {
            throw new NotFoundResponse("Hints of checks are not kept by this server.");
        }
        checkHints.next(ctx);
    }

    /**
     * The report the viewer may read (students: hidden checks redacted, and of hints only the levels they opened),
     * putting each check's hint view in the model as {@code checkHints} when hints open level by level.
     */
    private GradingReport shown(StoredSubmission submission, GradingReport full, Viewer viewer,
                                Map<String, Object> model) {
        if (checkHints == null) {
            return viewer.role().isStaff() ? full : full.forStudents();
        }
        CheckHints.Shown shown = checkHints.show(submission, full, viewer);
        model.put("checkHints", shown.views());
        return shown.report();
    }

    private static boolean wantsJson(Context ctx) {
        String accept = ctx.header(Header.ACCEPT);
        return accept != null && accept.contains("application/json");
    }

    private void writeJson(Context ctx, Object value) {
        try {
            ctx.header("Cache-Control", "no-store")
                    .contentType("application/json; charset=utf-8")
                    .result(json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET /submissions/{submissionId}/status.json}: what the result page polls while it waits. */
    public void status(Context ctx) {
        writeJson(ctx, status(submission(ctx)));
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

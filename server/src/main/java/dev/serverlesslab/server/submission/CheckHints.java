package dev.serverlesslab.server.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.hint.HintStore;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failed check's {@code @Hint} levels, opened one at a time by the learner whose submission it is
 * ({@code POST /submissions/{submissionId}/checks/{check}/hints/next}, {@code check} counting the report's checks
 * from 1) and kept in {@code hints_opened} per exercise and check name, so they stay open on reload and in later
 * submissions. Students' reports carry only the levels they opened; hidden checks carry none.
 */
public final class CheckHints {

    private final SubmissionStore store;
    private final HintStore hints;
    private final ObjectMapper json = new ObjectMapper();

    public CheckHints(SubmissionStore store, HintStore hints) {
        this.store = store;
        this.hints = hints;
    }

    /**
     * One check's hints as a page shows them.
     *
     * @param levels        how many levels the check has (0: nothing to show)
     * @param shown         the levels on the page, in order: those opened, or every one for staff reading a learner's
     *                      submission
     * @param action        where the next level is opened, or null when the viewer may not open it
     * @param learnerOpened for staff reading a learner's submission, how many levels that learner opened; else -1
     */
    public record View(int levels, List<String> shown, String action, int learnerOpened) {

        static final View NONE = new View(0, List.of(), null, -1);

        /** Whether a "Show hint n of N" button belongs here. */
        public boolean more() {
            return action != null && shown.size() < levels;
        }

        /** The level the button opens. */
        public int next() {
            return shown.size() + 1;
        }
    }

    /**
     * The report a viewer may read and a view per check, in the report's order.
     *
     * @param report the owner's with only opened levels kept (and, for students, hidden checks redacted); staff
     *               reading a learner's: the full report
     */
    record Shown(GradingReport report, List<View> views) {
    }

    Shown show(StoredSubmission submission, GradingReport full, Viewer viewer) {
        boolean own = submission.learnerId() == viewer.learnerId();
        if (viewer.role().isStaff() && !own) {
            // Staff read the full report, every level of every check, and how far the learner went.
            List<View> views = full.checks().stream().map(check -> check.status() == Status.PASSED
                    || check.hintLevels().isEmpty() ? View.NONE : new View(check.hintLevels().size(),
                    check.hintLevels(), null, check.hidden() ? 0 : opened(submission, check))).toList();
            return new Shown(full, views);
        }
        // Staff trying an exercise themselves still see hidden checks in full, but open hints as a learner does.
        GradingReport students = viewer.role().isStaff() ? full : full.forStudents();
        List<View> views = new ArrayList<>();
        List<CheckResult> shownChecks = new ArrayList<>();
        for (int i = 0; i < students.checks().size(); i++) {
            CheckResult check = students.checks().get(i);
            List<String> levels = hintsOf(check);
            List<String> opened = levels.isEmpty() ? List.of()
                    : List.copyOf(levels.subList(0, Math.min(levels.size(), opened(submission, check))));
            views.add(levels.isEmpty() ? View.NONE
                    : new View(levels.size(), opened, action(submission.id(), i + 1), -1));
            shownChecks.add(check.withHintLevels(opened));
        }
        GradingReport report = new GradingReport(students.exerciseId(), students.status(), students.summary(),
                students.stages(), shownChecks, students.diagnostics(), students.functionLog(), students.reportLines(),
                students.millis());
        return new Shown(report, views);
    }

    private int opened(StoredSubmission submission, CheckResult check) {
        return hints.opened(submission.learnerId(), submission.exerciseId(), HintStore.checkKey(check.name()));
    }

    /** Opens the next level of one check's hint for the submission's owner: JSON for scripts, else 303 back. */
    public void next(Context ctx) {
        String id = ctx.pathParam("submissionId");
        Viewer viewer = Viewer.of(ctx);
        StoredSubmission submission = store.find(id).filter(found -> viewer.mayRead(found.learnerId()))
                .orElseThrow(() -> new NotFoundResponse("There is no submission '" + id + "' of yours. Your "
                        + "submissions are listed on their exercise's page."));
        if (submission.learnerId() != viewer.learnerId()) {
            throw new ForbiddenResponse("Hints open only for the learner whose submission this is; what they opened "
                    + "is shown on the submission's page.");
        }
        GradingReport report = submission.state() == SubmissionState.DONE
                ? store.report(id).map(GradingReport::forStudents).orElse(null) : null;
        int number = checkNumber(ctx.pathParam("check"));
        if (report == null || number < 1 || number > report.checks().size()) {
            throw new NotFoundResponse("Submission " + id + " has no graded check number " + ctx.pathParam("check")
                    + "; its result page lists the checks with hints.");
        }
        CheckResult check = report.checks().get(number - 1);
        List<String> levels = hintsOf(check);
        if (levels.isEmpty()) {
            throw new NotFoundResponse("The check '" + check.name() + "' has no hints to open.");
        }
        int opened = hints.openNext(viewer.learnerId(), submission.exerciseId(), HintStore.checkKey(check.name()),
                levels.size());
        String accept = ctx.header(Header.ACCEPT);
        if (accept != null && accept.contains("application/json")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("check", check.name());
            body.put("opened", opened);
            body.put("levels", levels.size());
            body.put("hints", levels.subList(0, opened));
            try {
                ctx.header("Cache-Control", "no-store").contentType("application/json; charset=utf-8")
                        .result(json.writeValueAsString(body));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        ctx.redirect("/submissions/" + id + "#check-" + number + "-hints", HttpStatus.SEE_OTHER);
    }

    /** Hints belong to checks that did not pass and are not hidden; {@code forStudents} already emptied hidden ones. */
    private static List<String> hintsOf(CheckResult check) {
        if (check.hidden() || check.status() == Status.PASSED) {
            return List.of();
        }
        return check.hintLevels();
    }

    private static String action(String submissionId, int number) {
        return "/submissions/" + submissionId + "/checks/" + number + "/hints/next";
    }

    private static int checkNumber(String text) {
        try {
            return text.length() > 4 ? -1 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

package dev.serverlesslab.server.submission;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.StageResult;
import java.util.List;
import java.util.Locale;

/**
 * Where a submission's grading stands, as {@code status.json} sends it and the result page shows it while it waits.
 *
 * @param currentCheck the check running right now, or null
 * @param error why the platform could not grade it (state FAILED), or null
 * @param ahead how many submissions will be graded before this waiting one, or null when it is not waiting
 */
public record StatusView(String id, String exerciseId, SubmissionState state, boolean finished, String error,
                         List<StageLine> stages, List<CheckLine> checks, String currentCheck, Integer ahead) {

    /** A status with no queue position: running, finished, or not in this server's queue. */
    public StatusView(String id, String exerciseId, SubmissionState state, boolean finished, String error,
                      List<StageLine> stages, List<CheckLine> checks, String currentCheck) {
        this(id, exerciseId, state, finished, error, stages, checks, currentCheck, null);
    }

    static StatusView of(StoredSubmission submission, Lines lines, Integer ahead) {
        return new StatusView(submission.id(), submission.exerciseId(), submission.state(), submission.state().finished(),
                submission.error(), lines.stages(), lines.checks(), lines.currentCheck(), ahead);
    }

    /**
     * What the page says while the submission waits or runs, e.g. "Waiting for a grader: 2 ahead of you."; sent in
     * {@code status.json} too, so the page's script shows the server's words and never words of its own.
     */
    @JsonProperty("waitingText")
    public String waitingText() {
        if (state != SubmissionState.QUEUED) {
            return "Grading…";
        }
        if (ahead == null) {
            return "Waiting for a grader…";
        }
        return ahead == 0 ? "Waiting for a grader: you are next." : "Waiting for a grader: " + ahead + " ahead of you.";
    }

    /** The stages and checks a finished grading reported, hidden checks redacted: the web app is for students. */
    static Lines lines(GradingReport report) {
        return new Lines(report.stages().stream().map(StageLine::of).toList(),
                report.checks().stream().map(CheckLine::of).toList(), null);
    }

    /** Nothing has happened yet: the submission waits in the queue, or the server restarted since. */
    static Lines noLines() {
        return new Lines(List.of(), List.of(), null);
    }

    /** The stage and check lines of a grading at one moment. */
    record Lines(List<StageLine> stages, List<CheckLine> checks, String currentCheck) {
    }

    /**
     * One stage as people read it.
     *
     * @param status {@code running} or a lower-case {@link dev.serverlesslab.graders.report.Status}, also a CSS class
     */
    public record StageLine(String label, String status, long millis, String detail) {

        static StageLine running(Stage stage) {
            return new StageLine(stage.label(), "running", 0, "");
        }

        static StageLine of(StageResult result) {
            return new StageLine(result.stage().label(), result.status().name().toLowerCase(Locale.ROOT),
                    result.millis(), result.detail() == null ? "" : result.detail());
        }
    }

    /**
     * One check as students read it; a hidden check's message is {@value CheckResult#HIDDEN}.
     *
     * @param message why it did not pass, or empty
     * @param hint    always empty: hints open level by level on request ({@link CheckHints}), which records them, so
     *                the status does not hand out a level unasked; the field stays for clients that read it
     */
    public record CheckLine(String name, String status, String message, long millis, int points, int maxPoints,
                            String hint) {

        public CheckLine(String name, String status, String message, long millis) {
            this(name, status, message, millis, 0, 1, "");
        }

        static CheckLine of(CheckResult full) {
            CheckResult result = full.forStudents();
            return new CheckLine(result.name(), result.status().name().toLowerCase(Locale.ROOT),
                    result.message() == null ? "" : result.message(), result.millis(), result.points(),
                    result.maxPoints(), "");
        }
    }
}

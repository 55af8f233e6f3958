package dev.serverlesslab.server.submission;

import dev.serverlesslab.graders.check.LambdaReport;
import dev.serverlesslab.graders.report.CheckInvocation;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A finished (or not yet finished) submission as the exercise page's results panel reads it: what {@code GET
 * /submissions/{id}} answers to {@code Accept: application/json} and what the {@code done} event of its event stream
 * carries. The report is the one the viewer may see (hidden checks redacted for students); {@code html} is the same
 * report rendered by the result page's own fragment, so the panel and the page show one rendering.
 *
 * @param outcome     {@link Outcome} name, or null while it is not graded
 * @param verdict     the result in words, e.g. "Not there yet: 3 of 6 checks passed, 3 of 6 points."
 * @param diagnostics lines of the learner's files that compile errors and failing checks cite, for the editor
 * @param next        where to go on, only when every check passed
 * @param html        the report as the result page renders it (learner text escaped by Thymeleaf), or null
 */
public record ResultView(String id, String exerciseId, SubmissionState state, boolean finished, String error,
                         String outcome, String verdict, GradingReport report, List<Diagnostic> diagnostics,
                         NextStep.Link next, String html, String resultUrl) {

    /** javac's shape as {@code SourceDiagnostic.toString()} writes it: {@code example/Hello.java:12: error: ...}. */
    private static final Pattern COMPILER = Pattern.compile("^(.+?\\.java):(\\d{1,7}): (error|warning): (.*)$",
            Pattern.DOTALL);
    /** A stack frame or message citing a source line, e.g. {@code (Hello.java:12)}. */
    private static final Pattern CITED = Pattern.compile("([A-Za-z_$][\\w$]*\\.java):(\\d{1,7})");
    /** A learner could make a check message cite thousands of lines; the editor needs the first few. */
    private static final int MAX_DIAGNOSTICS = 50;

    /**
     * One line to mark in the editor, in the shape the editor's {@code markLines} takes.
     *
     * @param file the learner's file path, e.g. {@code example/Hello.java}
     */
    public record Diagnostic(String file, long line, String message, String severity) {
    }

    static ResultView of(StoredSubmission submission, GradingReport report, Set<String> learnerFiles,
                         NextStep.Link next, String html) {
        Outcome outcome = report == null || submission.state() != SubmissionState.DONE ? null : Outcome.of(report);
        return new ResultView(submission.id(), submission.exerciseId(), submission.state(),
                submission.state().finished(), submission.error(), outcome == null ? null : outcome.name(),
                verdict(submission, report, outcome), outcome == null ? null : report,
                outcome == null ? List.of() : diagnostics(report, learnerFiles),
                outcome == Outcome.PASSED ? next : null, outcome == null ? null : html,
                "/submissions/" + submission.id());
    }

    private static String verdict(StoredSubmission submission, GradingReport report, Outcome outcome) {
        if (submission.state() == SubmissionState.FAILED) {
            return "Not graded: " + submission.error();
        }
        if (outcome == null) {
            return submission.state() == SubmissionState.QUEUED ? "Waiting for a grader." : "Grading…";
        }
        String score = report.passedChecks() + " of " + report.totalChecks() + " checks passed, " + report.score()
                + " of " + report.maxScore() + " points.";
        return switch (outcome) {
            case PASSED -> "All checks passed: " + score;
            case FAILED -> "Not there yet: " + score;
            case COMPILE_ERROR -> "Does not compile yet: " + report.diagnostics().size() + " compiler message"
                    + (report.diagnostics().size() == 1 ? "." : "s.");
            case ERROR -> "Grading could not finish: " + report.summary();
        };
    }

    /**
     * Compiler messages with file and line, then lines of the learner's files that failing checks cite (in their
     * message, or in the error their invocations answered, whose stack trace names {@code Hello.java:12}); a name
     * matches the learner's file of that name, so a check's own files or JDK frames are never marked.
     */
    static List<Diagnostic> diagnostics(GradingReport report, Set<String> learnerFiles) {
        List<Diagnostic> found = new ArrayList<>();
        for (String line : report.diagnostics()) {
            Matcher m = COMPILER.matcher(line);
            if (m.matches() && learnerFiles.contains(m.group(1))) {
                found.add(new Diagnostic(m.group(1), Long.parseLong(m.group(2)), m.group(4).strip(), m.group(3)));
            }
        }
        Map<String, String> byName = new LinkedHashMap<>();
        learnerFiles.forEach(path -> byName.putIfAbsent(path.substring(path.lastIndexOf('/') + 1), path));
        for (CheckResult check : report.checks()) {
            if (check.status() == Status.PASSED || check.status() == Status.SKIPPED) {
                continue;
            }
            List<String> texts = new ArrayList<>();
            texts.add(check.message() == null ? "" : check.message());
            check.invocations().stream().filter(call -> call.functionError() != null)
                    .map(CheckInvocation::response).forEach(texts::add);
            for (String text : texts) {
                Matcher m = CITED.matcher(text == null ? "" : text);
                while (m.find() && found.size() < MAX_DIAGNOSTICS) {
                    String path = byName.get(m.group(1));
                    Diagnostic cited = path == null ? null : new Diagnostic(path, Long.parseLong(m.group(2)),
                            check.name() + ": " + firstLine(check.message()), "error");
                    if (cited != null && found.stream().noneMatch(d -> d.file().equals(cited.file())
                            && d.line() == cited.line())) {
                        found.add(cited);
                    }
                }
            }
        }
        return found.size() > MAX_DIAGNOSTICS ? List.copyOf(found.subList(0, MAX_DIAGNOSTICS)) : List.copyOf(found);
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "this check failed here";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /**
     * One REPORT line as a table row; {@code line} alone when it does not parse (the figures are the platform's,
     * so that only happens with backends that read them from logs).
     */
    public record ReportRow(String requestId, String duration, String billed, String memorySize, String maxMemoryUsed,
                            String init, String line) {
    }

    /** The report's REPORT lines as table rows, for the result page and the panel alike. */
    public static List<ReportRow> reportRows(GradingReport report) {
        return report.reportLines().stream().map(line -> LambdaReport.parse(line).map(r -> new ReportRow(
                        r.requestId(), ms(r.durationMs()), r.billedDurationMs() + " ms", r.memorySizeMb() + " MB",
                        r.maxMemoryUsedMb() + " MB", r.initDurationMs() == null ? "warm" : ms(r.initDurationMs()), line))
                .orElse(new ReportRow("", "", "", "", "", "", line))).toList();
    }

    private static String ms(double millis) {
        return String.format(java.util.Locale.ROOT, "%.2f ms", millis);
    }
}

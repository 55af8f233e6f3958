package dev.serverlesslab.server.submission;

import dev.serverlesslab.graders.report.GradingReport;

/** How a graded submission came out, as history shows it: each with a word, so colour is never the only cue. */
public enum Outcome {
    PASSED("passed"),
    FAILED("failed"),
    COMPILE_ERROR("compile error"),
    /** The grading itself could not finish (a broken check, an unreachable backend), or it was given up on. */
    ERROR("could not grade");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** What a learner reads, e.g. "compile error". */
    public String label() {
        return label;
    }

    /** The CSS class that colours it, e.g. {@code outcome-compile-error}. */
    public String cssClass() {
        return "outcome-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The outcome of a report: the result page's own rule, a FAILED report with compiler messages did not compile. */
    public static Outcome of(GradingReport report) {
        return switch (report.status()) {
            case PASSED -> PASSED;
            case FAILED -> report.diagnostics().isEmpty() ? FAILED : COMPILE_ERROR;
            case ERROR, SKIPPED -> ERROR;
        };
    }
}

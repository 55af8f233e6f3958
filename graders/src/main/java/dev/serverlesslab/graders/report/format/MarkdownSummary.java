package dev.serverlesslab.graders.report.format;

import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;

/**
 * A grading as Markdown, for a CI step summary ({@code $GITHUB_STEP_SUMMARY}) or a merge request comment: the score,
 * a row per check with its points, hints of failed checks; hidden checks redacted as in every student-facing output.
 * Every text that may hold learner output goes through {@link MarkdownText}.
 */
public final class MarkdownSummary {

    private MarkdownSummary() {
    }

    public static String of(GradingReport fullReport) {
        GradingReport report = fullReport.forStudents();
        StringBuilder md = new StringBuilder();
        md.append("## ").append(icon(report.status())).append(' ').append(MarkdownText.inline(report.exerciseId()))
                .append(": ").append(MarkdownText.inline(report.summary())).append("\n\n");
        if (!report.checks().isEmpty()) {
            md.append("**Score:** ").append(report.score()).append(" / ").append(report.maxScore())
                    .append(" points\n\n");
        }
        if (!report.diagnostics().isEmpty()) {
            md.append(MarkdownText.codeBlock(String.join("\n", report.diagnostics()))).append('\n');
        }
        if (!report.checks().isEmpty()) {
            md.append("| | Check | Points | Details |\n|---|---|---|---|\n");
            for (CheckResult check : report.checks()) {
                md.append("| ").append(icon(check.status())).append(" | ").append(cell(check.name())).append(" | ")
                        .append(check.points()).append('/').append(check.maxPoints()).append(" | ")
                        .append(cell(MessageText.of(check))).append(" |\n");
            }
            md.append('\n');
        }
        if (!report.reportLines().isEmpty()) {
            md.append("**Cost:** ").append(report.cost().describe()).append("\n\n");
            md.append("<details><summary>Lambda REPORT lines</summary>\n\n")
                    .append(MarkdownText.codeBlock(String.join("\n", report.reportLines()))).append("</details>\n");
        }
        return md.toString();
    }

    private static String icon(Status status) {
        return switch (status) {
            case PASSED -> "✅";
            case FAILED -> "❌";
            case ERROR -> "⚠️";
            case SKIPPED -> "⏭️";
        };
    }

    /** Table cells hold one line, no pipes, and no markup of the text's own. */
    private static String cell(String text) {
        return MarkdownText.inline(text);
    }
}

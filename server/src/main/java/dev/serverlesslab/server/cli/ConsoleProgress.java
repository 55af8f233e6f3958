package dev.serverlesslab.server.cli;

import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.StageResult;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.graders.report.format.ConsoleText;
import java.io.PrintStream;
import java.util.List;

/**
 * Prints a grading as it goes: each stage and each check on its own line, as CI logs want it. Every text that may
 * carry learner output (messages, details, logs, diagnostics) goes through {@link ConsoleText}.
 */
final class ConsoleProgress implements GradingListener {

    private final PrintStream out;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void stageStarted(Stage stage) {
        if (stage == Stage.CHECK) {
            out.println("  Running checks:");
        }
    }

    @Override
    public void stageFinished(StageResult result) {
        out.printf("  %-4s %-11s %6d ms  %s%n", mark(result.status()), result.stage().label(), result.millis(),
                ConsoleText.line(result.detail()));
        out.flush();
    }

    @Override
    public void checkFinished(CheckResult check) {
        // The console is an instructor output: hidden checks show everything, marked as hidden.
        out.printf("    %-4s %s [%d/%d pts]%s (%d ms)%n", mark(check.status()), ConsoleText.line(check.name()),
                check.points(),
                check.maxPoints(), check.hidden() ? " (hidden)" : "", check.millis());
        if (check.message() != null && check.status() != Status.PASSED) {
            for (String line : ConsoleText.lines(check.message())) {
                out.println("           " + line);
            }
        }
        // A CI log cannot be asked for the next level, so every level the author wrote is printed, numbered, concept
        // first (the web page opens them one at a time instead); a single level stays a plain "Hint:".
        List<String> levels = check.status() == Status.PASSED ? List.of() : check.hintLevels();
        for (int i = 0; i < levels.size(); i++) {
            String label = levels.size() == 1 ? "Hint" : "Hint " + (i + 1) + " of " + levels.size();
            out.println("           " + label + ": " + ConsoleText.line(levels.get(i)));
        }
        out.flush();
    }

    static void printSummary(PrintStream out, GradingReport report) {
        if (!report.diagnostics().isEmpty()) {
            out.println();
            out.println(report.compileFailed() ? "Compiler errors:" : "Problems in your files:");
            report.diagnostics().forEach(d -> ConsoleText.lines(d).forEach(line -> out.println("  " + line)));
        }
        if (!report.reportLines().isEmpty()) {
            out.println();
            out.println("Lambda:");
            report.reportLines().forEach(r -> out.println("  " + ConsoleText.line(r)));
            out.println("Cost: " + report.cost().describe());
        }
        out.println();
        if (report.totalChecks() > 0) {
            out.printf("Score: %d/%d points%n", report.score(), report.maxScore());
        }
        out.printf("%s: %s (%d ms)%n", report.status(), ConsoleText.line(report.summary()), report.millis());
    }

    private static String mark(Status status) {
        return switch (status) {
            case PASSED -> "PASS";
            case FAILED -> "FAIL";
            case ERROR -> "ERR";
            case SKIPPED -> "SKIP";
        };
    }
}

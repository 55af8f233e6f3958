package dev.serverlesslab.server.cli;

import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.StageResult;
import dev.serverlesslab.graders.report.Status;
import java.io.PrintStream;

/** Prints a grading as it goes: each stage and each check on its own line, as CI logs want it. */
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
                result.detail() == null ? "" : result.detail());
        out.flush();
    }

    @Override
    public void checkFinished(CheckResult check) {
        // The console is an instructor output: hidden checks show everything, marked as hidden.
        out.printf("    %-4s %s [%d/%d pts]%s (%d ms)%n", mark(check.status()), check.name(), check.points(),
                check.maxPoints(), check.hidden() ? " (hidden)" : "", check.millis());
        if (check.message() != null && check.status() != Status.PASSED) {
            for (String line : check.message().split("\n")) {
                out.println("           " + line);
            }
        }
        if (check.hint() != null) {
            out.println("           Hint: " + check.hint());
        }
        out.flush();
    }

    static void printSummary(PrintStream out, GradingReport report) {
        if (!report.diagnostics().isEmpty()) {
            out.println();
            out.println("Compiler errors:");
            report.diagnostics().forEach(d -> out.println("  " + d));
        }
        if (!report.reportLines().isEmpty()) {
            out.println();
            out.println("Lambda:");
            report.reportLines().forEach(r -> out.println("  " + r));
            out.println("Cost: " + report.cost().describe());
        }
        out.println();
        if (report.totalChecks() > 0) {
            out.printf("Score: %d/%d points%n", report.score(), report.maxScore());
        }
        out.printf("%s: %s (%d ms)%n", report.status(), report.summary(), report.millis());
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

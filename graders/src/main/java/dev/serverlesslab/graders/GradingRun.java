package dev.serverlesslab.graders;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.StageResult;
import dev.serverlesslab.graders.report.Status;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The bookkeeping of one grading: stage timings and outcomes, check verdicts, logs; builds the final report. */
final class GradingRun {

    private final Exercise exercise;
    private final GradingListener listener;
    private final long startNanos = System.nanoTime();
    private final Map<Stage, Long> elapsedNanos = new EnumMap<>(Stage.class);
    private final Map<Stage, StageResult> finished = new EnumMap<>(Stage.class);
    private final List<CheckResult> checks = new ArrayList<>();
    private final List<String> diagnostics = new ArrayList<>();
    private final StringBuilder functionLog = new StringBuilder();
    private final List<String> reportLines = new ArrayList<>();
    private Stage current;

    GradingRun(Exercise exercise, GradingListener listener) {
        this.exercise = exercise;
        this.listener = listener == null ? GradingListener.NONE : listener;
    }

    GradingListener listener() {
        return listener;
    }

    /** Runs work as part of a stage, adding its time to the stage; the first call announces the stage. */
    <T> T timed(Stage stage, Supplier<T> work) {
        if (!elapsedNanos.containsKey(stage)) {
            elapsedNanos.put(stage, 0L);
            current = stage;
            listener.stageStarted(stage);
        }
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            elapsedNanos.merge(stage, System.nanoTime() - start, Long::sum);
        }
    }

    /**
     * A stage's work that ran on another thread, beside earlier stages: its own duration replaces the time this
     * thread waited for it, so the stage's figure says what the work costs (the stages then add up to more than the
     * grading took).
     */
    void tookElsewhere(Stage stage, long nanos) {
        if (!elapsedNanos.containsKey(stage)) {
            current = stage;
            listener.stageStarted(stage);
        }
        elapsedNanos.put(stage, nanos);
    }

    void passed(Stage stage, Supplier<String> work) {
        String detail = timed(stage, work);
        stageDone(stage, Status.PASSED, detail);
    }

    void stageDone(Stage stage, Status status, String detail) {
        StageResult result = new StageResult(stage, status, elapsedNanos.getOrDefault(stage, 0L) / 1_000_000, detail);
        finished.put(stage, result);
        listener.stageFinished(result);
    }

    GradingReport compileFailed(List<String> compilerMessages) {
        diagnostics.addAll(compilerMessages);
        stageDone(Stage.COMPILE, Status.FAILED, compilerMessages.size() + " compile error(s)");
        return report();
    }

    /** A definition the learner writes cannot be deployed: the problems are shown like compiler errors. */
    GradingReport definitionRejected(Stage stage, List<String> problems) {
        diagnostics.addAll(problems);
        stageDone(stage, Status.FAILED, problems.size() + " problem(s) in your state machine definition");
        return report();
    }

    GradingReport brokenExercise(Stage stage, String why) {
        stageDone(stage, Status.ERROR, why);
        return report();
    }

    void checksDone(List<CheckResult> results) {
        checks.addAll(results);
        if (results.isEmpty()) {
            stageDone(Stage.CHECK, Status.ERROR, "the exercise has no checks to run");
        } else {
            long passed = results.stream().filter(c -> c.status() == Status.PASSED).count();
            stageDone(Stage.CHECK, passed == results.size() ? Status.PASSED : Status.FAILED,
                    passed + " of " + results.size() + " checks passed");
        }
    }

    void invocations(List<String> logs, List<String> reports) {
        logs.forEach(log -> functionLog.append(log.endsWith("\n") || log.isEmpty() ? log : log + "\n"));
        reportLines.addAll(reports);
    }

    /** Grading broke down where it was: that stage is an error, the report says why, and nothing is thrown. */
    GradingReport error(RuntimeException cause) {
        // The stage that started and never finished broke; teardown run from a finally block may have started since.
        Stage where = elapsedNanos.keySet().stream().filter(stage -> !finished.containsKey(stage)).findFirst()
                .orElse(current == null ? Stage.VALIDATE : current);
        String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
        if (!finished.containsKey(where) || finished.get(where).status() == Status.PASSED) {
            stageDone(where, Status.ERROR, message);
        }
        return report();
    }

    GradingReport report() {
        List<StageResult> stages = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            stages.add(finished.getOrDefault(stage, new StageResult(stage, Status.SKIPPED, 0, "not run")));
        }
        Status status = overall(stages);
        return new GradingReport(exercise.id(), status, summary(status, stages), stages, checks, diagnostics,
                functionLog.toString(), reportLines, (System.nanoTime() - startNanos) / 1_000_000);
    }

    private Status overall(List<StageResult> stages) {
        if (stages.stream().anyMatch(s -> s.status() == Status.ERROR)) {
            return Status.ERROR;
        }
        boolean allChecksPassed = !checks.isEmpty() && checks.stream().allMatch(c -> c.status() == Status.PASSED);
        return stages.stream().noneMatch(s -> s.status() == Status.FAILED) && allChecksPassed
                ? Status.PASSED : Status.FAILED;
    }

    private String summary(Status status, List<StageResult> stages) {
        if (!diagnostics.isEmpty()) {
            boolean compile = stages.stream().anyMatch(s -> s.stage() == Stage.COMPILE && s.status() == Status.FAILED);
            return compile
                    ? "Your code does not compile: " + diagnostics.size() + " error(s). Fix them and run the checks "
                            + "again."
                    : "Your state machine definition cannot be deployed: " + diagnostics.size() + " problem(s). Fix "
                            + "them and run the checks again.";
        }
        if (status == Status.ERROR) {
            StageResult broken = stages.stream().filter(s -> s.status() == Status.ERROR).findFirst().orElseThrow();
            return "Grading could not finish (" + broken.stage().label() + "): " + broken.detail();
        }
        long passed = checks.stream().filter(c -> c.status() == Status.PASSED).count();
        return passed + " of " + checks.size() + " checks passed";
    }
}

package dev.serverlesslab.server.submission;

import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.StageResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one grading has done so far, collected from the grader's events on the grading thread; read by status
 * requests in the same process, and written to the submission's row ({@link SubmissionStore#saveProgress}) for every
 * other process while it runs.
 */
public final class Progress implements GradingListener {

    private final Map<Stage, StatusView.StageLine> stages = new EnumMap<>(Stage.class);
    private final List<StatusView.CheckLine> checks = new ArrayList<>();
    private String currentCheck;
    private Stage currentStage;
    private long changes;

    @Override
    public synchronized void stageStarted(Stage stage) {
        stages.put(stage, StatusView.StageLine.running(stage));
        changes++;
        currentStage = stage;
    }

    @Override
    public synchronized void stageFinished(StageResult result) {
        stages.put(result.stage(), StatusView.StageLine.of(result));
        changes++;
        if (result.stage() == currentStage) {
            currentStage = null;
        }
    }

    /** The stage started and not yet finished, e.g. to say where a grading that overran its deadline was stuck. */
    synchronized Optional<Stage> currentStage() {
        return Optional.ofNullable(currentStage);
    }

    @Override
    public synchronized void checkStarted(String displayName) {
        currentCheck = displayName;
        changes++;
    }

    @Override
    public synchronized void checkFinished(CheckResult result) {
        checks.add(StatusView.CheckLine.of(result));
        changes++;
        currentCheck = null;
    }

    /** How many events changed what {@link #lines()} says, so a writer can tell whether there is news. */
    synchronized long changes() {
        return changes;
    }

    /** The stages in pipeline order and the checks in the order they finished. */
    synchronized StatusView.Lines lines() {
        return new StatusView.Lines(List.copyOf(stages.values()), List.copyOf(checks), currentCheck);
    }
}

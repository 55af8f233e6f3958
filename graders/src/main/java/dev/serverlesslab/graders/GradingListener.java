package dev.serverlesslab.graders;

import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.StageResult;

/** Progress of a grading as it happens, for consoles and web pages; every method is optional. */
public interface GradingListener {

    /** A listener that ignores everything. */
    GradingListener NONE = new GradingListener() {
    };

    default void stageStarted(Stage stage) {
    }

    default void stageFinished(StageResult result) {
    }

    default void checkStarted(String displayName) {
    }

    default void checkFinished(CheckResult result) {
    }
}

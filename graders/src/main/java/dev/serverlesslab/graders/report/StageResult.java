package dev.serverlesslab.graders.report;

/** How one stage of a grading ended, how long it took, and a line of detail for people. */
public record StageResult(Stage stage, Status status, long millis, String detail) {

    public StageResult {
        detail = WellFormedText.of(detail);
    }
}

package dev.serverlesslab.graders.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The complete verdict of one grading: what every stage and check did, the compiler's diagnostics and the function's logs.
 *
 * @param status PASSED when every check passed, FAILED when the code compiled badly or a check failed,
 *               ERROR when grading could not be completed
 * @param summary one line for people, e.g. "3 of 5 checks passed"
 * @param diagnostics compiler messages as {@code file:line: message}
 * @param functionLog the function's log output across all invocations of the grading
 * @param reportLines the Lambda REPORT lines, one per invocation
 */
public record GradingReport(String exerciseId, Status status, String summary, List<StageResult> stages,
                            List<CheckResult> checks, List<String> diagnostics, String functionLog,
                            List<String> reportLines, long millis) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public GradingReport {
        stages = List.copyOf(stages);
        checks = List.copyOf(checks);
        diagnostics = WellFormedText.of(diagnostics);
        reportLines = WellFormedText.of(reportLines);
        functionLog = functionLog == null ? "" : WellFormedText.of(functionLog);
        summary = WellFormedText.of(summary);
    }

    /** What the grading's invocations would have cost on AWS Lambda; derived from the REPORT lines. */
    @JsonProperty("cost")
    public CostEstimate cost() {
        return CostEstimate.fromReportLines(reportLines);
    }

    /**
     * Whether the submission's diagnostics are compiler errors; otherwise they are problems in a file the learner
     * writes that is deployed as it is (a state machine definition).
     */
    @JsonIgnore
    public boolean compileFailed() {
        return stages.stream().anyMatch(s -> s.stage() == Stage.COMPILE && s.status() == Status.FAILED);
    }

    /** How many checks passed. */
    public int passedChecks() {
        return (int) checks.stream().filter(c -> c.status() == Status.PASSED).count();
    }

    /** How many checks the exercise has (run or not). */
    public int totalChecks() {
        return checks.size();
    }

    /** The points the checks earned. */
    @JsonProperty("score")
    public int score() {
        return checks.stream().mapToInt(CheckResult::points).sum();
    }

    /** The points all checks are worth together. */
    @JsonProperty("maxScore")
    public int maxScore() {
        return checks.stream().mapToInt(CheckResult::maxPoints).sum();
    }

    /**
     * The report as students may see it: hidden checks keep name, verdict and points, their message and hint read
     * {@value CheckResult#HIDDEN}. Every student-facing output uses this (the web app, JUnit XML, results.json, the
     * Classroom result, the Markdown summary); the report itself, as {@code lab grade} prints it and {@code --json}
     * writes it, keeps everything for instructors.
     */
    public GradingReport forStudents() {
        if (checks.stream().noneMatch(CheckResult::hidden)) {
            return this;
        }
        return new GradingReport(exerciseId, status, summary, stages,
                checks.stream().map(CheckResult::forStudents).toList(), diagnostics, functionLog, reportLines, millis);
    }

    /** The report as pretty-printed JSON, the form written by {@code --json} and stored by the web app. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a report written by {@link #toJson()}. */
    public static GradingReport fromJson(String json) {
        try {
            return JSON.readValue(json, GradingReport.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

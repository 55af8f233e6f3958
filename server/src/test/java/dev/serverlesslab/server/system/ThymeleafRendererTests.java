package dev.serverlesslab.server.system;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.StageResult;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.server.submission.StatusView;
import dev.serverlesslab.server.submission.StoredSubmission;
import dev.serverlesslab.server.submission.SubmissionState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThymeleafRendererTests {

    private static final String ATTACK = "<script>alert('x')</script>";
    private static final String ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;";

    private final ThymeleafRenderer renderer = new ThymeleafRenderer();

    @Test
    void errorPage_escapesHtmlInTheMessage() {
        String html = renderer.render("error/error", Map.of("title", "Not found", "status", 404, "message", ATTACK));

        assertFalse(html.contains(ATTACK), html);
        assertTrue(html.contains(ESCAPED), html);
    }

    @Test
    void resultPage_escapesHtmlComingFromLearnerCode() {
        GradingReport report = new GradingReport("hello-lambda", Status.FAILED, "0 of 1 checks passed " + ATTACK,
                List.of(new StageResult(Stage.CHECK, Status.FAILED, 12, ATTACK)),
                List.of(new CheckResult("returns " + ATTACK, Status.FAILED, "expected <b>hi</b> but was " + ATTACK, 3)),
                List.of("example/Hello.java:3: error: " + ATTACK), "log line " + ATTACK + "\n",
                List.of("REPORT RequestId: 1 " + ATTACK), 40);
        String html = renderer.render("submission/result", doneModel(report));

        assertFalse(html.contains(ATTACK), html);
        assertFalse(html.contains("<b>hi</b>"), html);
        assertTrue(html.contains("expected &lt;b&gt;hi&lt;/b&gt;"), html);
        assertTrue(html.contains("example/Hello.java:3: error: " + ESCAPED), html);
        assertTrue(html.contains("0 of 1 checks passed"), html);
    }

    @Test
    void resultPage_forCodeThatDoesNotCompile_saysSo_withoutAScoreOfZeroChecks() {
        GradingReport report = new GradingReport("hello-lambda", Status.FAILED,
                "Your code does not compile: 1 error(s). Fix them and run the checks again.",
                List.of(new StageResult(Stage.COMPILE, Status.FAILED, 200, "1 compile error(s)")), List.of(),
                List.of("example/Hello.java:7: error: ';' expected"), "", List.of(), 250);

        String html = renderer.render("submission/result", doneModel(report));

        assertTrue(html.contains("Does not compile yet"), html);
        assertTrue(html.contains("Your code does not compile: 1 error(s)."), html);
        assertTrue(html.contains("example/Hello.java:7: error: &#39;;&#39; expected"), html);
        assertFalse(html.contains("0 of 0 checks passed"), html);
    }

    @Test
    void resultPage_whileRunning_pollsStatusAndRefreshesWithoutJavaScript() {
        StoredSubmission submission = new StoredSubmission("20250301-120000-000-abcd", 1, "hello-lambda",
                Instant.parse("2025-03-01T12:00:00Z"), SubmissionState.RUNNING, null);
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Submission");
        model.put("submission", submission);
        model.put("status", new StatusView(submission.id(), "hello-lambda", SubmissionState.RUNNING, false, null,
                List.of(new StatusView.StageLine("Compile", "passed", 5, "compiled " + ATTACK)),
                List.of(new StatusView.CheckLine("greets " + ATTACK, "failed", "", 1)), ATTACK));
        model.put("refresh", true);

        String html = renderer.render("submission/result", model);

        assertTrue(html.contains("data-status-url=\"/submissions/20250301-120000-000-abcd/status.json\""), html);
        assertTrue(html.contains("http-equiv=\"refresh\""), html);
        assertTrue(html.contains("compiled " + ESCAPED), html);
        assertFalse(html.contains(ATTACK), html);
    }

    private static Map<String, Object> doneModel(GradingReport report) {
        StoredSubmission submission = new StoredSubmission("20250301-120000-000-abcd", 1, "hello-lambda",
                Instant.parse("2025-03-01T12:00:00Z"), SubmissionState.DONE, null);
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Submission");
        model.put("submission", submission);
        model.put("status", new StatusView(submission.id(), "hello-lambda", SubmissionState.DONE, true, null,
                List.of(), List.of(), null));
        model.put("report", report);
        return model;
    }
}

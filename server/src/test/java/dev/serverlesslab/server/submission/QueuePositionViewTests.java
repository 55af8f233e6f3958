package dev.serverlesslab.server.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.server.system.ThymeleafRenderer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The queue position as the result page's script reads it from status.json and as the page itself shows it. */
class QueuePositionViewTests {

    private static final StoredSubmission QUEUED = new StoredSubmission("20250301-120000-000-abcd", 1, "hello-lambda",
            Instant.parse("2025-03-01T12:00:00Z"), SubmissionState.QUEUED, null);

    @Test
    void statusJson_ofAWaitingSubmission_carriesHowManyAreAheadAndTheSentenceToShow() throws Exception {
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(
                StatusView.of(QUEUED, StatusView.noLines(), 2)));

        assertEquals(2, json.get("ahead").asInt());
        assertEquals("Waiting for a grader: 2 ahead of you.", json.get("waitingText").asText());
    }

    @Test
    void waitingText_saysNextAtTheFront_andGradingOnceRunning() {
        assertEquals("Waiting for a grader: you are next.", StatusView.of(QUEUED, StatusView.noLines(), 0).waitingText());
        StatusView running = StatusView.of(QUEUED.with(SubmissionState.RUNNING, null), StatusView.noLines(), null);
        assertEquals("Grading…", running.waitingText());
    }

    @Test
    void resultPage_whileWaiting_announcesThePositionPolitely() {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Submission");
        model.put("submission", QUEUED);
        model.put("status", StatusView.of(QUEUED, StatusView.noLines(), 2));
        model.put("refresh", true);

        String html = new ThymeleafRenderer().render("submission/result", model);

        Matcher state = Pattern.compile("<p [^>]*id=\"progress-state\"[^>]*>([^<]*)</p>").matcher(html);
        assertTrue(state.find(), html);
        assertTrue(state.group().contains("aria-live=\"polite\""), state.group());
        assertEquals("Waiting for a grader: 2 ahead of you.", state.group(1));
        assertFalse(html.contains("Waiting for the grader…"), "the old sentence without a position is gone");
    }

    @Test
    void statusJson_ofARunningSubmission_hasNoPosition() throws Exception {
        StatusView running = new StatusView(QUEUED.id(), "hello-lambda", SubmissionState.RUNNING, false, null,
                List.of(), List.of(), null);

        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(running));

        assertTrue(json.get("ahead").isNull());
        assertEquals("Grading…", json.get("waitingText").asText());
    }
}

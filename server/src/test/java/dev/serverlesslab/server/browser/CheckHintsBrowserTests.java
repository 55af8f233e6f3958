package dev.serverlesslab.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.server.TestApp;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A learner whose run failed a check opens that check's hints in the exercise page's results panel, one level per
 * press and without leaving the page, then finds them still open on the submission's page and opens the last there.
 * Gradings are a stand-in's report, so the test is about the page, not the backend.
 */
@ExtendWith(ScreenshotOnFailure.class)
class CheckHintsBrowserTests {

    private static final List<String> LEVELS = List.of("Events arrive as a Map.", "Use event.get(\"name\").",
            "Return \"Hello, \" + name + \"!\".");
    private static final GradingReport REPORT = new GradingReport("hello-lambda", Status.FAILED,
            "0 of 1 checks passed", List.of(), List.of(new CheckResult("greets the name", Status.FAILED,
                    "expected Hello, Ada!", 5, 0, 1, null, false, List.of(), LEVELS)),
            List.of(), "", List.of(), 20);
    /** The stand-in grades at once, but a loaded machine may be slow to run the page's scripts and workers. */
    private static final Duration GRADING = Duration.ofMinutes(2);

    @TempDir
    Path data;
    private Backend backend;
    private TestApp app;
    private Browser browser;

    @BeforeEach
    void start() {
        // Skips before starting anything when there is no browser here.
        Browser.open(URI.create("http://127.0.0.1:1/")).close();
        backend = TestApp.nowhere();
        app = TestApp.start(data, backend, null, (exercise, submission, listener) -> REPORT);
        browser = Browser.open(URI.create("http://127.0.0.1:" + app.port() + "/"));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void failedCheck_opensItsHintsLevelByLevel_inThePanel_andTheyStayOpenOnTheResultPage() {
        browser.open("/exercises/hello-lambda");
        browser.click("Run checks").awaitText("Show hint 1 of 3", GRADING);
        WebElement panel = browser.driver().findElement(By.id("results"));
        assertFalse(panel.getText().contains(LEVELS.get(0)), "no level before the learner asks");

        browser.click("Show hint 1 of 3").awaitText(LEVELS.get(0));
        assertFalse(panel.getText().contains(LEVELS.get(1)), "one level per press");
        assertEquals("polite", panel.findElement(By.cssSelector(".check-hints .hint-levels")).getAttribute("aria-live"),
                "screen readers hear the opened text");
        browser.click("Show hint 2 of 3").awaitText(LEVELS.get(1));
        assertEquals("/exercises/hello-lambda", browser.url().getPath(), "opened in place, the page stayed");
        assertTrue(browser.text().contains("Show hint 3 of 3"), browser.text());
        browser.screenshot("check-hints-panel");

        String resultUrl = browser.driver().findElement(By.id("results-page-link")).getAttribute("href");
        browser.open(URI.create(resultUrl).getPath()).awaitText(LEVELS.get(1));
        assertTrue(browser.text().contains(LEVELS.get(0)), browser.text());
        assertFalse(browser.text().contains(LEVELS.get(2)), browser.text());
        browser.click("Show hint 3 of 3").awaitText(LEVELS.get(2));
        assertTrue(browser.driver().findElements(By.cssSelector("form.check-hint-next")).isEmpty(),
                "nothing more to open once every level is shown");
    }
}

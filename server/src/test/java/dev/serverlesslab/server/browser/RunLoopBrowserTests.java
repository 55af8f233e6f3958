package dev.serverlesslab.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.TestApp;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The run loop in a real browser on the embedded backend: "Run checks" keeps the learner on the exercise page, checks
 * appear as they finish, then the verdict, the per-check invocations, the REPORT table and (all passed) a Next link;
 * the starter shows failing checks whose hints open level by level; a compile error lists a line that puts the cursor
 * there, also on the polling path a browser without EventSource takes. Screenshots of the panel at desktop width and
 * at 390 px go to {@code target/screenshots}.
 */
@ExtendWith(ScreenshotOnFailure.class)
class RunLoopBrowserTests {

    /** A grading compiles and starts a JVM on a shared two-core machine. */
    private static final Duration GRADING = Duration.ofMinutes(4);
    private static final String HANDLER = "example/Hello.java";

    @TempDir
    Path data;
    private Backend backend;
    private TestApp app;
    private Browser browser;

    @BeforeEach
    void start() {
        // Skips before starting anything when there is no browser here.
        Browser.open(URI.create("http://127.0.0.1:1/")).close();
        backend = Backend.embedded();
        app = TestApp.start(data, backend);
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
    void solution_showsChecksAsTheyFinish_thenTheVerdictAndNext_withoutLeavingThePage() {
        browser.open("/exercises/hello-lambda");
        assertTrue(browser.driver().findElements(By.cssSelector("#attempts li")).isEmpty(), "no attempt yet");
        listenForLabEvents();
        type(TestApp.solutionFiles());
        browser.click("Run checks");

        WebDriverWait grading = new WebDriverWait(browser.driver(), GRADING);
        grading.until(d -> !d.findElements(By.cssSelector("#results-checks li.check")).isEmpty()
                || d.findElement(By.id("results-status")).getText().startsWith("All checks passed"));
        grading.until(d -> d.findElement(By.id("results-status")).getText().startsWith("All checks passed"));
        assertEquals("/exercises/hello-lambda", browser.url().getPath(), "the page stayed");
        assertTrue(seenLiveChecks(), "checks were listed while the grading ran");

        WebElement panel = browser.driver().findElement(By.id("results"));
        assertEquals("polite", browser.driver().findElement(By.id("results-status")).getAttribute("aria-live"));
        WebElement next = panel.findElement(By.cssSelector(".verdict .next a"));
        assertTrue(next.getText().startsWith("Next "), next.getText());
        assertFalse(next.getAttribute("href").endsWith("/exercises/hello-lambda"), next.getAttribute("href"));
        assertTrue(panel.findElements(By.cssSelector(".report-table tbody tr")).size() >= 6, "one REPORT row per call");
        WebElement firstCheck = panel.findElement(By.cssSelector(".checks .check"));
        firstCheck.findElement(By.cssSelector("details.invocations summary")).click();
        assertTrue(firstCheck.findElement(By.cssSelector(".invocation")).getText().contains("Hello, Ada!"),
                firstCheck.getText());
        assertEquals(List.of("lab:clear-diagnostics", "lab:run-started", "lab:run-finished"), labEvents());
        assertFalse(browser.driver().findElement(By.cssSelector("button.run")).getAttribute("disabled") != null,
                "the button works again for the next run");
        // The attempts list below gains this run without a reload, linking to the same result as the panel.
        WebElement attempt = grading.until(d -> d.findElements(By.cssSelector("#attempts .attempts li")).stream()
                .findFirst().orElse(null));
        assertTrue(attempt.getText().contains("passed"), attempt.getText());
        assertEquals(browser.driver().findElement(By.id("results-page-link")).getAttribute("href"),
                attempt.findElement(By.cssSelector("a")).getAttribute("href"));
        assertEquals("/exercises/hello-lambda", browser.url().getPath(), "still the same page");

        panel.findElement(By.id("results-heading"));
        browser.driver().executeScript("arguments[0].scrollIntoView()", panel);
        browser.screenshot("runloop-passed-desktop");
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.driver().executeScript("arguments[0].scrollIntoView()", panel);
        browser.screenshot("runloop-passed-390");
        assertNoHorizontalOverflow();
    }

    @Test
    void starter_showsAFailingCheck_andACompileErrorLinksToItsLine_alsoWhenPollingInsteadOfStreaming() {
        browser.open("/exercises/hello-lambda");
        type(TestApp.starterFiles());
        browser.click("Run checks");
        WebDriverWait grading = new WebDriverWait(browser.driver(), GRADING);
        grading.until(d -> d.findElement(By.id("results-status")).getText().startsWith("Not there yet"));
        assertFalse(browser.driver().findElements(By.cssSelector("#results .checks .check.failed")).isEmpty());
        assertTrue(browser.driver().findElements(By.cssSelector("#results .verdict .next")).isEmpty(),
                "no Next link while a check fails");
        browser.driver().executeScript("arguments[0].scrollIntoView()", browser.driver().findElement(By.id("results")));
        browser.screenshot("runloop-starter-desktop");

        // The failed checks' own hints (content/exercises/hello-lambda/checks), one level per press, in the panel.
        WebElement panel = browser.driver().findElement(By.id("results"));
        assertFalse(panel.getText().contains("is simply a map with one entry"), "no hint level before asking");
        browser.click("Show hint 1 of 3").awaitText("is simply a map with one entry");
        assertFalse(panel.getText().contains("Map.of(key, value) builds the answer"), "one level per press");
        browser.click("Show hint 2 of 3").awaitText("Map.of(key, value) builds the answer");

        listenForLabEvents();
        // This run takes the fallback: without EventSource the script polls status.json, then asks for the result.
        browser.driver().executeScript("window.EventSource = undefined;");
        String broken = TestApp.starterFiles().get(HANDLER).replace("return Map.of(", "return Map.of(;");
        type(Map.of(HANDLER, broken));
        browser.click("Run checks");
        grading.until(d -> d.findElement(By.id("results-status")).getText().startsWith("Does not compile yet"));
        WebElement link = browser.driver().findElement(By.cssSelector("#results-diagnostics-list a.diagnostic"));
        int line = brokenLine(broken);
        assertEquals(HANDLER + ":" + line, link.getText());
        assertTrue(labEvents().contains("lab:diagnostics"), labEvents().toString());
        link.click();
        // The code editor (CodeMirror) puts its cursor on the line; without it, the textarea's selection does.
        Object selected = browser.driver().executeScript("var shown = Array.from(document.querySelectorAll('.CodeMirror'))"
                + ".filter(function (e) { return e.offsetParent !== null && e.CodeMirror; });"
                + "if (shown.length) { return shown[0].CodeMirror.getCursor().line + 1; }"
                + "var a = document.activeElement;"
                + "return a.tagName === 'TEXTAREA' ? a.value.substring(0, a.selectionStart).split('\\n').length : -1;");
        assertEquals((long) line, selected, "the cursor is on the cited line");
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.driver().executeScript("arguments[0].scrollIntoView()", browser.driver().findElement(By.id("results")));
        browser.screenshot("runloop-compile-error-390");
        assertNoHorizontalOverflow();
    }

    private void type(Map<String, String> files) {
        files.forEach((file, source) -> browser.setValue("file:" + file, source));
    }

    private static int brokenLine(String source) {
        List<String> lines = source.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("Map.of(;")) {
                return i + 1;
            }
        }
        throw new AssertionError("no broken line");
    }

    /** Records the contract's document events (names only) from now on, and whether live check rows ever showed. */
    private void listenForLabEvents() {
        browser.driver().executeScript("window.labEvents = [];"
                + "['lab:clear-diagnostics','lab:run-started','lab:run-finished','lab:diagnostics'].forEach(function (n) {"
                + "  document.addEventListener(n, function () { window.labEvents.push(n); }); });"
                + "window.liveChecks = false;"
                + "new MutationObserver(function () {"
                + "  if (document.querySelector('#results-checks li.check')) { window.liveChecks = true; } })"
                + ".observe(document.getElementById('results-checks'), { childList: true });");
    }

    @SuppressWarnings("unchecked")
    private List<String> labEvents() {
        return (List<String>) browser.driver().executeScript("return window.labEvents;");
    }

    private boolean seenLiveChecks() {
        return Boolean.TRUE.equals(browser.driver().executeScript("return window.liveChecks;"));
    }

    private void assertNoHorizontalOverflow() {
        Object overflow = browser.driver().executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertTrue(((Number) overflow).longValue() <= 0, "the page scrolls sideways by " + overflow + " px");
    }
}

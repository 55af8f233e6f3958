package dev.serverlesslab.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.TestApp;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A learner in a browser tries the hello-lambda solution in the test console (the API Gateway sample, then the
 * exercise's own event) and sees the response, the log and the REPORT figures; then opens the hints level by level.
 * Screenshots at desktop width and at 390 px.
 */
@ExtendWith(ScreenshotOnFailure.class)
class WorkbenchConsoleBrowserTests {

    /** Compile, deploy and a cold start of a child JVM on a shared two-core machine. */
    private static final Duration RUN = Duration.ofMinutes(3);

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
    void learner_testsTheSolutionWithSampleEvents_andSeesResponseLogsAndReport() {
        browser.open("/exercises/hello-lambda").awaitText("Test your function");
        for (Map.Entry<String, String> file : TestApp.solutionFiles().entrySet()) {
            browser.setValue("file:" + file.getKey(), file.getValue());
        }
        Select samples = new Select(browser.waitUntil().until(d -> d.findElement(By.id("console-sample"))));
        browser.waitUntil().until(d -> samples.getOptions().size() >= 10);

        samples.selectByVisibleText("API Gateway REST API (v1) proxy request");
        assertTrue(browser.driver().findElement(By.id("console-event")).getAttribute("value")
                .contains("\"httpMethod\": \"GET\""), "the sample's JSON is in the event editor");
        browser.click("Test").awaitText("Billed duration", RUN);
        String result = resultText();
        assertTrue(result.contains("Response"), result);
        assertTrue(result.contains("Log output"), result);
        assertTrue(result.contains("START RequestId:"), result);
        assertTrue(result.contains("Memory size\n256 MB") || result.contains("Memory size 256 MB"), result);

        samples.selectByVisibleText("ada");
        browser.click("Test");
        browser.waitUntil().withTimeout(RUN).until(d -> resultText().contains("Hello, Ada!"));
        assertTrue(resultText().contains("Succeeded"), resultText());
        assertTrue(resultText().contains("Greeting request"), "what the function logged: " + resultText());
        scrollTo(".console-result");
        browser.screenshot("console-desktop");

        browser.driver().manage().window().setSize(new Dimension(390, 844));
        scrollTo(".console-report");
        browser.screenshot("console-390");
        assertEquals(Boolean.TRUE, browser.driver().executeScript("var s = document.getElementById('test-console');"
                + " return s.scrollWidth <= s.clientWidth + 1;"), "the console fits a 390 px screen");
    }

    @Test
    void learner_opensHintsOneLevelAtATime_andTheyStayOpenOnReload() {
        browser.open("/exercises/hello-lambda").awaitText("Hints");
        assertTrue(!browser.text().contains("Hint 1 of 3"), "no hint is open before asking");

        browser.click("Show a hint").awaitText("Hint 1 of 3");
        assertTrue(!browser.text().contains("Hint 2 of 3"), "one level at a time");
        browser.click("Show the next hint").awaitText("Hint 2 of 3");
        scrollTo("#hints");
        browser.screenshot("hints-desktop");

        browser.open("/exercises/hello-lambda").awaitText("Hint 2 of 3");
        browser.click("Show the next hint").awaitText("Hint 3 of 3");
        assertTrue(browser.driver().findElements(By.cssSelector("form.hint-next")).isEmpty(),
                "nothing more to open once every level is shown");
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        scrollTo("#hints");
        browser.screenshot("hints-390");
    }

    private String resultText() {
        WebElement result = browser.driver().findElement(By.cssSelector(".console-result"));
        return result.getText();
    }

    private void scrollTo(String selector) {
        browser.driver().executeScript("document.querySelector(arguments[0]).scrollIntoView();", selector);
    }
}

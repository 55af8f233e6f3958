package dev.serverlesslab.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.server.ContentCopy;
import dev.serverlesslab.server.TestApp;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A file the learner adds in the editor, where the exercise allows it ({@code allowNewFiles: true}), is sent with the
 * run: it gets a tab, takes typing, and the grading receives it beside the starter's files. The grading is a stand-in
 * that keeps what it was given, so the test reads the submission exactly as the grader would.
 */
@ExtendWith(ScreenshotOnFailure.class)
class AddedFileBrowserTests {

    private static final String ADDED = "example/Greeting.java";

    @TempDir
    Path temp;
    private TestApp app;
    private Browser browser;
    private final AtomicReference<Submission> graded = new AtomicReference<>();

    @BeforeEach
    void start() {
        Browser.open(URI.create("http://127.0.0.1:1/")).close();
        Path content = ContentCopy.of(temp);
        ContentCopy.replace(content.resolve("exercises/hello-lambda/exercise.yml"), "memory: 256",
                "memory: 256\nallowNewFiles: true");
        app = TestApp.start(content, temp.resolve("data"), TestApp.nowhere(), (exercise, submission, listener) -> {
            graded.set(submission);
            return new GradingReport(exercise.id(), Status.PASSED, "All checks passed", List.of(),
                    List.of(new CheckResult("greets", Status.PASSED, null, 1)), List.of(), "", List.of(), 1);
        });
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
    }

    @Test
    void addedFile_getsATab_takesTyping_andIsPartOfTheRun() {
        browser.open("/exercises/hello-lambda");
        browser.waitUntil().until(d -> Boolean.TRUE.equals(d.findElements(By.cssSelector("button.add-file")).stream()
                .anyMatch(WebElement::isDisplayed)));
        browser.click("Add a file");
        WebElement path = browser.driver().findElement(By.id("new-file-path"));
        path.sendKeys(ADDED, Keys.ENTER);

        WebElement tab = browser.waitUntil().until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//*[@role='tab'][span[normalize-space()='" + ADDED + "']]")));
        assertEquals("true", tab.getAttribute("aria-selected"), "the new file's tab is the one shown");
        WebElement code = browser.waitUntil().until(ExpectedConditions.elementToBeClickable(
                By.cssSelector(".editor-file:not([hidden]) .CodeMirror-code")));
        code.click();
        code.sendKeys(Keys.chord(Keys.CONTROL, Keys.END));
        code.sendKeys("// typed in the browser");
        browser.screenshot("editor-added-file");

        browser.click("Run checks");
        browser.waitUntil().until(d -> d.findElement(By.id("results-status")).getText()
                .startsWith("All checks passed"));

        Map<String, String> files = graded.get().files();
        assertTrue(files.containsKey("example/Hello.java"), "the starter's file is still sent: " + files.keySet());
        String added = files.get(ADDED);
        assertTrue(added != null && added.contains("public class Greeting")
                && added.contains("// typed in the browser"), "the added file as typed: " + files);
    }
}

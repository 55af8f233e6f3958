package dev.serverlesslab.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.TestApp;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A lesson quiz answered in a real browser: the verdict and each option's mark appear in place without leaving the
 * page, a wrong answer can be corrected, and the answer is kept as progress, so the reloaded lesson shows it again.
 * The first lesson's front matter quiz {@code faas-controller} (content/lessons/01-what-serverless-is.md).
 */
@ExtendWith(ScreenshotOnFailure.class)
class QuizBrowserTests {

    private static final String LESSON = "/lessons/01-what-serverless-is";
    private static final String RIGHT = "The FaaS controller, which on AWS is the Lambda service itself";

    @TempDir
    Path data;
    private Backend backend;
    private TestApp app;
    private Browser browser;

    @BeforeEach
    void start() {
        Browser.open(URI.create("http://127.0.0.1:1/")).close();
        backend = TestApp.nowhere();
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
    void answeringAQuiz_showsTheVerdictInPlace_andTheReloadedLessonKeepsTheAnswer() {
        browser.open(LESSON);
        browser.driver().executeScript("window.labTestMark = 'same page';");

        pick("The event source");
        check();
        browser.waitUntil().until(d -> verdict().startsWith("Not quite"));
        assertTrue(option("The event source").getAttribute("class").contains("wrong"), "the picked wrong option is marked");
        assertTrue(option(RIGHT).getText().contains("right answer"), option(RIGHT).getText());

        pick(RIGHT);
        check();
        browser.waitUntil().until(d -> verdict().equals("Correct."));
        assertEquals("same page", browser.driver().executeScript("return window.labTestMark || null;"),
                "checked in place, without loading the page again");
        browser.driver().executeScript("arguments[0].scrollIntoView()", quiz());
        browser.screenshot("quiz-answered");

        browser.open(LESSON);
        assertEquals("Correct.", verdict(), "the answer is kept as progress");
        assertTrue(option(RIGHT).findElement(By.tagName("input")).isSelected(), "the stored answer is picked again");
    }

    private WebElement quiz() {
        return browser.driver().findElement(By.id("quiz-faas-controller"));
    }

    private WebElement option(String text) {
        return quiz().findElement(By.xpath(".//li[label[normalize-space()='" + text + "']]"));
    }

    private void pick(String text) {
        option(text).findElement(By.tagName("label")).click();
    }

    private void check() {
        quiz().findElement(By.xpath(".//button[normalize-space()='Check']")).click();
    }

    private String verdict() {
        return quiz().findElement(By.cssSelector(".quiz-verdict")).getText();
    }
}

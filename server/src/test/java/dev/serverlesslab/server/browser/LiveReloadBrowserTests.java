package dev.serverlesslab.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.server.ContentCopy;
import dev.serverlesslab.server.TestApp;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An author with a lesson open in the browser ({@code lab serve --watch}) saves the file and the page reloads itself
 * with the new text; a broken exercise.yml shows its problem on the open page at once, and fixing it reloads the page
 * without the problem.
 */
@ExtendWith(ScreenshotOnFailure.class)
class LiveReloadBrowserTests {

    private static final String BANNER = "The course content has a problem";
    /** A mark the test leaves in the page: it is gone only if the page was loaded again. */
    private static final String MARK = "window.labTestMark = 'still the same page';";
    private static final String READ_MARK = "return window.labTestMark || null;";

    @TempDir
    Path temp;
    private TestApp app;
    private Browser browser;

    @BeforeEach
    void start() {
        Browser.open(URI.create("http://127.0.0.1:1/")).close();
        app = TestApp.startWatching(ContentCopy.of(temp), temp.resolve("data"), TestApp.nowhere());
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
    void theOpenPage_reloadsItselfOnAChange_andShowsABrokenFilesProblemUntilItIsFixed() throws IOException {
        Path lesson = temp.resolve("content/lessons/01-what-serverless-is.md");
        Path descriptor = temp.resolve("content/exercises/hello-lambda/exercise.yml");
        browser = Browser.open(URI.create("http://127.0.0.1:" + app.port() + "/"));
        browser.open("/lessons/01-what-serverless-is").awaitText("What serverless is");
        awaitListening();
        browser.driver().executeScript(MARK);

        Files.writeString(lesson, Files.readString(lesson) + "\nA sentence the author just saved.\n");

        browser.awaitText("A sentence the author just saved.");
        assertEquals(null, browser.driver().executeScript(READ_MARK), "the page was loaded again by itself");
        assertEquals("/lessons/01-what-serverless-is", browser.url().getPath());

        awaitListening();
        browser.driver().executeScript(MARK);
        String good = Files.readString(descriptor);
        Files.writeString(descriptor, "title: [unclosed\n");

        browser.awaitText(BANNER);
        assertTrue(browser.text().contains("hello-lambda/exercise.yml:"), browser.text());
        assertTrue(browser.text().contains("A sentence the author just saved."), "the last good lesson stays");
        assertEquals("still the same page", browser.driver().executeScript(READ_MARK),
                "the problem appears in the open page, without a reload");

        Files.writeString(descriptor, good);

        browser.waitUntil().until(driver -> !browser.text().contains(BANNER));
        assertFalse(browser.text().contains(BANNER));
        assertEquals(null, browser.driver().executeScript(READ_MARK), "fixing the file reloads the page");
    }

    /** The page's event stream is open, so a change now is heard (the server counts its listeners). */
    private void awaitListening() {
        browser.waitUntil().until(driver -> app.watchListeners() > 0);
    }
}

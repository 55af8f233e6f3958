package dev.serverlesslab.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.server.TestApp;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A learner who uses only the keyboard (Tab, Shift+Tab, Enter, Space and the editor's shortcuts): skips the header,
 * goes from the course page to an exercise, types in the editor (where Tab indents), leaves it with Esc then Tab, runs
 * the checks with Ctrl+Enter, reaches the result and opens a failed check's hint. Every element Tab reaches shows a
 * focus outline. Gradings are a stand-in's report, so the test is about the page, not the backend.
 */
@ExtendWith(ScreenshotOnFailure.class)
class KeyboardBrowserTests {

    private static final String HINT = "Events arrive as a Map.";
    private static final GradingReport REPORT = new GradingReport("hello-lambda", Status.FAILED,
            "0 of 1 checks passed", List.of(), List.of(new CheckResult("greets the name", Status.FAILED,
                    "expected Hello, Ada!", 5, 0, 1, null, false, List.of(),
                    List.of(HINT, "Use event.get(\"name\")."))),
            List.of(), "", List.of(), 20);
    private static final Duration GRADING = Duration.ofMinutes(2);
    /** More than any page here has focusable elements before the one looked for. */
    private static final int MAX_TABS = 120;
    private static final String TYPED = "// typed with the keyboard";

    /** The focused element, and whether it or a box around it (the editor draws its outline 7 levels up) shows focus. */
    private static final String FOCUSED = """
            const element = document.activeElement;
            const shows = node => {
              const style = getComputedStyle(node);
              return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
            };
            let outlined = false;
            for (let node = element, depth = 0; node && node !== document.body && depth < 8;
                 node = node.parentElement, depth++) {
              if (shows(node)) { outlined = true; break; }
            }
            return {
              tag: element.tagName.toLowerCase(), id: element.id || '', href: element.getAttribute('href') || '',
              text: (element.innerText || element.value || '').trim().slice(0, 40),
              inEditor: Boolean(element.closest('.CodeMirror')), inMain: Boolean(element.closest('main')),
              outlined: outlined || element === document.body
            };
            """;

    @TempDir
    Path data;
    private Backend backend;
    private TestApp app;
    private Browser browser;
    private final List<String> unoutlined = new ArrayList<>();
    private final AtomicReference<Submission> graded = new AtomicReference<>();

    @BeforeEach
    void start() {
        // Skips before starting anything when there is no browser here.
        Browser.open(URI.create("http://127.0.0.1:1/")).close();
        backend = TestApp.nowhere();
        app = TestApp.start(data, backend, null, (exercise, submission, listener) -> {
            graded.set(submission);
            return REPORT;
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
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void keyboardOnly_fromTheCoursePage_toAnExercise_typeRunAndOpenAHint() {
        browser.open("/");
        browser.awaitText("Serverless on AWS");

        // The skip link is the first stop and jumps over the header to the page's own content.
        press(Keys.TAB);
        assertEquals("Skip to content", focused().get("text"), "the first Tab reaches the skip link");
        press(Keys.ENTER);
        press(Keys.TAB);
        assertEquals(true, focused().get("inMain"), "after the skip link, Tab goes on inside the page's content: "
                + focused());

        // On to the first exercise, and open it with Enter.
        tabUntil(element -> String.valueOf(element.get("href")).endsWith("/exercises/hello-lambda"));
        press(Keys.ENTER);
        browser.awaitPath("/exercises/hello-lambda");
        browser.waitUntil().until(d -> Boolean.TRUE.equals(browser.driver().executeScript(
                "return Boolean(window.labEditor);")));

        // Into the editor: Tab stops at the file's tab, then the code.
        tabUntil(element -> Boolean.TRUE.equals(element.get("inEditor")));
        chord(Keys.CONTROL, Keys.END);
        press(Keys.ENTER);
        press(TYPED);
        press(Keys.TAB);
        assertEquals(true, focused().get("inEditor"), "Tab indents inside the editor: focus stays");
        assertTrue(code().contains(TYPED), code());
        assertTrue(code().contains(TYPED + "  "), "the Tab went into the code as spaces to the next stop: " + code());

        // The documented way out: Esc, then Tab (or Shift+Tab back to the file's tab).
        press(Keys.ESCAPE);
        press(Keys.TAB);
        Map<String, Object> after = focused();
        assertEquals(false, after.get("inEditor"), "Esc then Tab leaves the editor: " + after);
        chord(Keys.SHIFT, Keys.TAB);
        assertEquals(true, focused().get("inEditor"), "Shift+Tab comes back into the editor");
        press(Keys.ESCAPE);
        chord(Keys.SHIFT, Keys.TAB);
        assertEquals(false, focused().get("inEditor"), "Esc then Shift+Tab leaves it backwards: " + focused());
        press(Keys.TAB);
        assertEquals(true, focused().get("inEditor"));

        // Run the checks with the shortcut; the result appears beside the code.
        chord(Keys.CONTROL, Keys.ENTER);
        new WebDriverWait(browser.driver(), GRADING).until(d -> browser.text().contains("Show hint 1 of 2"));
        assertEquals("/exercises/hello-lambda", browser.url().getPath(), "the page stayed");
        assertTrue(graded.get().files().get("example/Hello.java").contains(TYPED), "the run graded the typed code");

        // Reach the failed check's hint button and open it with Space, then the next one with Enter.
        press(Keys.ESCAPE);
        tabUntil(element -> "Show hint 1 of 2".equals(element.get("text")));
        press(Keys.SPACE);
        browser.awaitText(HINT);
        browser.waitUntil().until(d -> "Show hint 2 of 2".equals(focused().get("text")));
        press(Keys.ENTER);
        browser.awaitText("Use event.get(\"name\").");
        browser.screenshot("keyboard-hint-opened");

        // And the full result page is one more link away.
        tabUntil(element -> "Open the full result page".equals(element.get("text")));
        press(Keys.ENTER);
        browser.waitUntil().until(d -> browser.url().getPath().startsWith("/submissions/"));

        assertEquals(List.of(), unoutlined, "every element Tab reaches shows where the focus is");
    }

    @Test
    void skipLink_onTheExercisePage_movesFocusPastTheHeader() {
        browser.open("/exercises/hello-lambda");
        browser.waitUntil().until(d -> Boolean.TRUE.equals(browser.driver().executeScript(
                "return Boolean(window.labEditor);")));
        press(Keys.TAB);
        assertEquals("Skip to content", focused().get("text"));
        WebElement skip = browser.driver().switchTo().activeElement();
        assertTrue(skip.getRect().getY() >= 0 && skip.isDisplayed(), "the focused skip link is on screen");
        press(Keys.ENTER);
        press(Keys.TAB);
        Map<String, Object> first = focused();
        assertEquals(true, first.get("inMain"), "the first stop after the skip link is in the content: " + first);
        assertFalse(String.valueOf(first.get("id")).equals("site-search-q"), "the header's search is skipped");
    }

    private void press(CharSequence keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
    }

    /** Holds {@code modifier} down while pressing {@code key} (Actions' sendKeys would release it first). */
    private void chord(Keys modifier, CharSequence key) {
        new Actions(browser.driver()).keyDown(modifier).sendKeys(key).keyUp(modifier).perform();
    }

    /** Presses Tab until the focused element matches, noting each element reached without a focus outline. */
    private void tabUntil(Predicate<Map<String, Object>> wanted) {
        for (int i = 0; i < MAX_TABS; i++) {
            press(Keys.TAB);
            Map<String, Object> element = focused();
            if (!Boolean.TRUE.equals(element.get("outlined"))) {
                unoutlined.add(browser.url().getPath() + ": " + element);
            }
            if (wanted.test(element)) {
                return;
            }
        }
        browser.screenshot("keyboard-not-reached");
        fail("not reached with " + MAX_TABS + " presses of Tab; focus is on " + focused());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> focused() {
        return (Map<String, Object>) browser.driver().executeScript(FOCUSED);
    }

    private String code() {
        return String.valueOf(browser.driver().executeScript(
                "return window.labEditor.files().find(f => f.path === 'example/Hello.java').content;"));
    }
}

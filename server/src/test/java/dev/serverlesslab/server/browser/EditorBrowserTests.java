package dev.serverlesslab.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.TestApp;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The exercise page's editor in Chromium: typing is autosaved as a draft the page opens with after a reload, reset to
 * the starter can be undone, a read-only tab takes no typing, and compile-error marks land on their line.
 */
@ExtendWith(ScreenshotOnFailure.class)
class EditorBrowserTests {

    private static final String TYPED = "// typed in the browser";

    @TempDir
    Path data;
    private Backend backend;
    private TestApp app;
    private Browser browser;

    @BeforeEach
    void start() {
        browser = Browser.open(URI.create("http://127.0.0.1:1/"));
        backend = TestApp.nowhere();
        app = TestApp.start(data, backend);
        browser.close();
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
    void typing_isAutosaved_andTheReloadedPageOpensWithTheDraft_andResetCanBeUndone() {
        browser.open("/exercises/hello-lambda");
        typeAtEnd("\n" + TYPED);

        browser.awaitText("Draft saved at");
        assertTrue(code("example/Hello.java").contains(TYPED));
        assertTrue(browser.driver().findElement(By.name("file:example/Hello.java")).getAttribute("value")
                .contains(TYPED), "the form's textarea holds the current code");
        assertTrue(app.get("/exercises/hello-lambda/draft").body().contains(TYPED), "the server has the draft");
        assertFalse(leavingWarns(), "nothing unsaved, so leaving does not warn");
        browser.screenshot("editor-desktop");

        browser.driver().navigate().refresh();
        browser.awaitText("Opened your draft");
        awaitEditor();
        assertTrue(code("example/Hello.java").contains(TYPED), "the page opens with the draft");

        browser.click("Reset to starter").awaitText("Reset to the starter code.");
        assertEquals(TestApp.starterFiles().get("example/Hello.java"), code("example/Hello.java"));
        browser.waitUntil().until(d -> app.get("/exercises/hello-lambda/draft").statusCode() == 404);

        browser.click("Undo").awaitText("Your code is back.");
        assertTrue(code("example/Hello.java").contains(TYPED));
        browser.waitUntil().until(d -> app.get("/exercises/hello-lambda/draft").body().contains(TYPED));
    }

    @Test
    void withTheServerUnreachable_theDraftIsKeptInTheBrowser_leavingWarns_andTheNextVisitRestoresAndSavesIt() {
        browser.open("/exercises/hello-lambda");
        awaitEditor();
        // The page's requests fail as they do when the server is down; the page itself stays.
        browser.driver().executeScript("window.fetch = function () { return Promise.reject(new TypeError('offline')); };");
        typeAtEnd("\n" + TYPED);
        browser.awaitText("The server cannot be reached");
        Object kept = browser.driver().executeScript("return window.localStorage.getItem("
                + "document.querySelector('form.editor').getAttribute('data-draft-key'));");
        assertTrue(String.valueOf(kept).contains(TYPED), "kept in the browser: " + kept);
        assertTrue(leavingWarns(), "the server does not have the edit: leaving warns");

        // WebDriver accepts the leave-page prompt itself when it navigates.
        browser.driver().navigate().refresh();

        browser.awaitText("Restored changes kept in this browser");
        assertTrue(code("example/Hello.java").contains(TYPED));
        browser.waitUntil().until(d -> app.get("/exercises/hello-lambda/draft").body().contains(TYPED));
    }

    @Test
    void readOnlyTab_takesNoTyping_andTabsFollowTheAriaPattern() {
        browser.open("/exercises/dynamodb-orders");
        awaitEditor();
        List<WebElement> tabs = browser.driver().findElements(By.cssSelector(".editor-tabs [role=tab]"));
        assertTrue(tabs.get(0).getText().startsWith("orders/OrdersHandler.java"), "the handler's file comes first");
        assertEquals("true", tabs.get(0).getAttribute("aria-selected"));
        String given = Submission.fromDirectory(TestApp.CONTENT.resolve("exercises/dynamodb-orders/starter")).files()
                .get("orders/Json.java");

        tabs.get(0).sendKeys(Keys.ARROW_RIGHT);
        assertEquals("true", tabs.get(1).getAttribute("aria-selected"), "arrow keys move between tabs");
        assertTrue(tabs.get(1).getText().contains("read-only"), tabs.get(1).getText());
        typeAtEnd("\nclass Sneaky {}");

        assertEquals(given, code("orders/Json.java"), "a read-only file cannot be edited");
        browser.screenshot("editor-read-only");
    }

    @Test
    void diagnostics_markTheirLine_andRevealSelectsTheFile() {
        browser.open("/exercises/dynamodb-orders");
        awaitEditor();

        browser.driver().executeScript("document.dispatchEvent(new CustomEvent('lab:diagnostics', {detail: ["
                + "{file: 'src/orders/Json.java', line: 3, message: 'cannot find symbol', severity: 'error'}]}));"
                + "window.labEditor.reveal('orders/Json.java', 3);");

        WebElement mark = browser.waitUntil().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".editor-file:not([hidden]) .lab-mark-error")));
        assertEquals("cannot find symbol", mark.getAttribute("title"));
        browser.awaitText("orders/Json.java line 3: Error: cannot find symbol");
        assertTrue(browser.driver().findElement(By.cssSelector(".editor-tabs [aria-selected=true]")).getText()
                .contains("orders/Json.java"));
        browser.screenshot("editor-marks");

        browser.driver().executeScript("document.dispatchEvent(new CustomEvent('lab:clear-diagnostics'));");
        assertTrue(browser.driver().findElements(By.cssSelector(".lab-mark-error")).isEmpty());
    }

    @Test
    void phoneWidth_keepsTheEditorInsideTheScreen_inDarkMode() {
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.open("/exercises/hello-lambda");
        awaitEditor();
        browser.click("Dark mode");
        browser.driver().findElement(By.cssSelector(".editor-toolbar")).getLocation();
        Object overflow = browser.driver().executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        browser.driver().executeScript("document.querySelector('form.editor').scrollIntoView();");
        browser.screenshot("editor-390-dark");
        assertEquals(0L, ((Number) overflow).longValue(), "no horizontal overflow at 390 px");
        assertFalse(browser.cssValue(".cm-s-lab.CodeMirror", "background-color").equals("rgba(251, 252, 253, 1)"),
                "the editor follows dark mode");
    }

    @Test
    void exercisePage_hasNoSeriousAccessibilityViolation_inLightOrDarkMode() throws Exception {
        String axe;
        try (var script = getClass().getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            axe = new String(script.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        for (String theme : List.of("light", "dark")) {
            browser.open("/exercises/dynamodb-orders");
            awaitEditor();
            browser.driver().executeScript("document.documentElement.setAttribute('data-theme', arguments[0]);", theme);
            // Injected through the driver, which the page's CSP does not govern; the app itself never serves axe.
            browser.driver().executeScript(axe);
            Object violations = browser.driver().executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + "axe.run(document).then(function (r) { done(JSON.stringify(r.violations.filter(function (v) {"
                    + "return v.impact === 'serious' || v.impact === 'critical'; }).map(function (v) {"
                    + "return v.id + ': ' + v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); })));"
                    + "});");
            assertEquals("[]", violations, theme + " mode");
        }
    }

    /** Whether the page asks before it is left: a cancelled beforeunload is what makes the browser ask. */
    private boolean leavingWarns() {
        return Boolean.TRUE.equals(browser.driver().executeScript("var event = new Event('beforeunload', "
                + "{cancelable: true}); window.dispatchEvent(event); return event.defaultPrevented;"));
    }

    private void awaitEditor() {
        browser.waitUntil().until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return Boolean(window.labEditor);")));
    }

    /** Clicks into the shown file's editor, goes to its end and types, as a person would. */
    private void typeAtEnd(String text) {
        awaitEditor();
        WebElement code = browser.waitUntil().until(ExpectedConditions.elementToBeClickable(
                By.cssSelector(".editor-file:not([hidden]) .CodeMirror-code")));
        code.click();
        code.sendKeys(Keys.chord(Keys.CONTROL, Keys.END));
        code.sendKeys(text);
    }

    @SuppressWarnings("unchecked")
    private String code(String path) {
        List<Map<String, String>> files = (List<Map<String, String>>) browser.driver()
                .executeScript("return window.labEditor.files();");
        return files.stream().filter(file -> file.get("path").equals(path)).findFirst().orElseThrow().get("content");
    }
}

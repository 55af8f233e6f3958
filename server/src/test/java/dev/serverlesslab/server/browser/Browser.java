package dev.serverlesslab.server.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for browser tests: Debian's {@code /usr/bin/chromium} driven by {@code /usr/bin/chromedriver}
 * (Selenium Manager never downloads anything), with a fresh profile each, so two of these are two people. Tests using
 * it are skipped, saying why, where either program is missing. Waits are Selenium's explicit waits, never sleeps.
 *
 * <p>Use in try-with-resources; call {@link #screenshot(String)} to keep what the page looked like (saved under
 * {@code target/screenshots}), e.g. from a failing test.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("lab.test.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("lab.test.chromedriver", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Pages here come from a local server; gradings may take minutes on a busy two-core machine. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    /** Browsers open now, for {@link ScreenshotOnFailure}. */
    static final Set<Browser> OPEN = ConcurrentHashMap.newKeySet();

    private final ChromeDriver driver;
    private final Path profile;
    private final URI base;

    private Browser(ChromeDriver driver, Path profile, URI base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    /**
     * A new browser whose relative paths resolve against {@code base} (e.g. {@code http://127.0.0.1:PORT}); the test
     * is skipped (not failed) when chromium or chromedriver is not installed.
     */
    public static Browser open(URI base) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no browser at " + CHROMIUM
                + ": install Debian's chromium and chromium-driver (as .ci/run does) to run the browser tests");
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER), "no chromedriver at " + CHROMEDRIVER
                + ": install Debian's chromium-driver (as .ci/run does) to run the browser tests");
        Path profile;
        try {
            profile = Files.createTempDirectory("lab-browser-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        Browser browser = new Browser(new ChromeDriver(service, options), profile, base);
        OPEN.add(browser);
        return browser;
    }

    /** Opens a path of the app (or an absolute URL). */
    public Browser open(String path) {
        driver.get(base.resolve(path).toString());
        return this;
    }

    /** Replaces the text of the field with this {@code name} (or id). */
    public Browser fill(String name, String text) {
        WebElement field = field(name);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /**
     * Sets a field's value at once, without typing it key by key: for whole source files in the editor's textareas,
     * where typing would be slow and the editor's keyboard handling (Tab) would change the text.
     */
    public Browser setValue(String name, String text) {
        // The exercise page's editor hides each textarea behind a CodeMirror (the element after it), which must show
        // the same text, or its next change would copy its own text back into the textarea.
        WebElement field = waitUntil().until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//*[@name=" + xpathLiteral(name) + " or @id=" + xpathLiteral(name) + "]")));
        driver.executeScript("var field = arguments[0]; field.value = arguments[1];"
                + "var next = field.nextElementSibling;"
                + "if (next && next.CodeMirror) { next.CodeMirror.setValue(arguments[1]); }", field, text);
        return this;
    }

    /** Clicks the button or link whose visible text is {@code text}. */
    public Browser click(String text) {
        By locator = By.xpath("//button[normalize-space()=" + xpathLiteral(text) + "] | //a[normalize-space()="
                + xpathLiteral(text) + "] | //input[@type='submit' and @value=" + xpathLiteral(text) + "]");
        waitUntil().until(ExpectedConditions.elementToBeClickable(locator)).click();
        return this;
    }

    /** Waits until the current path (without query) is {@code path}. */
    public Browser awaitPath(String path) {
        waitUntil().until(d -> URI.create(d.getCurrentUrl()).getPath().equals(path));
        return this;
    }

    /** Waits until the page's text contains {@code text}, and returns this. */
    public Browser awaitText(String text) {
        return awaitText(text, DEFAULT_WAIT);
    }

    /** Waits up to {@code timeout} until the page's text contains {@code text}. */
    public Browser awaitText(String text, Duration timeout) {
        new WebDriverWait(driver, timeout).until(d -> d.findElement(By.tagName("body")).getText().contains(text));
        return this;
    }

    /** The computed CSS value of {@code property} on the first element {@code selector} matches (e.g. styles loaded). */
    public String cssValue(String selector, String property) {
        return waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(selector)))
                .getCssValue(property);
    }

    /** The visible text of the page. */
    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** The current address, path and query. */
    public URI url() {
        return URI.create(driver.getCurrentUrl());
    }

    /** Saves a PNG of the window under {@code target/screenshots/NAME.png} and returns its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The driver, for what this fixture does not cover. */
    public ChromeDriver driver() {
        return driver;
    }

    public WebDriverWait waitUntil() {
        return new WebDriverWait(driver, DEFAULT_WAIT);
    }

    @Override
    public void close() {
        OPEN.remove(this);
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary profile is harmless
            }
        }
    }

    private WebElement field(String name) {
        return waitUntil().until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//*[@name=" + xpathLiteral(name) + " or @id=" + xpathLiteral(name) + "]")));
    }

    private static String xpathLiteral(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }
}

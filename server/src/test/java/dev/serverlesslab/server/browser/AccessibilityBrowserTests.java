package dev.serverlesslab.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.graders.check.LambdaReport;
import dev.serverlesslab.graders.console.TestResult;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.lessons.course.CourseLoader;
import dev.serverlesslab.lessons.course.Lesson;
import dev.serverlesslab.server.ContentCopy;
import dev.serverlesslab.server.SignedInClient;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.account.Account;
import dev.serverlesslab.server.account.Cohort;
import dev.serverlesslab.server.account.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.TimeoutException;

/**
 * axe-core, injected into every page type of the app (class mode, so sign-in, account, staff and dashboard pages are
 * among them), in light and dark mode: the build fails on any serious or critical violation and prints each. At a
 * 390 px wide window no page scrolls sideways as a whole (a wide code block or table scrolls by itself and must then
 * be reachable by keyboard, which axe's scrollable-region-focusable rule checks).
 */
@ExtendWith(ScreenshotOnFailure.class)
class AccessibilityBrowserTests {

    private static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    private static final String PASSWORD = "tulip-rocket-47";
    private static final List<String> BLOCKING = List.of("serious", "critical");
    /** The stand-ins answer at once, but a loaded machine may be slow to run the page's scripts. */
    private static final Duration GRADING = Duration.ofMinutes(2);
    /** What the stand-in test console run answers: a response, logs and the REPORT figures, as a real run shows. */
    private static final TestResult TESTED = new TestResult(TestResult.Outcome.SUCCEEDED, List.of(),
            "{\"greeting\":\"Hello, Ada! This response is long enough to need wrapping on a phone screen.\"}", null,
            null, List.of(), "START RequestId: 1 Version: $LATEST\nGreeting request for a name that is rather long indeed\n"
            + "END RequestId: 1\nREPORT RequestId: 1\tDuration: 2.00 ms\tBilled Duration: 2 ms\tMemory Size: 256 MB\t"
            + "Max Memory Used: 80 MB\tInit Duration: 300.00 ms\n",
            new LambdaReport("1", 2.0, 2, 256, 80, 300.0, "REPORT RequestId: 1\tDuration: 2.00 ms"), null, 40);

    @TempDir
    Path data;
    private Path content;
    private TestApp app;
    private Browser browser;

    @BeforeEach
    void start() {
        // Skips before starting anything when there is no browser here.
        Browser.open(URI.create("http://127.0.0.1:1/")).close();
        content = ContentCopy.of(data);
        writeShowcaseLesson(content);
        app = TestApp.startClass(content, data.resolve("data"), TestApp.nowhere(),
                (exercise, submission, listener) -> report(exercise.id()), (exercise, submission, event) -> TESTED);
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
    void everyPageType_hasNoSeriousOrCriticalViolation_inLightAndDarkMode_andNoSidewaysScrollAt390px() {
        Cohort cohort = app.app().cohorts().orElseThrow().create("Tuesday group");
        Account ada = app.app().accounts().orElseThrow()
                .create("ada", "Ada Lovelace", Role.STUDENT, cohort.id(), PASSWORD, false);
        app.app().accounts().orElseThrow().create("turing", "Alan Turing", Role.INSTRUCTOR, null, PASSWORD, false);
        SignedInClient student = new SignedInClient(app).signIn("ada", PASSWORD);
        String first = graded(student, TestApp.starterFiles());
        String second = graded(student, TestApp.solutionFiles());
        // hello-lambda opens its reference solution after three attempts.
        graded(student, TestApp.starterFiles());
        assertEquals(200, student.get("/exercises/hello-lambda/solution").statusCode(), "the solution page is judged");

        Map<String, String> anonymousPages = new LinkedHashMap<>();
        anonymousPages.put("sign-in", "/login");
        anonymousPages.put("sign-up", "/signup");

        Map<String, String> studentPages = new LinkedHashMap<>();
        studentPages.put("outline", "/");
        for (Lesson lesson : CourseLoader.load(content).lessons()) {
            studentPages.put("lesson " + lesson.id(), "/lessons/" + lesson.id());
        }
        ExerciseCatalog.load(content).all()
                .forEach(exercise -> studentPages.put("exercise " + exercise.id(), "/exercises/" + exercise.id()));
        studentPages.put("result", "/submissions/" + second);
        studentPages.put("diff", "/submissions/" + second + "/diff");
        studentPages.put("solution", "/exercises/hello-lambda/solution");
        studentPages.put("search", "/search?q=lambda");
        studentPages.put("account", "/account");
        studentPages.put("error", "/lessons/no-such-lesson");

        Map<String, String> staffPages = new LinkedHashMap<>();
        staffPages.put("dashboard", "/dashboard");
        staffPages.put("dashboard exercise", "/dashboard/exercises/hello-lambda");
        staffPages.put("dashboard learner", "/dashboard/learners/" + ada.learnerId());
        staffPages.put("staff", "/staff");
        staffPages.put("staff cohort", "/staff/cohorts/" + cohort.id());
        staffPages.put("staff result", "/submissions/" + first);

        List<String> problems = new ArrayList<>();
        browser = Browser.open(URI.create("http://127.0.0.1:" + app.port() + "/"));
        check(anonymousPages, problems);
        browser.open("/login").fill("username", "ada").fill("password", PASSWORD).click("Sign in").awaitPath("/");
        check(studentPages, problems);
        checkWorkbenchAfterARunAndATest(problems);
        browser.close();

        browser = Browser.open(URI.create("http://127.0.0.1:" + app.port() + "/"));
        browser.open("/login").fill("username", "turing").fill("password", PASSWORD).click("Sign in").awaitPath("/");
        check(staffPages, problems);

        problems.forEach(System.out::println);
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    /** Each page in light and in dark mode at desktop width, then at 390 px. */
    private void check(Map<String, String> pages, List<String> problems) {
        for (String theme : List.of("light", "dark")) {
            browser.open("/");
            browser.driver().executeScript("localStorage.setItem('lab-theme', arguments[0]);", theme);
            pages.forEach((name, path) -> {
                browser.open(path);
                problems.addAll(axe(name + " (" + theme + ")"));
            });
        }
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        try {
            pages.forEach((name, path) -> {
                browser.open(path);
                overflow(name + " at 390 px", problems);
                problems.addAll(axe(name + " (390 px)"));
            });
        } finally {
            browser.driver().manage().window().setSize(new Dimension(1280, 900));
        }
    }

    /**
     * The exercise page once the learner has run the checks (the results panel holds a report with logs and hints) and
     * tried an event in the test console (response, logs, REPORT figures): light, dark and 390 px.
     */
    private void checkWorkbenchAfterARunAndATest(List<String> problems) {
        for (String theme : List.of("light", "dark", "390 px")) {
            if (theme.equals("390 px")) {
                browser.driver().manage().window().setSize(new Dimension(390, 844));
            } else {
                browser.driver().executeScript("localStorage.setItem('lab-theme', arguments[0]);", theme);
            }
            try {
                browser.open("/exercises/hello-lambda");
                browser.click("Run checks").awaitText("Open the full result page", GRADING);
                browser.waitUntil().until(driver -> driver.findElements(By.cssSelector("#console-sample option"))
                        .size() > 1);
                browser.click("Test").awaitText("Billed duration", GRADING);
                String name = "workbench after a run and a test (" + theme + ")";
                overflow(name, problems);
                problems.addAll(axe(name));
            } finally {
                browser.driver().manage().window().setSize(new Dimension(1280, 900));
            }
        }
    }

    /** Notes the open page when it is wider than the window, i.e. scrolls sideways as a whole. */
    private void overflow(String name, List<String> problems) {
        Number overflow = (Number) browser.driver().executeScript(
                "return document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth;");
        if (overflow.intValue() > 0) {
            browser.screenshot("overflow-" + name.replaceAll("[^A-Za-z0-9]+", "-"));
            problems.add(name + ": the page is " + overflow + " px wider than the window; widest: "
                    + browser.driver().executeScript(WIDEST));
        }
    }

    /** The element sticking out furthest to the right, to say what to fix. */
    private static final String WIDEST = """
            const clipped = element => {
              for (let above = element.parentElement; above && above !== document.body; above = above.parentElement) {
                if (getComputedStyle(above).overflowX !== 'visible') return true;
              }
              return false;
            };
            let widest = null, right = 0;
            for (const element of document.body.querySelectorAll('*')) {
              const box = element.getBoundingClientRect();
              if (box.right > right && getComputedStyle(element).position !== 'fixed' && !clipped(element)) {
                right = box.right; widest = element;
              }
            }
            return widest ? widest.tagName.toLowerCase() + (widest.className ? '.' + widest.className : '')
                + ' ends at ' + Math.round(right) + ' px' : 'none';
            """;

    /** axe-core's serious and critical violations on the open page, one line per rule and element. */
    @SuppressWarnings("unchecked")
    private List<String> axe(String page) {
        // Diagrams are drawn after the page is up; judge the page as a reader sees it once they are.
        try {
            browser.waitUntil().until(driver -> (Boolean) browser.driver().executeScript(
                    "return !document.querySelector('pre.mermaid')"
                            + " || document.documentElement.getAttribute('data-diagrams') === 'drawn';"));
        } catch (TimeoutException e) {
            return List.of(page + ": its diagrams were not drawn within " + Browser.DEFAULT_WAIT);
        }
        browser.driver().executeScript(axeSource());
        List<Map<String, Object>> violations = (List<Map<String, Object>>) browser.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']})"
                        + ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                        + " nodes: v.nodes.map(n => n.target.join(' ') + ': ' + (n.failureSummary || ''))}))),"
                        + " e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));");
        List<String> found = new ArrayList<>();
        for (Map<String, Object> violation : violations) {
            if (BLOCKING.contains(String.valueOf(violation.get("impact")))) {
                found.add(page + ": " + violation.get("impact") + " " + violation.get("id") + " (" + violation.get("help")
                        + ") at " + violation.get("nodes"));
            }
        }
        return found;
    }

    private static String axeSource() {
        try (InputStream in = AccessibilityBrowserTests.class.getResourceAsStream(AXE)) {
            assertTrue(in != null, "axe-core is not on the test class path at " + AXE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The shipped lessons use no content tabs, task lists, footnotes or collapsible admonitions: a lesson that does,
     * so every construct the renderer offers is on a checked page.
     */
    private static void writeShowcaseLesson(Path content) {
        ContentCopy.replace(content.resolve("course.yml"), "05-kms-and-ssm-parameter-store]",
                "05-kms-and-ssm-parameter-store, 06-showcase]");
        try {
            Files.writeString(content.resolve("lessons/06-showcase.md"), """
                    ---
                    title: Everything a lesson can hold
                    summary: Tabs, task lists, footnotes, admonitions, tables wider than a phone, long code, a diagram and a quiz.
                    ---
                    [TOC]

                    ## Tabs

                    === "Java"

                        ```java
                        public String handleRequest(Map<String, String> event, Context context) { return "a long line that is wider than a phone screen"; }
                        ```

                    === "Python"

                        Text in the second tab.

                    ## Lists and notes

                    - [x] a done task
                    - [ ] an open task

                    A claim with a footnote.[^1]

                    [^1]: The footnote.

                    ??? tip "Collapsed"
                        Hidden until opened.

                    !!! warning "Open"
                        Shown at once.

                    | Left | Centre | Right |
                    |:-----|:------:|------:|
                    | a | b | c |

                    | Operation | Request shape | Response shape | Errors | Throttling | Pagination | Notes |
                    |---|---|---|---|---|---|---|
                    | `TransactWriteItems` | `{"TransactItems":[{"Put":{"TableName":"orders"}}]}` | `{"ItemCollectionMetrics":{}}` | `TransactionCanceledException` | `ProvisionedThroughputExceededException` | none | all or nothing |

                    ```text
                    REPORT RequestId: 3f1c2a4e-1111-2222-3333-444455556666	Duration: 12.34 ms	Billed Duration: 13 ms	Memory Size: 256 MB	Max Memory Used: 80 MB	Init Duration: 300.00 ms
                    ```

                    A long address: https://docs.aws.amazon.com/lambda/latest/dg/configuration-function-common.html#configuration-memory-console

                    ```mermaid
                    flowchart LR
                      A[Client] -->|request| B[Lambda]
                    ```

                    ```quiz
                    id: showcase
                    question: Which one is a task list item?
                    options:
                      - text: "- [x] done"
                        correct: true
                      - text: "1. first"
                    ```
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String graded(SignedInClient client, Map<String, String> files) {
        HttpResponse<String> submitted = client.submit("hello-lambda", files);
        String location = submitted.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertTrue(client.awaitFinished(id).path("finished").asBoolean());
        return id;
    }

    /** A report with what result pages show: a passed and a failed check, a hint, logs and a REPORT line. */
    private static GradingReport report(String exerciseId) {
        return new GradingReport(exerciseId, Status.FAILED, "1 of 2 checks passed", List.of(), List.of(
                new CheckResult("greets Ada", Status.PASSED, null, 12, 1, 1, null, false),
                new CheckResult("refuses a missing name", Status.FAILED,
                        "Expected the event {\"name\":\" \"} to fail the invocation with"
                                + " java.lang.IllegalArgumentException, but it succeeded and returned"
                                + " {\"greeting\":\"Hello, world!\"}",
                        15, 0, 1, "Check the name before you greet.", false)),
                List.of(), "START RequestId: 1\nhello\nEND RequestId: 1\n",
                List.of("REPORT RequestId: 1\tDuration: 2.00 ms\tBilled Duration: 2 ms\tMemory Size: 256 MB\t"
                        + "Max Memory Used: 80 MB\tInit Duration: 300.00 ms"), 40);
    }
}

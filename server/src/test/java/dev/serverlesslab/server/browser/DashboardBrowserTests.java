package dev.serverlesslab.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.SignedInClient;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.account.Cohort;
import dev.serverlesslab.server.account.Role;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instructor in a browser follows a class-mode class: a student's graded submission shows in the dashboard's
 * matrix, the student's timeline opens with the unredacted report, and the CSV export downloads with the instructor's
 * session (and only with it).
 */
@ExtendWith(ScreenshotOnFailure.class)
class DashboardBrowserTests {

    private static final String PASSWORD = "tulip-rocket-47";

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
        app = TestApp.startClass(data, backend);
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
    void instructor_seesTheStudentsGradedWork_opensTheTimeline_andExportsTheMatrixAsCsv() {
        Cohort cohort = app.app().cohorts().orElseThrow().create("Tuesday group");
        app.app().accounts().orElseThrow().create("ada", "Ada Lovelace", Role.STUDENT, cohort.id(), PASSWORD, false);
        app.app().accounts().orElseThrow().create("turing", "Alan Turing", Role.INSTRUCTOR, null, PASSWORD, false);
        SignedInClient ada = new SignedInClient(app).signIn("ada", PASSWORD);
        HttpResponse<String> submitted = ada.submit("hello-lambda", TestApp.solutionFiles());
        String location = submitted.headers().firstValue("Location").orElseThrow();
        String submissionId = location.substring(location.lastIndexOf('/') + 1);
        assertTrue(ada.awaitFinished(submissionId).path("finished").asBoolean());

        browser = Browser.open(URI.create("http://127.0.0.1:" + app.port() + "/"));
        browser.open("/dashboard").awaitPath("/login");
        browser.fill("username", "turing").fill("password", PASSWORD).click("Sign in").awaitPath("/dashboard");
        browser.awaitText("Ada Lovelace");
        browser.screenshot("dashboard-matrix");
        String matrix = browser.text();
        assertTrue(matrix.contains("Tuesday group"), "the student's cohort is in her row: " + matrix);
        assertTrue(matrix.contains("passed"), "her hello-lambda cell says she passed: " + matrix);

        browser.click("Ada Lovelace").awaitText("Ada Lovelace");
        assertTrue(browser.url().getPath().startsWith("/dashboard/learners/"), browser.url().toString());
        assertTrue(browser.driver().getPageSource().contains(submissionId), "her attempt is on her timeline");
        browser.open("/submissions/" + submissionId).awaitText("All checks passed");
        assertTrue(browser.text().contains("example/Hello"), "staff see the submitted code: " + browser.text());

        // The export link, fetched with the browser's own session cookie as a click on it would.
        browser.open("/dashboard");
        String csv = (String) browser.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(document.querySelector(\"a[href^='/dashboard/export/matrix.csv']\").href)"
                        + ".then(r => r.text()).then(done, e => done('failed: ' + e));");
        List<String> lines = csv.lines().toList();
        assertTrue(lines.get(0).startsWith("handle,display name,cohort"), "a CSV header row: " + csv);
        assertTrue(lines.get(0).contains("hello-lambda score"), "the header names the exercise: " + csv);
        String row = lines.stream().filter(line -> line.contains("ada")).findFirst().orElseThrow(
                () -> new AssertionError("no row for ada in " + csv));
        assertTrue(row.contains("Tuesday group") && row.contains("passed"), row);

        // Without a session the same address sends to the sign-in page, and a student gets a refusal, not the data.
        HttpResponse<String> anonymous = new SignedInClient(app).get("/dashboard/export/matrix.csv");
        assertEquals(303, anonymous.statusCode(), anonymous.body());
        assertTrue(anonymous.headers().firstValue("Location").orElse("").startsWith("/login"));
        HttpResponse<String> student = ada.get("/dashboard/export/matrix.csv");
        assertEquals(403, student.statusCode(), student.body());
        assertTrue(!student.body().contains("Tuesday group"), student.body());
    }
}

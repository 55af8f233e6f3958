package dev.serverlesslab.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.account.Cohort;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two students in two browsers against a class-mode app grading on the embedded backend: sign up with the join code,
 * submit the hello-lambda solution, see it graded in their own history and progress, and not see each other's.
 */
@ExtendWith(ScreenshotOnFailure.class)
class ClassroomBrowserTests {

    private static final String PASSWORD = "tulip-rocket-47";
    /** A grading compiles and starts a JVM on a shared two-core machine. */
    private static final Duration GRADING = Duration.ofMinutes(4);

    @TempDir
    Path data;
    private Backend backend;
    private TestApp app;
    private final List<Browser> browsers = new ArrayList<>();

    @BeforeEach
    void start() {
        // Skips before starting anything when there is no browser here.
        browsers.add(Browser.open(URI.create("http://127.0.0.1:1/")));
        browsers.remove(0).close();
        backend = Backend.embedded();
        app = TestApp.startClass(data, backend);
    }

    @AfterEach
    void stop() {
        browsers.forEach(Browser::close);
        if (app != null) {
            app.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void student_signsUp_submits_seesOwnHistoryAndProgress_andAnotherStudentSeesNoneOfIt() {
        Cohort cohort = app.app().cohorts().orElseThrow().create("Group A");
        Browser ada = browser();

        ada.open("/").awaitPath("/login");
        ada.screenshot("login");
        assertEquals("flex", ada.cssValue(".site-header", "display"), "lab.css reaches the sign-in page too");
        ada.click("Sign up with your join code").awaitPath("/signup");
        ada.screenshot("signup");
        ada.fill("code", cohort.joinCode().toLowerCase(java.util.Locale.ROOT)).fill("username", "Ada")
                .fill("displayName", "Ada Lovelace").fill("password", PASSWORD).fill("password2", PASSWORD)
                .click("Create account").awaitPath("/");
        assertTrue(ada.text().contains("Ada Lovelace"), "the user menu names her: " + ada.text());

        ada.open("/exercises/hello-lambda");
        TestApp.solutionFiles().forEach((file, source) -> ada.setValue("file:" + file, source));
        ada.click("Run checks").awaitText("All checks passed", GRADING);
        // The result appears on the exercise page; its panel links to the full result page.
        String submission = URI.create(ada.driver().findElement(org.openqa.selenium.By.id("results-page-link"))
                .getAttribute("href")).getPath();
        assertTrue(submission.startsWith("/submissions/"), submission);

        ada.open("/exercises/hello-lambda").awaitText("Your attempts");
        assertTrue(ada.driver().getPageSource().contains(submission), "her attempt is in her history");
        ada.open("/").awaitText("✓ done");
        ada.screenshot("outline-after-passing");

        ada.click("Log out").awaitPath("/login");
        ada.open(submission).awaitPath("/login");

        // Bob signs up in another browser: none of Ada's work is his.
        Browser bob = browser();
        bob.open("/signup").fill("code", cohort.joinCode()).fill("username", "bob").fill("displayName", "Bob")
                .fill("password", PASSWORD).fill("password2", PASSWORD).click("Create account").awaitPath("/");
        assertFalse(bob.text().contains("✓ done"), "Bob's outline shows no progress: " + bob.text());
        assertTrue(bob.text().contains("0 of"), "Bob's modules count nothing done: " + bob.text());
        bob.open("/exercises/hello-lambda");
        assertFalse(bob.text().contains("Your attempts"), bob.text());
        assertFalse(bob.driver().getPageSource().contains(submission));
        bob.open(submission).awaitText("Not found");
        assertFalse(bob.text().contains("All checks passed"), bob.text());
    }

    @Test
    void signIn_withWrongPassword_saysSo_thenSignsInAndGoesWhereItWasHeaded() {
        app.app().accounts().orElseThrow().create("grace", "Grace Hopper",
                dev.serverlesslab.server.account.Role.STUDENT, null, PASSWORD, false);
        Browser grace = browser();

        grace.open("/exercises/hello-lambda").awaitPath("/login");
        grace.fill("username", "grace").fill("password", "not-her-password").click("Sign in")
                .awaitText("The username or password is wrong.");
        grace.fill("password", PASSWORD).click("Sign in").awaitPath("/exercises/hello-lambda");
        assertEquals("/exercises/hello-lambda", grace.url().getPath());
    }

    private Browser browser() {
        Browser browser = Browser.open(URI.create("http://127.0.0.1:" + app.port() + "/"));
        browsers.add(browser);
        return browser;
    }
}

package dev.serverlesslab.server.dashboard;

import static dev.serverlesslab.server.dashboard.ClassFixture.hiddenFail;
import static dev.serverlesslab.server.dashboard.ClassFixture.pass;
import static dev.serverlesslab.server.dashboard.ClassFixture.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.server.account.Role;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A submission's page as staff see it (full report, the code, a re-grade) and as its student does. */
class StaffSubmissionPageTests {

    private static final String SECRET_MESSAGE = "expected the secret value 42";
    private static final String SECRET_HINT = "the secret hint";

    @TempDir
    Path data;
    private DashboardApp dashboard;
    private String id;

    @BeforeEach
    void start() {
        dashboard = new DashboardApp(data);
        id = dashboard.school.graded(dashboard.ada, "hello-lambda", report("hello-lambda", pass("greets Ada", 1),
                hiddenFail("secret rule", SECRET_MESSAGE, SECRET_HINT)));
    }

    @AfterEach
    void stop() {
        dashboard.close();
    }

    @Test
    void staff_seeHiddenChecksInFull_theEscapedCode_andAReGrade() {
        String page = dashboard.app.get("/submissions/" + id).body();

        assertTrue(page.contains(SECRET_MESSAGE) && page.contains(SECRET_HINT), page);
        assertTrue(page.contains("hidden from students"), "staff are told which checks students see redacted");
        assertTrue(page.contains("// &lt;b&gt;not markup&lt;/b&gt;"), "the code, escaped: " + page);
        assertFalse(page.contains("<b>not markup</b>"), page);
        assertTrue(page.contains("action=\"/dashboard/submissions/" + id + "/regrade\""), page);
        assertTrue(page.contains("/dashboard/learners/" + dashboard.ada), page);
    }

    @Test
    void theStudent_seesHiddenChecksRedacted_andNoStaffPanel() {
        dashboard.actAs(dashboard.adaViewer());

        String page = dashboard.app.get("/submissions/" + id).body();

        assertTrue(page.contains("secret rule") && page.contains(CheckResult.HIDDEN), page);
        assertFalse(page.contains(SECRET_MESSAGE) || page.contains(SECRET_HINT), page);
        assertFalse(page.contains("For staff") || page.contains("not markup") || page.contains("/regrade"), page);
    }

    @Test
    void anotherStudent_getsNotFound() {
        dashboard.actAs(ClassFixture.viewer(dashboard.bob, "bob", Role.STUDENT));

        assertEquals(404, dashboard.app.get("/submissions/" + id).statusCode());
    }
}

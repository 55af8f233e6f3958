package dev.serverlesslab.server.dashboard;

import static dev.serverlesslab.server.dashboard.ClassFixture.compileError;
import static dev.serverlesslab.server.dashboard.ClassFixture.fail;
import static dev.serverlesslab.server.dashboard.ClassFixture.pass;
import static dev.serverlesslab.server.dashboard.ClassFixture.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.server.account.Role;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's pages over HTTP, as an instructor and as a student sees them. */
class DashboardPagesTests {

    private static final String MARKUP = "<script>alert(1)</script>";

    @TempDir
    Path data;
    private DashboardApp dashboard;

    @BeforeEach
    void start() {
        dashboard = new DashboardApp(data);
    }

    @AfterEach
    void stop() {
        dashboard.close();
    }

    @Test
    void everyDashboardRoute_answersAStudent403WithAMessage_andNoClassData() {
        String submission = dashboard.school.graded(dashboard.bob, "hello-lambda",
                report("hello-lambda", pass("greets", 1)));
        dashboard.actAs(dashboard.adaViewer());
        List<HttpRequest.Builder> routes = List.of(
                dashboard.app.request("/dashboard").GET(),
                dashboard.app.request("/dashboard?cohort=" + dashboard.groupB).GET(),
                dashboard.app.request("/dashboard/exercises/hello-lambda").GET(),
                dashboard.app.request("/dashboard/learners/" + dashboard.bob).GET(),
                dashboard.app.request("/dashboard/export/matrix.csv").GET(),
                dashboard.app.request("/dashboard/export/matrix.json").GET(),
                dashboard.app.request("/dashboard/export/attempts.csv").GET(),
                dashboard.app.request("/dashboard/export/attempts.json").GET(),
                dashboard.app.request("/dashboard/exercises/hello-lambda/regrade").POST(noBody()),
                dashboard.app.request("/dashboard/submissions/" + submission + "/regrade").POST(noBody()));

        for (HttpRequest.Builder route : routes) {
            HttpRequest request = route.build();
            HttpResponse<String> response = dashboard.app.send(request);
            assertEquals(403, response.statusCode(), request.method() + " " + request.uri());
            assertTrue(response.body().contains("for the course staff"), request.uri() + ": " + response.body());
            assertFalse(response.body().contains("Bob"), request.uri() + " shows another student");
        }
        assertEquals("DONE", dashboard.school.store().find(submission).orElseThrow().state().name(),
                "the refused re-grade queued nothing");
    }

    @Test
    void matrix_showsEachStudentsBestScoreAttemptsAndStanding_inCourseOrder() {
        var school = dashboard.school;
        school.graded(dashboard.ada, "hello-lambda", report("hello-lambda", fail("greets", 2), pass("bye", 1)));
        school.graded(dashboard.ada, "hello-lambda", report("hello-lambda", pass("greets", 2), pass("bye", 1)));
        school.graded(dashboard.bob, "hello-lambda", report("hello-lambda", fail("greets", 2), pass("bye", 1)));
        school.graded(dashboard.bob, "dynamodb-orders", compileError("dynamodb-orders"));
        dashboard.holdGradings();
        school.waiting(dashboard.carol, "hello-lambda");
        school.graded(dashboard.instructor.learnerId(), "hello-lambda", report("hello-lambda", pass("greets", 2)));

        HttpResponse<String> response = dashboard.app.get("/dashboard");

        assertEquals(200, response.statusCode(), response.body());
        String page = response.body();
        List<String> rows = rows(page);
        assertEquals(3, rows.size(), "three students, not the instructor: " + rows);
        assertTrue(rows.get(0).contains("Ada Lovelace") && rows.get(0).contains("Group A"), rows.get(0));
        assertTrue(rows.get(0).contains("3/3") && rows.get(0).contains("passed, 2 attempts"), rows.get(0));
        assertTrue(rows.get(1).contains("Bob") && rows.get(1).contains("1/3")
                && rows.get(1).contains("some points, 1 attempt"), rows.get(1));
        assertTrue(rows.get(1).contains("no points, 1 attempt"), "Bob's dynamodb-orders did not compile: " + rows.get(1));
        assertTrue(rows.get(2).contains("Carol") && rows.get(2).contains("—")
                && rows.get(2).contains("not graded yet, 1 attempt"), rows.get(2));
        assertFalse(page.contains("Teacher"), "staff are not students");
        int hello = page.indexOf("Hello, Lambda");
        int orders = page.indexOf("Orders in DynamoDB");
        int ssm = page.indexOf("Configuration from Parameter Store");
        assertTrue(hello > 0 && hello < orders && orders < ssm, "columns follow the course, not the alphabet");
        assertTrue(page.contains("1 of 3 passed"), "hello-lambda's total: " + page);
        assertTrue(page.contains("<th scope=\"col\">Student</th>") && page.contains("<caption>"), "accessible table");
    }

    @Test
    void cohortFilter_showsOnlyThatCohort_andAnUnknownCohortIsRefusedWithTheValidOnes() {
        dashboard.school.graded(dashboard.ada, "hello-lambda", report("hello-lambda", pass("greets", 1)));
        dashboard.school.graded(dashboard.bob, "hello-lambda", report("hello-lambda", fail("greets", 1)));

        List<String> rows = rows(dashboard.app.get("/dashboard?cohort=" + dashboard.groupB).body());
        assertEquals(1, rows.size(), rows.toString());
        assertTrue(rows.get(0).contains("Bob"), rows.get(0));

        HttpResponse<String> unknown = dashboard.app.get("/dashboard?cohort=999");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("There is no cohort &#39;999&#39;")
                && unknown.body().contains(dashboard.groupA + " (Group A)"), unknown.body());
        assertEquals(400, dashboard.app.get("/dashboard?cohort=Group%20A").statusCode());
    }

    @Test
    void exercisePage_ranksChecksWorstFirst_overEachStudentsLatestGradedAttempt() {
        var school = dashboard.school;
        // Ada failed "greets" once, then passed everything: only her latest attempt counts.
        school.graded(dashboard.ada, "hello-lambda", report("hello-lambda", fail("greets", 1), fail("bye", 1)));
        school.graded(dashboard.ada, "hello-lambda", report("hello-lambda", pass("greets", 1), pass("bye", 1)));
        school.graded(dashboard.bob, "hello-lambda", report("hello-lambda", pass("greets", 1), fail("bye", 1)));
        school.graded(dashboard.carol, "hello-lambda", report("hello-lambda", fail("greets", 1), fail("bye", 1)));
        school.graded(dashboard.carol, "hello-lambda", compileError("hello-lambda"));
        dashboard.holdGradings();
        school.waiting(dashboard.bob, "hello-lambda");

        String page = dashboard.app.get("/dashboard/exercises/hello-lambda").body();

        int bye = page.indexOf(">bye<");
        int greets = page.indexOf(">greets<");
        assertTrue(bye > 0 && bye < greets, "bye (1 of 2) before greets (2 of 2): " + page);
        assertTrue(page.contains("1 of 2") && page.contains("2 of 2") && page.contains(">50%<")
                && page.contains(">100%<"), page);
        assertTrue(page.contains("latest graded attempt of each of 2 students"), "Carol's did not compile: " + page);
        assertTrue(page.contains("1 student(s) have a latest attempt with no check results"), page);
        assertEquals(6, count(page, "/submissions/"), "every attempt listed: " + page);
    }

    @Test
    void learnerTimeline_listsEveryAttemptNewestFirst_withOutcomesAndLinks() {
        String first = dashboard.school.graded(dashboard.ada, "hello-lambda",
                report("hello-lambda", fail("greets", 1)));
        String second = dashboard.school.graded(dashboard.ada, "dynamodb-orders", compileError("dynamodb-orders"));
        String third = dashboard.school.graded(dashboard.ada, "hello-lambda", report("hello-lambda", pass("greets", 1)));

        String page = dashboard.app.get("/dashboard/learners/" + dashboard.ada).body();

        int a = page.indexOf("/submissions/" + third);
        int b = page.indexOf("/submissions/" + second);
        int c = page.indexOf("/submissions/" + first);
        assertTrue(a > 0 && a < b && b < c, "newest first: " + page);
        assertTrue(page.contains("outcome-passed") && page.contains("compile error")
                && page.contains("outcome-failed"), page);
        String onlyHello = dashboard.app.get("/dashboard/learners/" + dashboard.ada + "?exercise=hello-lambda").body();
        assertFalse(onlyHello.contains("/submissions/" + second), "the cell's link narrows to its exercise");
        assertEquals(404, dashboard.app.get("/dashboard/learners/424242").statusCode());
        assertEquals(404, dashboard.app.get("/dashboard/learners/not-a-number").statusCode());
        assertEquals(404, dashboard.app.get("/dashboard/exercises/no-such-exercise").statusCode());
    }

    @Test
    void namesPeopleChose_areShownAsText_neverAsMarkup() {
        long mallory = dashboard.school.learner("mallory", MARKUP, Role.STUDENT, dashboard.groupA);
        dashboard.school.graded(mallory, "hello-lambda", report("hello-lambda", pass(MARKUP, 1)));

        for (String path : List.of("/dashboard", "/dashboard/exercises/hello-lambda", "/dashboard/learners/" + mallory)) {
            String page = dashboard.app.get(path).body();
            assertFalse(page.contains(MARKUP), path);
            assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), path + ": " + page);
        }
    }

    /** The body rows of the matrix, one string each. */
    static List<String> rows(String page) {
        int body = page.indexOf("<tbody>");
        if (body < 0) {
            return List.of();
        }
        String tbody = page.substring(body, page.indexOf("</tbody>", body));
        Matcher row = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(tbody);
        List<String> rows = new java.util.ArrayList<>();
        while (row.find()) {
            rows.add(row.group(1).replaceAll("\\s+", " "));
        }
        return rows;
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static HttpRequest.BodyPublisher noBody() {
        return HttpRequest.BodyPublishers.noBody();
    }
}

package dev.serverlesslab.server.dashboard;

import static dev.serverlesslab.server.dashboard.ClassFixture.fail;
import static dev.serverlesslab.server.dashboard.ClassFixture.pass;
import static dev.serverlesslab.server.dashboard.ClassFixture.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.server.submission.SubmissionState;
import dev.serverlesslab.server.submission.SubmissionStore;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-grading over HTTP: what goes back to the queue, what stays shown meanwhile, and what replaces it. */
class RegradingTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path data;
    private DashboardApp dashboard;
    private SubmissionStore store;

    @BeforeEach
    void start() {
        dashboard = new DashboardApp(data);
        store = dashboard.school.store();
    }

    @AfterEach
    void stop() {
        dashboard.close();
    }

    @Test
    void regradeOne_requeuesIt_keepsTheOldReportMeanwhile_thenTheNewReportReplacesIt() {
        String id = dashboard.school.graded(dashboard.ada, "hello-lambda", report("hello-lambda", fail("greets", 3)));
        dashboard.holdGradings();
        dashboard.nextReport.set(report("hello-lambda", pass("greets", 3)));

        HttpResponse<String> confirmation = post("/dashboard/submissions/" + id + "/regrade", "");

        assertEquals(200, confirmation.statusCode(), confirmation.body());
        assertTrue(confirmation.body().contains("1 submission was queued for grading again"), confirmation.body());
        Awaitility.await().atMost(WAIT).until(() -> store.find(id).orElseThrow().state() == SubmissionState.RUNNING);
        assertEquals(0, store.report(id).orElseThrow().score(), "the old report stays until the new one replaces it");
        assertTrue(DashboardPagesTests.rows(dashboard.app.get("/dashboard").body()).get(0).contains("0/3"),
                "the matrix keeps the old verdict while the re-grade runs");

        dashboard.gate.countDown();

        Awaitility.await().atMost(WAIT).until(() -> store.find(id).orElseThrow().state() == SubmissionState.DONE);
        assertEquals(3, store.report(id).orElseThrow().score());
        assertTrue(DashboardPagesTests.rows(dashboard.app.get("/dashboard").body()).get(0).contains("3/3"));
    }

    @Test
    void regradeExercise_latestScope_queuesEachStudentsLatestOnly_andLeavesPendingOnesAlone() {
        String adaOld = dashboard.school.graded(dashboard.ada, "hello-lambda", report("hello-lambda", fail("g", 1)));
        String adaLatest = dashboard.school.graded(dashboard.ada, "hello-lambda", report("hello-lambda", fail("g", 1)));
        String bobLatest = dashboard.school.graded(dashboard.bob, "hello-lambda", report("hello-lambda", fail("g", 1)));
        dashboard.holdGradings();
        String carolWaiting = dashboard.school.waiting(dashboard.carol, "hello-lambda");
        String other = dashboard.school.graded(dashboard.ada, "dynamodb-orders", report("dynamodb-orders", fail("g", 1)));
        dashboard.nextReport.set(report("hello-lambda", pass("g", 1)));

        HttpResponse<String> confirmation = post("/dashboard/exercises/hello-lambda/regrade", "scope=latest");

        assertEquals(200, confirmation.statusCode(), confirmation.body());
        assertTrue(confirmation.body().contains("2 submissions were queued for grading again"), confirmation.body());
        assertTrue(confirmation.body().contains("1 was already waiting or being graded"), confirmation.body());
        dashboard.gate.countDown();
        Awaitility.await().atMost(WAIT).until(() -> store.report(adaLatest).orElseThrow().score() == 1
                && store.report(bobLatest).orElseThrow().score() == 1);
        assertEquals(0, store.report(adaOld).orElseThrow().score(), "an older attempt is left as it was");
        assertEquals(0, store.report(other).orElseThrow().score(), "another exercise is left as it was");
        // Carol's was waiting in the database queue all along: the re-grade skipped it (counted above) and the
        // queue grades it once, as it would have anyway.
        Awaitility.await().atMost(WAIT).until(() -> store.find(carolWaiting).orElseThrow().state() == SubmissionState.DONE);
    }

    @Test
    void regradeExercise_allScope_inOneCohort_queuesEveryAttemptOfThatCohortOnly() {
        String adaOld = dashboard.school.graded(dashboard.ada, "hello-lambda", report("hello-lambda", fail("g", 1)));
        String adaLatest = dashboard.school.graded(dashboard.ada, "hello-lambda", report("hello-lambda", fail("g", 1)));
        String bob = dashboard.school.graded(dashboard.bob, "hello-lambda", report("hello-lambda", fail("g", 1)));
        dashboard.nextReport.set(report("hello-lambda", pass("g", 1)));

        HttpResponse<String> confirmation = post("/dashboard/exercises/hello-lambda/regrade",
                "scope=all&cohort=" + dashboard.groupA);

        assertTrue(confirmation.body().contains("2 submissions were queued"), confirmation.body());
        Awaitility.await().atMost(WAIT).until(() -> List.of(adaOld, adaLatest).stream()
                .allMatch(id -> store.report(id).orElseThrow().score() == 1
                        && store.find(id).orElseThrow().state() == SubmissionState.DONE));
        assertEquals(0, store.report(bob).orElseThrow().score(), "Bob is in Group B");
    }

    @Test
    void regrade_refusesAnUnknownScope_anUnknownSubmission_andAnotherSitesForm() {
        String id = dashboard.school.graded(dashboard.ada, "hello-lambda", report("hello-lambda", fail("g", 1)));

        HttpResponse<String> scope = post("/dashboard/exercises/hello-lambda/regrade", "scope=everything");
        assertEquals(400, scope.statusCode());
        assertTrue(scope.body().contains("use &#39;latest&#39;"), scope.body());
        assertEquals(404, post("/dashboard/submissions/20240101-000000-000-zzzz/regrade", "").statusCode());
        HttpResponse<String> forged = dashboard.app.send(dashboard.app.request("/dashboard/submissions/" + id + "/regrade")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString(""))
                .build());
        assertEquals(403, forged.statusCode());
        assertEquals(SubmissionState.DONE, store.find(id).orElseThrow().state(), "nothing was queued");
    }

    private HttpResponse<String> post(String path, String form) {
        return dashboard.app.send(dashboard.app.request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "http://127.0.0.1:" + dashboard.app.port())
                .header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }
}

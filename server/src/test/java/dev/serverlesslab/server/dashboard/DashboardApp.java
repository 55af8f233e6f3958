package dev.serverlesslab.server.dashboard;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.account.Role;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.database.Database;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The web app with a small class in it, for the dashboard's HTTP tests: cohorts "Group A" and "Group B", students
 * Ada (A), Bob (B) and Carol (no cohort), and an instructor. Requests are made as whoever {@link #actAs} names
 * (the instructor to begin with); gradings are done by a stand-in that returns {@link #nextReport} once
 * {@link #gate} opens, so a re-grade can be held still and then let through.
 */
final class DashboardApp implements AutoCloseable {

    final TestApp app;
    final ClassFixture school;
    final long groupA;
    final long groupB;
    final long ada;
    final long bob;
    final long carol;
    final Viewer instructor;
    final AtomicReference<GradingReport> nextReport = new AtomicReference<>();
    volatile CountDownLatch gate = new CountDownLatch(0);

    private final Backend backend;
    private final Database database;
    private final AtomicReference<Viewer> viewer = new AtomicReference<>();

    DashboardApp(Path data) {
        backend = TestApp.nowhere();
        database = Database.embedded(data);
        school = new ClassFixture(database);
        groupA = school.cohort("Group A");
        groupB = school.cohort("Group B");
        ada = school.learner("ada", "Ada Lovelace", Role.STUDENT, groupA);
        bob = school.learner("bob", "Bob", Role.STUDENT, groupB);
        carol = school.learner("carol", "Carol", Role.STUDENT, null);
        instructor = ClassFixture.viewer(school.learner("teach", "Teacher", Role.INSTRUCTOR, null), "teach",
                Role.INSTRUCTOR);
        viewer.set(instructor);
        app = TestApp.start(data, backend, viewer::get, (exercise, submission, listener) -> {
            try {
                if (!gate.await(2, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("the test never opened the grading gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return nextReport.get();
        });
    }

    /** Makes the following requests as this viewer. */
    void actAs(Viewer who) {
        viewer.set(who);
    }

    /** Ada, as she would be signed in. */
    Viewer adaViewer() {
        return ClassFixture.viewer(ada, "ada", Role.STUDENT);
    }

    /**
     * Holds every grading at the gate from now on. The app's workers claim a waiting submission within their idle
     * poll, so a test that needs one to stay ungraded (or that counts it as "already waiting or being graded") holds
     * the gate before it creates one: otherwise a worker may grade it first.
     */
    void holdGradings() {
        gate = new CountDownLatch(1);
    }

    /** Opens the gate first: a test that failed while holding a grading must not hold the shutdown for minutes. */
    @Override
    public void close() {
        gate.countDown();
        try {
            app.close();
        } finally {
            database.close();
            backend.close();
        }
    }
}

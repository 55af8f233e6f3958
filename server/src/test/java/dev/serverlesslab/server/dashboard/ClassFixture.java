package dev.serverlesslab.server.dashboard;

import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.server.account.Role;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.submission.StoredSubmission;
import dev.serverlesslab.server.submission.SubmissionState;
import dev.serverlesslab.server.submission.SubmissionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;

/**
 * A class seeded straight into the database as the accounts pages and the grading queue would leave it: cohorts,
 * learners with or without accounts, and graded submissions. Its clock moves a minute on every reading, so each
 * submission is later than the one before and "latest" is never a tie.
 */
final class ClassFixture {

    /** When the first seeded submission was made. */
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    static final Map<String, String> CODE = Map.of("example/Hello.java",
            "package example;\n// <b>not markup</b>\nclass Hello {}\n");

    private final Jdbi jdbi;
    private final SubmissionStore store;

    ClassFixture(Database database) {
        this.jdbi = database.jdbi();
        this.store = new SubmissionStore(database, new TickingClock(START));
    }

    SubmissionStore store() {
        return store;
    }

    long cohort(String name) {
        return jdbi.withHandle(handle -> handle.createUpdate("INSERT INTO cohorts (name, join_code, created_at) "
                        + "VALUES (:name, :code, :now)")
                .bind("name", name)
                .bind("code", "join-" + name.hashCode())
                .bind("now", OffsetDateTime.ofInstant(START, ZoneOffset.UTC))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** A learner with an account of this role, in this cohort (or none); role null makes one without an account. */
    long learner(String username, String displayName, Role role, Long cohortId) {
        return jdbi.inTransaction(handle -> {
            long id = handle.createUpdate("INSERT INTO learners (handle, display_name, created_at) "
                            + "VALUES (:handle, :name, :now)")
                    .bind("handle", username)
                    .bind("name", displayName)
                    .bind("now", OffsetDateTime.ofInstant(START, ZoneOffset.UTC))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            if (role != null) {
                handle.createUpdate("INSERT INTO accounts (learner_id, username, role, cohort_id, created_at) "
                                + "VALUES (:learner, :username, :role, :cohort, :now)")
                        .bind("learner", id)
                        .bind("username", username)
                        .bind("role", role.name())
                        .bind("cohort", cohortId)
                        .bind("now", OffsetDateTime.ofInstant(START, ZoneOffset.UTC))
                        .execute();
            }
            return id;
        });
    }

    static Viewer viewer(long learnerId, String handle, Role role) {
        return new Viewer(learnerId, learnerId, handle, handle, role);
    }

    /** A submission graded with this report, as the grading queue leaves one. */
    String graded(long learnerId, String exerciseId, GradingReport report) {
        StoredSubmission stored = store.create(learnerId, exerciseId, Submission.of(CODE));
        store.saveReport(stored.id(), report);
        store.save(stored.with(SubmissionState.DONE, null));
        return stored.id();
    }

    /** A submission still waiting for a grader. */
    String waiting(long learnerId, String exerciseId) {
        return store.create(learnerId, exerciseId, Submission.of(CODE)).id();
    }

    /** A report of these checks: PASSED when all passed, otherwise FAILED. */
    static GradingReport report(String exerciseId, CheckResult... checks) {
        boolean passed = List.of(checks).stream().allMatch(check -> check.status() == Status.PASSED);
        return new GradingReport(exerciseId, passed ? Status.PASSED : Status.FAILED, "", List.of(), List.of(checks),
                List.of(), "", List.of(), 10);
    }

    /** A report of code that did not compile: no check ran. */
    static GradingReport compileError(String exerciseId) {
        return new GradingReport(exerciseId, Status.FAILED, "does not compile", List.of(), List.of(),
                List.of("Hello.java:3: error: ';' expected"), "", List.of(), 10);
    }

    static CheckResult pass(String name, int points) {
        return new CheckResult(name, Status.PASSED, null, 1, points, points, null, false);
    }

    static CheckResult fail(String name, int points) {
        return new CheckResult(name, Status.FAILED, "expected something else", 1, 0, points, "a hint", false);
    }

    static CheckResult hiddenFail(String name, String message, String hint) {
        return new CheckResult(name, Status.FAILED, message, 1, 0, 2, hint, true);
    }

    /** A clock that moves one minute forward every time it is read. */
    private static final class TickingClock extends Clock {
        private final AtomicReference<Instant> now;

        TickingClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        @Override
        public Instant instant() {
            return now.getAndUpdate(instant -> instant.plus(Duration.ofMinutes(1)));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the fixture's clock is UTC only");
        }
    }
}

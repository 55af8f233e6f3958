package dev.serverlesslab.server.dashboard;

import static dev.serverlesslab.server.dashboard.ClassFixture.compileError;
import static dev.serverlesslab.server.dashboard.ClassFixture.fail;
import static dev.serverlesslab.server.dashboard.ClassFixture.pass;
import static dev.serverlesslab.server.dashboard.ClassFixture.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.server.account.Role;
import dev.serverlesslab.server.database.TestDatabase;
import dev.serverlesslab.server.submission.SubmissionState;
import dev.serverlesslab.server.submission.SubmissionStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the dashboard reads from the database, and the store's re-queue, on whichever database a subclass opens. */
abstract class ClassRecordsContract {

    @TempDir
    Path dataDir;

    private TestDatabase testDatabase;
    private ClassFixture school;
    private ClassRecords records;
    private SubmissionStore store;
    private long groupA;
    private long ada;
    private long bob;
    private long teacher;

    abstract TestDatabase openDatabase(Path dir);

    @BeforeEach
    void open() {
        testDatabase = openDatabase(dataDir);
        school = new ClassFixture(testDatabase.database());
        records = new ClassRecords(testDatabase.database());
        store = school.store();
        groupA = school.cohort("Group A");
        ada = school.learner("ada", "ada lovelace", Role.STUDENT, groupA);
        bob = school.learner("bob", "Bob", Role.STUDENT, null);
        teacher = school.learner("teach", "Teacher", Role.INSTRUCTOR, groupA);
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void students_areStudentAccountsAndLearnersWithoutOneWhoSubmitted_byNameIgnoringCase() {
        long solo = store.soloLearner();
        assertEquals(List.of(ada, bob), ids(records.students(null)), "solo has not submitted, teach is staff");

        school.graded(solo, "hello-lambda", report("hello-lambda", pass("greets", 1)));
        school.graded(teacher, "hello-lambda", report("hello-lambda", pass("greets", 1)));

        List<ClassRecords.Learner> students = records.students(null);
        assertEquals(List.of(ada, bob, solo), ids(students), "'ada lovelace' < 'Bob' < 'You'");
        assertEquals("Group A", students.get(0).cohortName());
        assertEquals("—", students.get(1).cohort());
        assertNull(students.get(0).lastActivity());
        assertTrue(students.get(2).lastActivity() != null);
        assertEquals(List.of(ada), ids(records.students(groupA)));
    }

    @Test
    void tallies_countAttempts_andTakeTheBestGradedScore() {
        school.graded(ada, "hello-lambda", report("hello-lambda", pass("a", 2), fail("b", 1)));
        school.graded(ada, "hello-lambda", report("hello-lambda", fail("a", 2), pass("b", 1)));
        school.waiting(ada, "hello-lambda");
        school.graded(bob, "hello-lambda", compileError("hello-lambda"));
        String failed = school.waiting(bob, "dynamodb-orders");
        store.save(store.find(failed).orElseThrow().with(SubmissionState.FAILED, "the backend went away"));

        dev.serverlesslab.server.hint.HintStore hints = new dev.serverlesslab.server.hint.HintStore(
                testDatabase.database(), java.time.Clock.systemUTC());
        hints.openNext(ada, "hello-lambda", dev.serverlesslab.server.hint.HintStore.EXERCISE_HINTS, 3);
        hints.openNext(ada, "hello-lambda", dev.serverlesslab.server.hint.HintStore.EXERCISE_HINTS, 3);
        hints.openNext(bob, "ssm-kms-config", dev.serverlesslab.server.hint.HintStore.EXERCISE_HINTS, 3);
        Map<String, ClassRecords.Tally> byKey = new java.util.HashMap<>();
        records.tallies().forEach(tally -> byKey.put(tally.learnerId() + "/" + tally.exerciseId(), tally));

        assertEquals(new ClassRecords.Tally(ada, "hello-lambda", 3, 2, 2, 3, false, 2),
                byKey.get(ada + "/hello-lambda"), "two hint levels opened");
        assertEquals(new ClassRecords.Tally(bob, "hello-lambda", 1, 1, 0, 0, false), byKey.get(bob + "/hello-lambda"));
        assertEquals(new ClassRecords.Tally(bob, "dynamodb-orders", 1, 0, null, null, false),
                byKey.get(bob + "/dynamodb-orders"));
    }

    @Test
    void attempts_countTheHintLevelsOpenWhenEachWasMade_ofTheExerciseAndItsChecks() {
        String first = school.graded(ada, "hello-lambda", report("hello-lambda", fail("a", 1)));
        java.time.Instant afterFirst = store.find(first).orElseThrow().createdAt().plusSeconds(1);
        dev.serverlesslab.server.hint.HintStore hints = new dev.serverlesslab.server.hint.HintStore(
                testDatabase.database(), java.time.Clock.fixed(afterFirst, java.time.ZoneOffset.UTC));
        hints.openNext(ada, "hello-lambda", dev.serverlesslab.server.hint.HintStore.EXERCISE_HINTS, 3);
        hints.openNext(ada, "hello-lambda", dev.serverlesslab.server.hint.HintStore.checkKey("a"), 3);
        hints.openNext(ada, "hello-lambda", dev.serverlesslab.server.hint.HintStore.checkKey("a"), 3);
        hints.openNext(ada, "dynamodb-orders", dev.serverlesslab.server.hint.HintStore.checkKey("a"), 3);
        hints.openNext(bob, "hello-lambda", dev.serverlesslab.server.hint.HintStore.EXERCISE_HINTS, 3);
        String second = school.graded(ada, "hello-lambda", report("hello-lambda", pass("a", 1)));

        Map<String, Integer> counts = new java.util.HashMap<>();
        records.attempts(true, null, "hello-lambda", ada, 0)
                .forEach(row -> counts.put(row.attempt().id(), row.hintsOpened()));

        assertEquals(Map.of(first, 0, second, 3), counts,
                "the exercise's level and two of check a's, opened between the attempts; not other exercises' or learners'");
    }

    @Test
    void attemptsAndLatestReports_filterByCohortExerciseAndLearner() {
        String first = school.graded(ada, "hello-lambda", report("hello-lambda", fail("a", 1)));
        String second = school.graded(ada, "hello-lambda", report("hello-lambda", pass("a", 1)));
        String bobs = school.graded(bob, "hello-lambda", report("hello-lambda", fail("a", 1)));
        String teachers = school.graded(teacher, "hello-lambda", report("hello-lambda", pass("a", 1)));
        String bobsWaiting = school.waiting(bob, "hello-lambda");

        assertEquals(List.of(bobsWaiting, bobs, second, first), submissionIds(records.attempts(true, null, "hello-lambda", null, 0)),
                "students' attempts, newest first");
        assertEquals(List.of(second, first), submissionIds(records.attempts(true, groupA, null, null, 0)),
                "the instructor in Group A is left out");
        assertEquals(List.of(teachers), submissionIds(records.attempts(false, null, null, teacher, 0)));
        assertEquals(List.of(bobsWaiting), submissionIds(records.attempts(true, null, null, null, 1)));

        Map<Long, GradingReport> latest = records.latestReports("hello-lambda");
        assertEquals(1, latest.get(ada).score(), "her latest");
        assertEquals(0, latest.get(bob).score(), "his latest graded one, not the one waiting");
    }

    @Test
    void requeue_takesOnlyFinishedSubmissions_keepingTheirReport() {
        String done = school.graded(ada, "hello-lambda", report("hello-lambda", pass("a", 1)));
        String waiting = school.waiting(ada, "hello-lambda");
        String failed = school.waiting(bob, "hello-lambda");
        store.save(store.find(failed).orElseThrow().with(SubmissionState.FAILED, "the backend went away"));

        assertTrue(store.requeue(done));
        assertFalse(store.requeue(done), "already queued again");
        assertFalse(store.requeue(waiting));
        assertTrue(store.requeue(failed));

        assertEquals(SubmissionState.QUEUED, store.find(done).orElseThrow().state());
        assertEquals(1, store.report(done).orElseThrow().score(), "the old report stays until a new one replaces it");
        assertNull(store.find(failed).orElseThrow().error());
        assertEquals(List.of(waiting, failed), records.submissionsOf("hello-lambda", true).stream()
                .map(ClassRecords.Owned::id).toList());
        assertEquals(3, records.submissionsOf("hello-lambda", false).size());
    }

    private static List<Long> ids(List<ClassRecords.Learner> learners) {
        return learners.stream().map(ClassRecords.Learner::learnerId).toList();
    }

    private static List<String> submissionIds(List<ClassRecords.AttemptRow> rows) {
        return rows.stream().map(row -> row.attempt().id()).toList();
    }
}

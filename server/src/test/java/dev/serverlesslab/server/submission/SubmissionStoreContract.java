package dev.serverlesslab.server.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.database.TestDatabase;
import dev.serverlesslab.server.progress.Attempt;
import dev.serverlesslab.server.progress.ExerciseScore;
import dev.serverlesslab.server.progress.ProgressStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the submission store promises, on whichever database a subclass opens. */
abstract class SubmissionStoreContract {

    private static final Instant NOON = Instant.parse("2025-03-01T12:00:00Z");
    private static final Map<String, String> FILES = Map.of("example/Hello.java", "package example;\nclass Hello {}\n");

    @TempDir
    Path dataDir;

    private TestDatabase testDatabase;

    /** A fresh, migrated database for one test. */
    abstract TestDatabase openDatabase(Path dir);

    @BeforeEach
    void open() {
        testDatabase = openDatabase(dataDir);
    }

    @AfterEach
    void close() {
        // Null when the database was not there and the test was skipped.
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    private Database database() {
        return testDatabase.database();
    }

    private SubmissionStore storeAt(Instant now) {
        return new SubmissionStore(database(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static GradingReport report(Status status, int score, int max, List<String> diagnostics) {
        return new GradingReport("hello-lambda", status, score + " of " + max + " checks passed", List.of(),
                List.of(new CheckResult("greets", score == max ? Status.PASSED : Status.FAILED, null, 3, score, max,
                        null, false)), diagnostics, "hello\n", List.of(), 42);
    }

    @Test
    void create_thenFind_returnsTheQueuedSubmissionWithItsSources() {
        SubmissionStore store = storeAt(NOON);

        StoredSubmission created = store.create("hello-lambda", Submission.of(FILES));

        StoredSubmission found = store.find(created.id()).orElseThrow();
        assertEquals(created, found);
        assertEquals(SubmissionState.QUEUED, found.state());
        assertEquals(NOON, found.createdAt());
        assertNull(found.error());
        assertEquals(FILES, store.sources(created.id()).files());
    }

    @Test
    void create_isVisibleToAnotherStoreOnTheSameDatabase_soItIsCommittedBeforeItIsQueued() {
        StoredSubmission created = storeAt(NOON).create("hello-lambda", Submission.of(FILES));

        assertEquals(created, storeAt(NOON).find(created.id()).orElseThrow());
    }

    @Test
    void ids_sortByCreationTime_andDifferWithinOneMillisecond() {
        String earlier = storeAt(NOON).create("hello-lambda", Submission.of(FILES)).id();
        String same = storeAt(NOON).create("hello-lambda", Submission.of(FILES)).id();
        String later = storeAt(NOON.plus(Duration.ofMillis(1))).create("hello-lambda", Submission.of(FILES)).id();
        String muchLater = storeAt(NOON.plus(Duration.ofDays(400))).create("hello-lambda", Submission.of(FILES)).id();

        assertFalse(earlier.equals(same));
        assertTrue(earlier.compareTo(later) < 0 && same.compareTo(later) < 0, earlier + " before " + later);
        assertTrue(later.compareTo(muchLater) < 0, later + " before " + muchLater);
    }

    @Test
    void saveAndSaveReport_areReadBack() {
        SubmissionStore store = storeAt(NOON);
        StoredSubmission created = store.create("hello-lambda", Submission.of(FILES));
        GradingReport report = report(Status.PASSED, 1, 1, List.of());

        assertTrue(store.report(created.id()).isEmpty());
        store.saveReport(created.id(), report);
        store.save(created.with(SubmissionState.DONE, null));

        assertEquals(SubmissionState.DONE, store.find(created.id()).orElseThrow().state());
        assertEquals(report, store.report(created.id()).orElseThrow());
    }

    @Test
    void save_keepsWhyThePlatformCouldNotGrade() {
        SubmissionStore store = storeAt(NOON);
        StoredSubmission created = store.create("hello-lambda", Submission.of(FILES));

        store.save(created.with(SubmissionState.FAILED, "Grading stopped: it took longer than 2 minutes"));

        assertEquals("Grading stopped: it took longer than 2 minutes", store.find(created.id()).orElseThrow().error());
    }

    @Test
    void find_withIdsThatAreNotOurs_findsNothing() {
        SubmissionStore store = storeAt(NOON);

        assertTrue(store.find("../../etc").isEmpty());
        assertTrue(store.find("").isEmpty());
        assertTrue(store.find(null).isEmpty());
        assertTrue(store.find("20250301-120000-000-zzzz").isEmpty());
    }

    @Test
    void reclaimAbandoned_takesBackRowsLeftRunningWithoutHeartbeat_andLeavesFinishedAlone() {
        StoredSubmission running = storeAt(NOON).create("hello-lambda", Submission.of(FILES));
        StoredSubmission done = storeAt(NOON.plusSeconds(1)).create("hello-lambda", Submission.of(FILES));
        StoredSubmission failed = storeAt(NOON.plusSeconds(2)).create("hello-lambda", Submission.of(FILES));
        SubmissionStore store = storeAt(NOON.plusSeconds(4));
        store.save(running.with(SubmissionState.RUNNING, null));
        store.save(done.with(SubmissionState.DONE, null));
        store.save(failed.with(SubmissionState.FAILED, "boom"));

        assertEquals(new SubmissionStore.Reclaimed(1, 0), store.reclaimAbandoned(Duration.ofSeconds(30), 3));

        assertEquals(SubmissionState.QUEUED, store.find(running.id()).orElseThrow().state());
        assertEquals(SubmissionState.DONE, store.find(done.id()).orElseThrow().state());
        assertEquals("boom", store.find(failed.id()).orElseThrow().error());
    }

    @Test
    void recent_listsOneExercisesSubmissions_newestFirst() {
        StoredSubmission first = storeAt(NOON).create("hello-lambda", Submission.of(FILES));
        storeAt(NOON.plusSeconds(1)).create("other", Submission.of(FILES));
        StoredSubmission second = storeAt(NOON.plusSeconds(2)).create("hello-lambda", Submission.of(FILES));
        StoredSubmission third = storeAt(NOON.plusSeconds(3)).create("hello-lambda", Submission.of(FILES));

        List<StoredSubmission> recent = storeAt(NOON).recent("hello-lambda", 2);

        assertEquals(List.of(third.id(), second.id()), recent.stream().map(StoredSubmission::id).toList());
        assertFalse(recent.contains(first));
    }

    @Test
    void progress_hasTheBestScore_andHistoryLabelsEachOutcome() {
        SubmissionStore store = storeAt(NOON);
        long learner = store.soloLearner();
        String compileError = graded(storeAt(NOON), report(Status.FAILED, 0, 3, List.of("Hello.java:2: ';' expected")));
        String failed = graded(storeAt(NOON.plusSeconds(1)), report(Status.FAILED, 2, 3, List.of()));
        StoredSubmission notGraded = storeAt(NOON.plusSeconds(2)).create("hello-lambda", Submission.of(FILES));
        store.save(notGraded.with(SubmissionState.FAILED, "Grading stopped"));
        String waiting = storeAt(NOON.plusSeconds(3)).create("hello-lambda", Submission.of(FILES)).id();
        storeAt(NOON.plusSeconds(4)).create("other", Submission.of(FILES));

        ProgressStore progress = new ProgressStore(database());
        ExerciseScore score = progress.scores(learner).get("hello-lambda");
        List<Attempt> history = progress.history(learner, "hello-lambda", 10);

        assertEquals(new ExerciseScore("hello-lambda", 2, 3, 2), score);
        assertFalse(score.done());
        assertEquals(List.of(waiting, notGraded.id(), failed, compileError), history.stream().map(Attempt::id).toList());
        assertEquals(List.of("waiting", "could not grade", "failed", "compile error"),
                history.stream().map(Attempt::label).toList());
        assertEquals("2 / 3 points", history.get(2).points());

        graded(storeAt(NOON.plusSeconds(5)), report(Status.PASSED, 3, 3, List.of()));
        assertTrue(progress.scores(learner).get("hello-lambda").done());
        assertEquals("passed", progress.history(learner, "hello-lambda", 1).get(0).label());
    }

    private static String graded(SubmissionStore store, GradingReport report) {
        StoredSubmission created = store.create("hello-lambda", Submission.of(FILES));
        store.saveReport(created.id(), report);
        store.save(created.with(SubmissionState.DONE, null));
        return created.id();
    }

    @Test
    void jsonEraFolders_areImportedOnce_andACorruptOneIsReportedAndLeftInPlace() throws IOException {
        Path folders = dataDir.resolve("submissions");
        GradingReport report = report(Status.FAILED, 1, 3, List.of());
        writeJsonEra(folders, "20250301-120000-000-aaaa", "DONE", null, report);
        writeJsonEra(folders, "20250301-120001-000-bbbb", "QUEUED", null, null);
        writeJsonEra(folders, "20250301-120002-000-cccc", "FAILED", "the backend did not answer", null);
        Path corrupt = folders.resolve("20250301-120003-000-dddd");
        Files.createDirectories(corrupt.resolve("sources/example"));
        Files.writeString(corrupt.resolve("sources/example/Hello.java"), FILES.get("example/Hello.java"));
        Files.writeString(corrupt.resolve("submission.json"), "{\"id\": \"20250301-12");
        SubmissionStore store = storeAt(NOON);

        JsonEraImport.Result first = new JsonEraImport(store).importFrom(folders);
        JsonEraImport.Result second = new JsonEraImport(store).importFrom(folders);

        assertEquals(List.of("20250301-120000-000-aaaa", "20250301-120001-000-bbbb", "20250301-120002-000-cccc"),
                first.imported());
        assertEquals(1, first.problems().size(), first.problems().toString());
        assertTrue(first.problems().get(0).contains("20250301-120003-000-dddd"), first.problems().toString());
        assertTrue(first.consoleLines().stream().anyMatch(line -> line.startsWith("Could not import")),
                first.consoleLines().toString());
        assertTrue(Files.isRegularFile(corrupt.resolve("submission.json")), "the corrupt folder is kept");
        assertEquals(List.of(), second.imported());
        assertEquals(3, second.alreadyThere());

        StoredSubmission graded = store.find("20250301-120000-000-aaaa").orElseThrow();
        assertEquals(SubmissionState.DONE, graded.state());
        assertEquals(NOON, graded.createdAt());
        assertEquals(report, store.report(graded.id()).orElseThrow());
        assertEquals(FILES, store.sources(graded.id()).files());
        assertEquals("the backend did not answer", store.find("20250301-120002-000-cccc").orElseThrow().error());
        assertTrue(store.isPending("20250301-120001-000-bbbb"), "the unfinished one is graded again");
        assertFalse(store.isPending("20250301-120000-000-aaaa"));
        assertEquals(1, new ProgressStore(database()).scores(store.soloLearner()).get("hello-lambda").best());
    }

    /** A folder as the JSON-file store wrote it: sources/, submission.json and, once graded, report.json. */
    private static void writeJsonEra(Path root, String id, String state, String error, GradingReport report)
            throws IOException {
        Path folder = root.resolve(id);
        Files.createDirectories(folder.resolve("sources/example"));
        Files.writeString(folder.resolve("sources/example/Hello.java"), FILES.get("example/Hello.java"));
        Files.writeString(folder.resolve("submission.json"), """
                {
                  "id" : "%s",
                  "exerciseId" : "hello-lambda",
                  "createdAt" : "2025-03-01T12:00:00Z",
                  "state" : "%s",
                  "error" : %s
                }""".formatted(id, state, error == null ? "null" : "\"" + error + "\""));
        if (report != null) {
            Files.writeString(folder.resolve("report.json"), report.toJson());
        }
    }
    // The shared grading queue: claims, heartbeats, taking back, and a verdict recorded once.

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void claimNext_takesTheQueuedSubmission_onceOnly_andMarksItRunningWithItsWorker() {
        SubmissionStore store = storeAt(NOON);
        StoredSubmission created = store.create("hello-lambda", Submission.of(FILES));

        GradingClaim claim = store.claimNext("worker-a").orElseThrow();

        assertEquals(created.id(), claim.id());
        assertEquals(1, claim.attempt());
        assertEquals(SubmissionState.RUNNING, store.find(created.id()).orElseThrow().state());
        assertTrue(storeAt(NOON).claimNext("worker-b").isEmpty(), "a running submission is not claimed again");
        assertTrue(store.isPending(created.id()));
    }

    @Test
    void claimNext_servesOneGradingPerLearner_andTheLearnerServedLongestAgoFirst() {
        TestLearners learners = new TestLearners(database());
        long ann = learners.id("ann");
        long bob = learners.id("bob");
        String ann1 = storeAt(NOON).create(ann, "hello-lambda", Submission.of(FILES)).id();
        String ann2 = storeAt(NOON.plusSeconds(1)).create(ann, "hello-lambda", Submission.of(FILES)).id();
        String ann3 = storeAt(NOON.plusSeconds(2)).create(ann, "hello-lambda", Submission.of(FILES)).id();
        String bob1 = storeAt(NOON.plusSeconds(3)).create(bob, "hello-lambda", Submission.of(FILES)).id();
        String bob2 = storeAt(NOON.plusSeconds(4)).create(bob, "hello-lambda", Submission.of(FILES)).id();

        GradingClaim first = storeAt(NOON.plusSeconds(5)).claimNext("w").orElseThrow();
        GradingClaim second = storeAt(NOON.plusSeconds(6)).claimNext("w").orElseThrow();
        assertEquals(List.of(ann1, bob1), List.of(first.id(), second.id()), "oldest first, then the other learner");
        assertTrue(storeAt(NOON.plusSeconds(7)).claimNext("w").isEmpty(),
                "both learners have a grading running, so nothing more starts even with a worker free");

        assertTrue(storeAt(NOON.plusSeconds(8)).finish(second, report(Status.PASSED, 1, 1, List.of())));
        assertTrue(storeAt(NOON.plusSeconds(9)).finish(first, report(Status.PASSED, 1, 1, List.of())));
        List<String> rest = new java.util.ArrayList<>();
        for (int i = 10; i < 13; i++) {
            GradingClaim next = storeAt(NOON.plusSeconds(i)).claimNext("w").orElseThrow();
            rest.add(next.id());
            storeAt(NOON.plusSeconds(i)).finish(next, report(Status.PASSED, 1, 1, List.of()));
        }
        assertEquals(List.of(ann2, bob2, ann3), rest, "ann was served before bob, so she goes first; then turns");
    }

    @Test
    void ahead_countsRoundRobinTurns_fromTheDatabase() {
        TestLearners learners = new TestLearners(database());
        long zed = learners.id("zed");
        long ann = learners.id("ann");
        long bob = learners.id("bob");
        String running = storeAt(NOON).create(zed, "hello-lambda", Submission.of(FILES)).id();
        String ann1 = storeAt(NOON.plusSeconds(1)).create(ann, "hello-lambda", Submission.of(FILES)).id();
        String ann2 = storeAt(NOON.plusSeconds(2)).create(ann, "hello-lambda", Submission.of(FILES)).id();
        String bob1 = storeAt(NOON.plusSeconds(3)).create(bob, "hello-lambda", Submission.of(FILES)).id();
        SubmissionStore store = storeAt(NOON.plusSeconds(4));
        assertEquals(running, store.claimNext("w").orElseThrow().id());

        assertTrue(store.ahead(running).isEmpty(), "a running submission has no queue position");
        assertEquals(java.util.OptionalInt.of(0), store.ahead(ann1));
        assertEquals(java.util.OptionalInt.of(1), store.ahead(bob1), "only ann's first is ahead of bob's");
        assertEquals(java.util.OptionalInt.of(2), store.ahead(ann2), "ann's second waits for bob's");
    }

    @Test
    void silentClaim_isTakenBack_andOnlyTheNewHolderRecordsTheVerdict_evenWhenTheOldOneWakesUp() {
        String id = storeAt(NOON).create("hello-lambda", Submission.of(FILES)).id();
        GradingClaim lost = storeAt(NOON).claimNext("worker-a").orElseThrow();

        assertEquals(1, storeAt(NOON.plusSeconds(20)).heartbeat("worker-a"));
        assertEquals(new SubmissionStore.Reclaimed(0, 0), storeAt(NOON.plusSeconds(45)).reclaimAbandoned(TIMEOUT, 3),
                "a heartbeat 25 s ago keeps the claim");
        assertEquals(new SubmissionStore.Reclaimed(1, 0), storeAt(NOON.plusSeconds(55)).reclaimAbandoned(TIMEOUT, 3));
        assertEquals(SubmissionState.QUEUED, storeAt(NOON).find(id).orElseThrow().state());

        GradingClaim taken = storeAt(NOON.plusSeconds(56)).claimNext("worker-b").orElseThrow();
        assertEquals(2, taken.attempt());
        assertFalse(storeAt(NOON.plusSeconds(57)).finish(lost, report(Status.FAILED, 0, 1, List.of())),
                "the worker presumed dead records nothing");
        assertFalse(storeAt(NOON.plusSeconds(57)).fail(lost, "late"));
        assertFalse(storeAt(NOON.plusSeconds(57)).saveProgress(lost, StatusView.noLines()));
        GradingReport verdict = report(Status.PASSED, 1, 1, List.of());
        assertTrue(storeAt(NOON.plusSeconds(58)).finish(taken, verdict));
        assertFalse(storeAt(NOON.plusSeconds(59)).finish(taken, report(Status.FAILED, 0, 1, List.of())),
                "and a verdict is recorded once");

        assertEquals(SubmissionState.DONE, storeAt(NOON).find(id).orElseThrow().state());
        assertEquals(verdict, storeAt(NOON).report(id).orElseThrow());
    }

    @Test
    void sameWorker_claimingAgainAfterATakeBack_holdsOnlyTheNewClaim() {
        storeAt(NOON).create("hello-lambda", Submission.of(FILES));
        GradingClaim old = storeAt(NOON).claimNext("worker-a").orElseThrow();
        storeAt(NOON.plusSeconds(60)).reclaimAbandoned(TIMEOUT, 3);
        GradingClaim again = storeAt(NOON.plusSeconds(61)).claimNext("worker-a").orElseThrow();

        assertFalse(storeAt(NOON.plusSeconds(62)).finish(old, report(Status.PASSED, 1, 1, List.of())));
        assertTrue(storeAt(NOON.plusSeconds(62)).finish(again, report(Status.PASSED, 1, 1, List.of())));
    }

    @Test
    void submissionThatLosesItsGraderThreeTimes_isFailedSayingSo() {
        String id = storeAt(NOON).create("hello-lambda", Submission.of(FILES)).id();
        for (int round = 0; round < 3; round++) {
            Instant at = NOON.plus(Duration.ofMinutes(round));
            assertEquals(round + 1, storeAt(at).claimNext("worker-" + round).orElseThrow().attempt());
            storeAt(at.plusSeconds(40)).reclaimAbandoned(TIMEOUT, 3);
        }

        StoredSubmission failed = storeAt(NOON).find(id).orElseThrow();
        assertEquals(SubmissionState.FAILED, failed.state());
        assertTrue(failed.error().contains("lost the grader of this submission 3 times"), failed.error());
        assertTrue(storeAt(NOON.plusSeconds(300)).claimNext("worker-x").isEmpty());
    }

    @Test
    void release_putsTheSubmissionBack_withoutCountingALostAttempt() {
        String id = storeAt(NOON).create("hello-lambda", Submission.of(FILES)).id();
        GradingClaim claim = storeAt(NOON).claimNext("worker-a").orElseThrow();

        assertTrue(storeAt(NOON).release(claim));

        assertEquals(SubmissionState.QUEUED, storeAt(NOON).find(id).orElseThrow().state());
        assertEquals(1, storeAt(NOON).claimNext("worker-b").orElseThrow().attempt());
    }

    @Test
    void progress_writtenByTheHolder_isReadByAnyStore_andGoesWithTheVerdict() {
        String id = storeAt(NOON).create("hello-lambda", Submission.of(FILES)).id();
        GradingClaim claim = storeAt(NOON).claimNext("worker-a").orElseThrow();
        StatusView.Lines lines = new StatusView.Lines(
                List.of(new StatusView.StageLine("Compile", "passed", 7, "ok"),
                        new StatusView.StageLine("Run checks", "running", 0, "")),
                List.of(new StatusView.CheckLine("greets", "passed", "", 3)), "logs");

        assertTrue(storeAt(NOON).progress(id).isEmpty(), "nothing written yet");
        assertTrue(storeAt(NOON).saveProgress(claim, lines));
        assertEquals(lines, storeAt(NOON).progress(id).orElseThrow());

        storeAt(NOON).finish(claim, report(Status.PASSED, 1, 1, List.of()));
        assertTrue(storeAt(NOON).progress(id).isEmpty());
    }

    @Test
    void savingQueuedAgain_startsARegradeAfresh() {
        String id = storeAt(NOON).create("hello-lambda", Submission.of(FILES)).id();
        for (int round = 0; round < 2; round++) {
            storeAt(NOON).claimNext("worker").orElseThrow();
            storeAt(NOON.plusSeconds(60)).reclaimAbandoned(TIMEOUT, 3);
        }
        GradingClaim claim = storeAt(NOON).claimNext("worker").orElseThrow();
        storeAt(NOON).finish(claim, report(Status.FAILED, 0, 1, List.of()));

        SubmissionStore store = storeAt(NOON);
        store.save(store.find(id).orElseThrow().with(SubmissionState.QUEUED, null));

        assertEquals(1, store.claimNext("worker").orElseThrow().attempt(), "earlier lost attempts do not count");
    }
}

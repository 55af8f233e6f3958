package dev.serverlesslab.server.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionStoreTests {

    private static final Instant NOON = Instant.parse("2025-03-01T12:00:00Z");
    private static final Map<String, String> FILES = Map.of("example/Hello.java", "package example;\nclass Hello {}\n");

    @TempDir
    Path root;

    private SubmissionStore storeAt(Instant now) {
        return new SubmissionStore(root, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void create_writesSourcesAndQueuedRecord_readableAfterwards() {
        SubmissionStore store = storeAt(NOON);

        StoredSubmission created = store.create("hello-lambda", Submission.of(FILES));

        StoredSubmission found = store.find(created.id()).orElseThrow();
        assertEquals(created, found);
        assertEquals(SubmissionState.QUEUED, found.state());
        assertEquals(NOON, found.createdAt());
        assertNull(found.error());
        assertEquals(FILES, store.sources(created.id()).files());
        assertTrue(Files.isRegularFile(root.resolve(created.id()).resolve("sources/example/Hello.java")));
    }

    @Test
    void ids_sortByCreationTime() {
        String earlier = storeAt(NOON).create("hello-lambda", Submission.of(FILES)).id();
        String later = storeAt(NOON.plus(Duration.ofMillis(1))).create("hello-lambda", Submission.of(FILES)).id();
        String muchLater = storeAt(NOON.plus(Duration.ofDays(400))).create("hello-lambda", Submission.of(FILES)).id();

        assertTrue(earlier.compareTo(later) < 0, earlier + " before " + later);
        assertTrue(later.compareTo(muchLater) < 0, later + " before " + muchLater);
    }

    @Test
    void sameMillisecond_stillGivesDistinctIds() {
        SubmissionStore store = storeAt(NOON);

        String first = store.create("hello-lambda", Submission.of(FILES)).id();
        String second = store.create("hello-lambda", Submission.of(FILES)).id();

        assertFalse(first.equals(second));
    }

    @Test
    void save_andSaveReport_areReadBack() {
        SubmissionStore store = storeAt(NOON);
        StoredSubmission created = store.create("hello-lambda", Submission.of(FILES));
        GradingReport report = new GradingReport("hello-lambda", Status.PASSED, "1 of 1 checks passed", List.of(),
                List.of(new CheckResult("greets", Status.PASSED, null, 3)), List.of(), "hello\n", List.of(), 42);

        store.saveReport(created.id(), report);
        store.save(created.with(SubmissionState.DONE, null));

        assertEquals(SubmissionState.DONE, store.find(created.id()).orElseThrow().state());
        assertEquals(report, store.report(created.id()).orElseThrow());
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
    void recoverUnfinished_returnsQueuedAndRunningOldestFirst_andSkipsFinished() {
        StoredSubmission running = storeAt(NOON).create("hello-lambda", Submission.of(FILES));
        StoredSubmission done = storeAt(NOON.plusSeconds(1)).create("hello-lambda", Submission.of(FILES));
        StoredSubmission failed = storeAt(NOON.plusSeconds(2)).create("hello-lambda", Submission.of(FILES));
        StoredSubmission queued = storeAt(NOON.plusSeconds(3)).create("hello-lambda", Submission.of(FILES));
        SubmissionStore store = storeAt(NOON.plusSeconds(4));
        store.save(running.with(SubmissionState.RUNNING, null));
        store.save(done.with(SubmissionState.DONE, null));
        store.save(failed.with(SubmissionState.FAILED, "boom"));

        List<String> unfinished = store.recoverUnfinished().stream().map(StoredSubmission::id).toList();

        assertEquals(List.of(running.id(), queued.id()), unfinished);
    }

    @Test
    void recoverUnfinished_removesHalfStoredUploads() throws IOException {
        Path staging = root.resolve(".incoming-20250301-120000-000-abcd");
        Files.createDirectories(staging.resolve("sources"));
        Files.writeString(staging.resolve("sources/Half.java"), "class Ha");

        assertTrue(storeAt(NOON).recoverUnfinished().isEmpty());
        assertFalse(Files.exists(staging));
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
}

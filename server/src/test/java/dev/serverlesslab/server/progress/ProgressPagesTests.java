package dev.serverlesslab.server.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.course.CourseLoader;
import dev.serverlesslab.lessons.course.CourseModule;
import dev.serverlesslab.lessons.course.Lesson;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.submission.SubmissionState;
import dev.serverlesslab.server.submission.SubmissionStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learner's progress on the outline and lesson pages and their history on the exercise page. Gradings are
 * written to the store as the grading queue writes them (this app's backend grades nothing), so every outcome can be
 * shown; {@code GradingTests} shows the same after real gradings.
 */
class ProgressPagesTests {

    @TempDir
    Path data;
    private Backend backend;
    private TestApp app;
    /** The app's own database file, opened beside it as a second process would. */
    private Database database;
    private SubmissionStore store;
    private String lesson;
    private Course course;

    @BeforeEach
    void start() {
        backend = TestApp.nowhere();
        app = TestApp.start(data, backend);
        database = Database.embedded(data);
        store = new SubmissionStore(database, Clock.systemUTC());
        lesson = ExerciseCatalog.load(TestApp.CONTENT).find("hello-lambda").orElseThrow().lesson();
        course = CourseLoader.load(TestApp.CONTENT);
    }

    @AfterEach
    void stop() {
        app.close();
        database.close();
        backend.close();
    }

    /** Submits through the web app, then records the report as if that grading had produced it. */
    private String gradedAs(Status status, int score, int max, List<String> diagnostics) {
        String id = TestApp.submissionId(app.submit("hello-lambda", TestApp.starterFiles()));
        app.awaitFinished(id);
        store.saveReport(id, new GradingReport("hello-lambda", status, "", List.of(),
                List.of(new CheckResult("greets", score == max ? Status.PASSED : Status.FAILED, null, 3, score, max,
                        null, false)), diagnostics, "", List.of(), 10));
        store.save(store.find(id).orElseThrow().with(SubmissionState.DONE, null));
        return id;
    }

    @Test
    void outlineAndLesson_showTheBestScore_afterAGradedSubmission() {
        assertFalse(app.get("/").body().contains("progress-mark"), "nothing graded, no score yet");

        gradedAs(Status.FAILED, 2, 3, List.of());
        gradedAs(Status.FAILED, 1, 3, List.of());

        String outline = app.get("/").body();
        assertTrue(outline.contains("best 2 / 3 points"), outline);
        assertTrue(app.get("/lessons/" + lesson).body().contains("best 2 / 3 points"));
    }

    @Test
    void outline_marksAnExerciseDone_onceAnAttemptEarnedEveryPoint() {
        gradedAs(Status.PASSED, 3, 3, List.of());

        String outline = app.get("/").body();
        assertTrue(outline.contains("progress-mark done"), outline);
        assertTrue(outline.contains("✓ done, 3 / 3 points"), "done is said in words, not only by colour: " + outline);
    }

    @Test
    void history_labelsEachAttemptByOutcome_inWordsAndColour_newestFirst() {
        String compileError = gradedAs(Status.FAILED, 0, 3, List.of("example/Hello.java:3: ';' expected"));
        String failed = gradedAs(Status.FAILED, 1, 3, List.of());
        String passed = gradedAs(Status.PASSED, 3, 3, List.of());
        String notGraded = TestApp.submissionId(app.submit("hello-lambda", TestApp.starterFiles()));
        // This app's backend answers nothing, so its grading ends with an ERROR report: the platform could not grade.
        app.awaitFinished(notGraded);

        String page = app.get("/exercises/hello-lambda").body();

        assertTrue(page.contains("<span class=\"outcome outcome-failed\">failed</span>"), page);
        assertTrue(page.contains("<span class=\"outcome outcome-compile-error\">compile error</span>"), page);
        assertTrue(page.contains("<span class=\"outcome outcome-passed\">passed</span>"), page);
        assertTrue(page.contains("<span class=\"outcome outcome-error\">could not grade</span>"), page);
        assertFalse(page.contains(">DONE<"), "no raw state names: " + page);
        assertTrue(page.contains("1 / 3 points"), page);
        int newest = page.indexOf("/submissions/" + notGraded);
        assertTrue(newest > 0 && newest < page.indexOf("/submissions/" + passed)
                && page.indexOf("/submissions/" + passed) < page.indexOf("/submissions/" + failed)
                && page.indexOf("/submissions/" + failed) < page.indexOf("/submissions/" + compileError),
                "newest first: " + page);
        assertTrue(page.contains("/exercises/hello-lambda?from=" + failed), "each attempt can be edited again");
    }

    @Test
    void attemptsFragment_listsOnlyTheViewersOwnAttempts_asThePageDoes_andIsEmptyBeforeTheFirst() {
        HttpResponse<String> before = app.get("/exercises/hello-lambda/attempts");
        assertEquals(204, before.statusCode());
        assertTrue(before.body().isBlank(), "no attempt, no list: " + before.body());
        assertEquals(404, app.get("/exercises/no-such-exercise/attempts").statusCode());

        long other = ProgressStoreContract.addLearner(database, "someone-else");
        String theirs = store.create(other, "hello-lambda", Submission.of(Map.of("A.java", "theirs\n"))).id();
        String passed = gradedAs(Status.PASSED, 3, 3, List.of());
        HttpResponse<String> after = app.get("/exercises/hello-lambda/attempts");

        assertEquals("no-store", after.headers().firstValue("Cache-Control").orElse(""));
        String fragment = after.body();
        assertTrue(fragment.contains("<h2 id=\"history-heading\">Your attempts</h2>"), fragment);
        assertTrue(fragment.contains("<span class=\"outcome outcome-passed\">passed</span>"), fragment);
        assertTrue(fragment.contains("/exercises/hello-lambda?from=" + passed), fragment);
        assertFalse(fragment.contains(theirs), "someone else's attempt is not listed: " + fragment);
        assertFalse(fragment.contains("<html"), "a fragment, not a page: " + fragment);
        String page = app.get("/exercises/hello-lambda").body();
        assertTrue(page.contains("data-url=\"/exercises/hello-lambda/attempts\""), page);
        assertTrue(page.contains(fragment.substring(fragment.indexOf("<section"), fragment.indexOf("</section>"))),
                "the page and the fragment render one list: " + fragment);
    }

    @Test
    void outline_marksALessonRead_andCountsItInItsModule_onceItWasOpened() {
        CourseModule module = course.modules().get(0);
        Lesson opened = module.lessons().get(1);
        Lesson notOpened = module.lessons().get(0);
        int lessons = module.lessons().size();
        long exercises = module.lessons().stream().flatMap(each -> each.exercises().stream()).distinct().count();
        String counts = exercises == 0 ? "" : ", 0 of " + exercises + " exercise" + (exercises == 1 ? "" : "s") + " done";

        String before = app.get("/").body();
        assertTrue(readMark(before, opened).equals("not read yet"), before);
        assertTrue(before.contains("0 of " + lessons + " lessons read" + counts), before);

        assertEquals(200, app.get("/lessons/" + opened.id()).statusCode());

        String after = app.get("/").body();
        assertEquals("✓ read", readMark(after, opened), "read is said in words, not only by colour: " + after);
        assertEquals("not read yet", readMark(after, notOpened), after);
        assertTrue(after.contains("1 of " + lessons + " lessons read" + counts), after);
    }

    @Test
    void outline_countsAModuleExerciseDone_onceAnAttemptEarnedEveryPoint() {
        CourseModule module = course.modules().stream()
                .filter(each -> each.lessons().stream().anyMatch(item -> item.id().equals(lesson)))
                .findFirst().orElseThrow();
        long exercises = module.lessons().stream().flatMap(each -> each.exercises().stream()).distinct().count();

        gradedAs(Status.PASSED, 3, 3, List.of());

        String outline = app.get("/").body();
        assertTrue(outline.contains("1 of " + exercises + " exercise" + (exercises == 1 ? "" : "s") + " done"), outline);
    }

    @Test
    void outline_offersToStartTheCourse_thenToContinueWhereTheLearnerLeftOff() {
        Lesson first = course.lessons().get(0);
        Lesson third = course.lessons().get(2);

        String fresh = app.get("/").body();
        assertEquals("/lessons/" + first.id(), resumeLink(fresh, "Start the course"), fresh);
        assertFalse(fresh.contains(">Continue<"), fresh);

        app.get("/lessons/" + third.id());
        assertEquals("/lessons/" + third.id(), resumeLink(app.get("/").body(), "Continue"));

        String id = TestApp.submissionId(app.submit("hello-lambda", TestApp.starterFiles()));
        app.awaitFinished(id);
        String afterSubmission = app.get("/").body();
        assertEquals("/exercises/hello-lambda", resumeLink(afterSubmission, "Continue"), afterSubmission);
        assertFalse(afterSubmission.contains("Start the course"), afterSubmission);
    }

    @Test
    void history_offersToCompareEachAttemptButTheFirst_withTheOneBefore() {
        String first = TestApp.submissionId(app.submit("hello-lambda", TestApp.starterFiles()));
        app.awaitFinished(first);
        String second = TestApp.submissionId(app.submit("hello-lambda", TestApp.solutionFiles()));
        app.awaitFinished(second);

        String page = app.get("/exercises/hello-lambda").body();

        assertTrue(page.contains("href=\"/submissions/" + second + "/diff\">Compare with previous</a>"), page);
        assertFalse(page.contains("/submissions/" + first + "/diff"), "nothing before the first attempt: " + page);
        assertTrue(page.contains("href=\"/exercises/hello-lambda?from=" + first + "\">Open in editor</a>"), page);
    }

    @Test
    void diffPage_showsRemovedAndAddedLinesWithNumbers_andFilesOnlyInOneAttempt_escaped() {
        long me = store.soloLearner();
        String earlier = store.create(me, "hello-lambda", Submission.of(Map.of(
                "example/Hello.java", "class Hello {\n    String greet() { return \"Hi\"; }\n}\n",
                "example/Old.java", "class Old {}\n"))).id();
        String later = store.create(me, "hello-lambda", Submission.of(Map.of(
                "example/Hello.java", "class Hello {\n    String greet() { return \"<b>Hello</b>\"; }\n}\n",
                "example/New.java", "class New {}\n"))).id();

        HttpResponse<String> response = app.get("/submissions/" + later + "/diff");

        assertEquals(200, response.statusCode(), response.body());
        String page = response.body();
        assertTrue(page.contains("href=\"/submissions/" + earlier + "\""), "links the earlier attempt: " + page);
        assertTrue(Pattern.compile("<tr class=\"line-removed\">\\s*<td class=\"line-number\">2</td>\\s*"
                + "<td class=\"line-number\"></td>[\\s\\S]*?return &quot;Hi&quot;;").matcher(page).find(), page);
        assertTrue(Pattern.compile("<tr class=\"line-added\">\\s*<td class=\"line-number\"></td>\\s*"
                + "<td class=\"line-number\">2</td>[\\s\\S]*?return &quot;&lt;b&gt;Hello&lt;/b&gt;&quot;;")
                .matcher(page).find(), "learner code is escaped: " + page);
        assertFalse(page.contains("<b>Hello</b>"), page);
        assertTrue(page.contains("@@ -1,3 +1,3 @@"), page);
        assertTrue(Pattern.compile("example/New.java</code>\\s*<span class=\"file-change\">added</span>")
                .matcher(page).find(), page);
        assertTrue(Pattern.compile("example/Old.java</code>\\s*<span class=\"file-change\">removed</span>")
                .matcher(page).find(), page);
        assertTrue(page.contains("class New {}") && page.contains("class Old {}"), page);
    }

    @Test
    void diffPage_againstAChosenAttempt_andTheFirstAttemptSaysThereIsNothingBefore() {
        long me = store.soloLearner();
        String first = store.create(me, "hello-lambda", Submission.of(Map.of("A.java", "one\n"))).id();
        store.create(me, "hello-lambda", Submission.of(Map.of("A.java", "two\n")));
        String third = store.create(me, "hello-lambda", Submission.of(Map.of("A.java", "three\n"))).id();

        String chosen = app.get("/submissions/" + third + "/diff?against=" + first).body();
        assertTrue(chosen.contains(">one</td>") && chosen.contains(">three</td>"), chosen);
        assertFalse(chosen.contains(">two</td>"), chosen);

        String none = app.get("/submissions/" + first + "/diff").body();
        assertTrue(none.contains("nothing earlier to compare"), none);
    }

    @Test
    void diffPage_withAnotherLearnersAttemptOnEitherSide_answers404LikeAnUnknownId() {
        long me = store.soloLearner();
        long other = ProgressStoreContract.addLearner(database, "someone-else");
        String mine = store.create(me, "hello-lambda", Submission.of(Map.of("A.java", "mine\n"))).id();
        String theirs = store.create(other, "hello-lambda", Submission.of(Map.of("A.java", "their secret\n"))).id();
        String unknown = "20250301-120000-000-zzzz";

        for (String path : List.of("/submissions/" + theirs + "/diff", "/submissions/" + mine + "/diff?against=" + theirs,
                "/submissions/" + unknown + "/diff", "/submissions/" + mine + "/diff?against=" + unknown)) {
            HttpResponse<String> response = app.get(path);
            assertEquals(404, response.statusCode(), path);
            assertFalse(response.body().contains("their secret"), path + ": " + response.body());
        }
        assertEquals(app.get("/submissions/" + unknown + "/diff").body().replace(unknown, "ID"),
                app.get("/submissions/" + theirs + "/diff").body().replace(theirs, "ID"),
                "someone else's attempt is indistinguishable from a missing one");
    }

    @Test
    void diffPage_againstAnAttemptAtAnotherExercise_saysToPickOneOfTheSameExercise() {
        long me = store.soloLearner();
        String hello = store.create(me, "hello-lambda", Submission.of(Map.of("A.java", "a\n"))).id();
        String orders = store.create(me, "dynamodb-orders", Submission.of(Map.of("A.java", "b\n"))).id();

        HttpResponse<String> response = app.get("/submissions/" + hello + "/diff?against=" + orders);

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("only attempts at the same exercise can be compared"), response.body());
    }

    /** The text of the read mark right after a lesson's link on the outline. */
    private static String readMark(String outline, Lesson lesson) {
        var matcher = Pattern.compile("href=\"/lessons/" + Pattern.quote(lesson.id())
                + "\">[^<]*</a>\\s*<span class=\"read-mark (?:read|unread)\">([^<]*)</span>").matcher(outline);
        assertTrue(matcher.find(), "no read mark for " + lesson.id() + ": " + outline);
        return matcher.group(1);
    }

    /** Where the outline's resume link with this text goes. */
    private static String resumeLink(String outline, String text) {
        var matcher = Pattern.compile("<a class=\"button resume-link\" href=\"([^\"]*)\">" + Pattern.quote(text)
                + "</a>").matcher(outline);
        assertTrue(matcher.find(), "no '" + text + "' link: " + outline);
        return matcher.group(1);
    }
}

package dev.serverlesslab.server.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.submission.StoredSubmission;
import dev.serverlesslab.server.submission.SubmissionStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExercisePageTests {

    private Path data;
    private Backend backend;
    private TestApp app;

    @BeforeAll
    void start(@TempDir Path data) {
        this.data = data;
        backend = TestApp.nowhere();
        app = TestApp.start(data, backend);
    }

    @AfterAll
    void stop() {
        app.close();
        backend.close();
    }

    @Test
    void exercise_showsStatementAndEditorWithEveryStarterFile() {
        HttpResponse<String> page = app.get("/exercises/hello-lambda");

        assertEquals(200, page.statusCode());
        for (Map.Entry<String, String> file : TestApp.starterFiles().entrySet()) {
            assertTrue(page.body().contains("name=\"file:" + file.getKey() + "\""), "a textarea for " + file.getKey());
            assertTrue(page.body().contains(">" + file.getKey() + "</label>"), "labelled " + file.getKey());
            assertTrue(page.body().contains(html(firstCodeLine(file.getValue()))), "starter code of " + file.getKey());
        }
        assertTrue(page.body().contains("Run checks"), page.body());
        assertTrue(page.body().contains("action=\"/exercises/hello-lambda/submissions\""), page.body());
    }

    @Test
    void exercise_neverShowsTheSolutionOrTheChecks() {
        String page = app.get("/exercises/hello-lambda").body();

        Map<String, String> starter = TestApp.starterFiles();
        for (Map.Entry<String, String> file : TestApp.solutionFiles().entrySet()) {
            if (!file.getValue().equals(starter.get(file.getKey()))) {
                assertFalse(page.contains(html(file.getValue().strip())), "solution of " + file.getKey() + " leaked");
            }
        }
        for (Map.Entry<String, String> check : Submission.fromDirectory(TestApp.HELLO_LAMBDA.resolve("checks")).files()
                .entrySet()) {
            assertFalse(page.contains(html(check.getValue().strip())), "check " + check.getKey() + " leaked");
        }
        // The solution route exists for exercises whose solution: rule allows it; before that it refuses.
        java.net.http.HttpResponse<String> solution = app.get("/exercises/hello-lambda/solution");
        assertEquals(403, solution.statusCode());
        assertFalse(solution.body().contains("context.getLogger().log"), "the refusal holds no solution code");
        assertEquals(404, app.get("/assets/../exercises/hello-lambda/solution").statusCode());
    }

    @Test
    void exercise_fromAnEarlierSubmission_prefillsTheEditorWithItsCode() {
        String marker = "// edited in the browser, kept for later";
        Map<String, String> files = new java.util.TreeMap<>(TestApp.starterFiles());
        String path = files.keySet().iterator().next();
        files.put(path, files.get(path) + "\n" + marker + "\n");
        StoredSubmission earlier = new SubmissionStore(data, Clock.systemUTC())
                .create("hello-lambda", Submission.of(files));

        HttpResponse<String> page = app.get("/exercises/hello-lambda?from=" + earlier.id());

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(marker), page.body());
    }

    @Test
    void exercise_fromAnUnknownSubmission_answers404() {
        assertEquals(404, app.get("/exercises/hello-lambda?from=20240101-000000-000-zzzz").statusCode());
        assertEquals(404, app.get("/exercises/hello-lambda?from=..%2F..%2Fetc").statusCode());
    }

    @Test
    void exercise_offersItsSamTemplate_onThePageAndAsAFile() {
        String page = app.get("/exercises/dynamodb-orders").body();
        HttpResponse<String> file = app.get("/exercises/dynamodb-orders/template.yaml");

        assertTrue(page.contains("This exercise as an AWS SAM template"), page);
        assertTrue(page.contains("Type: AWS::DynamoDB::Table"), page);
        assertEquals(200, file.statusCode());
        assertTrue(file.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"),
                file.headers().toString());
        assertTrue(file.body().contains("Transform: AWS::Serverless-2016-10-31"), file.body());
        assertTrue(file.body().contains("Handler: orders.OrdersHandler::handleRequest"), file.body());
        assertEquals(404, app.get("/exercises/no-such-exercise/template.yaml").statusCode());
    }

    @Test
    void unknownExercise_answers404() {
        HttpResponse<String> page = app.get("/exercises/no-such-exercise");

        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("There is no exercise"), page.body());
    }

    private static String firstCodeLine(String source) {
        return source.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElseThrow();
    }

    /** The text as Thymeleaf escapes it inside a textarea or paragraph. */
    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}

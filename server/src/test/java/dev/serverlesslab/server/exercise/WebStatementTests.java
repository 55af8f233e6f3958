package dev.serverlesslab.server.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.server.TestApp;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exercise page speaks to a browser student: the README's terminal instructions stay in the README. */
class WebStatementTests {

    @TempDir
    Path data;

    @Test
    void theExercisePage_leavesOutTheStatementsCliSection_whichTheReadmeKeeps() throws IOException {
        String readme = Files.readString(TestApp.HELLO_LAMBDA.resolve("README.md"));
        assertTrue(readme.contains("./lab grade --exercise hello-lambda DIR"), "the README keeps the CLI wording");

        try (TestApp app = TestApp.start(data, TestApp.nowhere())) {
            HttpResponse<String> page = app.get("/exercises/hello-lambda");

            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("press <em>Run checks</em>"), page.body());
            assertFalse(page.body().contains("./lab grade"), "no terminal command on the web page");
            assertFalse(page.body().contains("From a terminal"), "no terminal wording on the web page");
        }
    }
}

package dev.serverlesslab.server.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.database.TestDatabase;
import dev.serverlesslab.server.submission.SubmissionState;
import dev.serverlesslab.server.submission.SubmissionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web app on PostgreSQL ({@code ./lab serve --database jdbc:postgresql://...}): JSON-era folders of the data dir
 * are imported into it, submissions are stored in it and progress is read from it. Skipped, saying why, where no
 * PostgreSQL answers at 127.0.0.1:5432.
 */
class PostgresWebAppTests {

    @Test
    void onPostgres_jsonEraFoldersAreImported_andTheOutlineShowsTheBestScore(@TempDir Path data) throws IOException {
        Path old = data.resolve("submissions/20250301-120000-000-aaaa");
        Files.createDirectories(old.resolve("sources/example"));
        Files.writeString(old.resolve("sources/example/Hello.java"), "package example;\nclass Hello {}\n");
        Files.writeString(old.resolve("submission.json"), """
                {"id": "20250301-120000-000-aaaa", "exerciseId": "hello-lambda",
                 "createdAt": "2025-03-01T12:00:00Z", "state": "FAILED", "error": "the backend did not answer"}""");
        try (TestDatabase database = TestDatabase.postgres();
             Backend backend = TestApp.nowhere();
             TestApp app = TestApp.start(data, backend, database.url())) {
            assertEquals(List.of("20250301-120000-000-aaaa"), app.app().imported().imported());
            assertTrue(app.get("/submissions/20250301-120000-000-aaaa").body().contains("the backend did not answer"));

            String id = TestApp.submissionId(app.submit("hello-lambda", TestApp.starterFiles()));
            app.awaitFinished(id);
            SubmissionStore store = new SubmissionStore(database.database(), Clock.systemUTC());
            store.saveReport(id, new GradingReport("hello-lambda", Status.FAILED, "", List.of(),
                    List.of(new CheckResult("greets", Status.FAILED, "expected Ada", 3, 1, 4, null, false)), List.of(),
                    "", List.of(), 10));
            store.save(store.find(id).orElseThrow().with(SubmissionState.DONE, null));

            assertTrue(app.get("/").body().contains("best 1 / 4 points"));
            assertTrue(app.get("/exercises/hello-lambda").body().contains("could not grade"));
        }
    }
}

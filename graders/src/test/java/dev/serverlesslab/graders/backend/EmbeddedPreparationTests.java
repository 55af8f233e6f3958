package dev.serverlesslab.graders.backend;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The embedded backend starts DynamoDB Local ahead of the first grading of an exercise that uses DynamoDB. */
class EmbeddedPreparationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void prepareFor_anExerciseWithATable_startsDynamoDbLocalBeforeAnyDynamoDbRequest() {
        Exercise pipeline = ExerciseCatalog.load(Path.of("src/test/resources/content")).find("event-pipeline")
                .orElseThrow();
        assertTrue(!pipeline.resources().tables().isEmpty(), "the test needs an exercise with a table");
        try (Backend embedded = Backend.embedded()) {
            assertTrue(health(embedded).contains("\"dynamodb\":\"available\""), health(embedded));

            embedded.prepareFor(List.of(pipeline));

            // DynamoDB Local's start takes seconds on a loaded machine.
            Awaitility.await("DynamoDB Local started without a request").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> health(embedded), health -> health.contains("\"dynamodb\":\"running\""));
        }
    }

    private static String health(Backend backend) {
        try {
            return HTTP.send(HttpRequest.newBuilder(backend.endpoint().resolve("/_localstack/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

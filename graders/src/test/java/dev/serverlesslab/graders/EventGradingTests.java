package dev.serverlesslab.graders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.backend.AwsClients;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.layer.SdkLayerCache;
import dev.serverlesslab.graders.layer.SdkLayers;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.StageResult;
import dev.serverlesslab.graders.report.Status;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Gradings of an exercise whose function is driven by events: a bucket notification, a queue with a dead-letter
 * queue and partial batch failures, and an hourly rule fired by moving the emulator's clock.
 */
class EventGradingTests {

    @TempDir
    static Path layerCache;

    private static Backend backend;
    private static Grader grader;
    private static RecordingAccounts accounts;
    private static Exercise pipeline;

    @BeforeAll
    static void startBackend() {
        backend = Backend.embedded();
        accounts = new RecordingAccounts(backend);
        grader = new Grader(backend, new SdkLayers(new SdkLayerCache(layerCache)), Exercise::sdk, accounts);
        pipeline = ExerciseCatalog.load(Path.of("src/test/resources/content")).find("event-pipeline").orElseThrow();
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    @Test
    void grade_solution_passesEveryEventDrivenCheck_andLeavesNothingBehind() {
        GradingReport report = grader.grade(pipeline, Submission.fromDirectory(pipeline.solutionDir()),
                GradingListener.NONE);

        assertEquals(Status.PASSED, report.status(), report::toJson);
        assertEquals(3, report.passedChecks(), report::toJson);
        String provisioned = stage(report, Stage.PROVISION).detail();
        assertTrue(provisioned.contains("bucket inbox → lab-event-pipeline-") && provisioned.contains("queue jobs → ")
                && provisioned.contains("queue failed → "), provisioned);
        AwsClients account = new AwsClients(backend, accounts.last());
        try (S3Client s3 = account.build(S3Client.builder().forcePathStyle(true));
                SqsClient sqs = account.build(SqsClient.builder());
                EventBridgeClient events = account.build(EventBridgeClient.builder());
                LambdaClient lambda = account.build(LambdaClient.builder())) {
            assertEquals(0, s3.listBuckets().buckets().size(), "buckets left after the grading");
            assertEquals(0, sqs.listQueues().queueUrls().size(), "queues left after the grading");
            assertEquals(0, events.listRules(b -> { }).rules().size(), "rules left after the grading");
            assertEquals(0, lambda.listEventSourceMappings(b -> { }).eventSourceMappings().size(),
                    "event source mappings left after the grading");
        }
    }

    @Test
    void grade_starter_failsTheChecksThatWaitForItsWork() {
        GradingReport report = grader.grade(pipeline, Submission.fromDirectory(pipeline.starterDir()),
                GradingListener.NONE);

        assertEquals(Status.FAILED, report.status(), report::toJson);
        CheckResult uploads = report.checks().stream().filter(c -> c.name().contains("incoming/"))
                .findFirst().orElseThrow();
        assertTrue(uploads.message().contains("expected incoming/report.csv in the table within 20.0 s"),
                uploads.message());
    }

    private static StageResult stage(GradingReport report, Stage stage) {
        return report.stages().stream().filter(s -> s.stage() == stage).findFirst().orElseThrow();
    }
}

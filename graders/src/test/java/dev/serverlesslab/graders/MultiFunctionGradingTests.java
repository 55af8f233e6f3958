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
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.Status;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Gradings of an exercise with {@code functions:}: two functions from one submission, chained by a state machine. */
class MultiFunctionGradingTests {

    @TempDir
    static Path layerCache;

    private static Backend backend;
    private static Grader grader;
    private static RecordingAccounts accounts;
    private static Exercise twoSteps;

    @BeforeAll
    static void startBackend() {
        backend = Backend.embedded();
        accounts = new RecordingAccounts(backend);
        grader = new Grader(backend, new SdkLayers(new SdkLayerCache(layerCache)), Exercise::sdk, accounts);
        twoSteps = ExerciseCatalog.load(Path.of("src/test/resources/content")).find("two-steps").orElseThrow();
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    @Test
    void grade_solution_deploysEveryFunction_reportsEachLog_andDeletesThemAll() {
        GradingReport report = grader.grade(twoSteps, Submission.fromDirectory(twoSteps.solutionDir()),
                GradingListener.NONE);

        assertEquals(Status.PASSED, report.status(), report::toJson);
        String deployed = report.stages().stream().filter(s -> s.stage() == Stage.DEPLOY).findFirst().orElseThrow()
                .detail();
        assertTrue(deployed.contains("double → lab-two-steps-double-") && deployed.contains("label → lab-two-steps-"
                + "label-"), deployed);
        assertTrue(report.functionLog().contains("=== double (/aws/lambda/lab-two-steps-double-")
                && report.functionLog().contains("=== label (/aws/lambda/lab-two-steps-label-"), report.functionLog());
        // Two direct invocations and the execution's two: every run is priced.
        assertEquals(4, report.reportLines().size(), report::toJson);
        AwsClients account = new AwsClients(backend, accounts.last());
        try (LambdaClient lambda = account.build(LambdaClient.builder());
                SfnClient sfn = account.build(SfnClient.builder())) {
            assertEquals(0, lambda.listFunctions().functions().size(), "functions left after the grading");
            assertEquals(0, sfn.listStateMachines().stateMachines().size(), "state machines left after the grading");
        }
    }

    @Test
    void grade_starter_failsWithTheChecksSayingWhy() {
        GradingReport report = grader.grade(twoSteps, Submission.fromDirectory(twoSteps.starterDir()),
                GradingListener.NONE);

        assertEquals(Status.FAILED, report.status(), report::toJson);
        assertEquals(0, report.passedChecks(), report::toJson);
    }
}

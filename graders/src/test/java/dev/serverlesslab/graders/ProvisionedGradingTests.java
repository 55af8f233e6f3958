package dev.serverlesslab.graders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.StageResult;
import dev.serverlesslab.graders.report.Status;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/** Gradings of an exercise that declares resources: the handler reads a provisioned SSM parameter. */
class ProvisionedGradingTests {

    private static Backend backend;
    private static Grader grader;
    private static Exercise greeting;

    @BeforeAll
    static void startBackend() {
        backend = Backend.embedded();
        grader = new Grader(backend);
        greeting = ExerciseCatalog.load(Path.of("src/test/resources/content")).find("greeting").orElseThrow();
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    @Test
    void grade_solution_readsTheProvisionedParameterThroughItsEnvironment() {
        GradingReport report = grader.grade(greeting, Submission.fromDirectory(greeting.solutionDir()),
                GradingListener.NONE);

        assertEquals(Status.PASSED, report.status(), report::toJson);
        assertEquals(2, report.passedChecks());
    }

    @Test
    void grade_starter_failsTheCheckThatNeedsTheParameter() {
        GradingReport report = grader.grade(greeting, Submission.fromDirectory(greeting.starterDir()),
                GradingListener.NONE);

        assertEquals(Status.FAILED, report.status(), report::toJson);
        assertEquals(1, report.passedChecks());
    }

    @Test
    void grade_reportsPhysicalNames_andDeletesTheParameterAfterwards() {
        GradingReport report = grader.grade(greeting, Submission.fromDirectory(greeting.solutionDir()),
                GradingListener.NONE);

        StageResult provision = stage(report, Stage.PROVISION);
        assertEquals(Status.PASSED, provision.status());
        Matcher parameter = Pattern.compile("parameter greeting → (/lab/[0-9a-f]{8}/lab/greeting)")
                .matcher(provision.detail());
        assertTrue(parameter.find(), provision.detail());
        StageResult teardown = stage(report, Stage.TEARDOWN);
        assertTrue(teardown.detail().startsWith("deleted lab-greeting-"), teardown.detail());
        try (SsmClient ssm = SsmClient.builder().endpointOverride(backend.endpoint())
                .region(Region.of(backend.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            assertThrows(ParameterNotFoundException.class, () -> ssm.getParameter(b -> b.name(parameter.group(1))));
        }
    }

    private static StageResult stage(GradingReport report, Stage stage) {
        return report.stages().stream().filter(s -> s.stage() == stage).findFirst().orElseThrow();
    }
}

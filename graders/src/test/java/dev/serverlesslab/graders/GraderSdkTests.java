package dev.serverlesslab.graders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.layer.SdkLayerCache;
import dev.serverlesslab.graders.layer.SdkLayers;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.StageResult;
import dev.serverlesslab.graders.report.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gradings of a fixture exercise whose handler calls {@code SsmClient.create()}: the SDK reaches the function as a
 * layer, and the checks get an {@code SsmClient} pointed at the backend.
 */
class GraderSdkTests {

    @TempDir
    static Path layerCache;

    private static Backend backend;
    private static Grader grader;
    private static Exercise ssmConfig;

    @BeforeAll
    static void startBackend() {
        backend = Backend.embedded();
        // Stands in for the descriptor's sdk: list, which exercise.yml gains on another branch.
        grader = new Grader(backend, new SdkLayers(new SdkLayerCache(layerCache)),
                exercise -> exercise.id().equals("ssm-config") ? List.of("ssm") : List.of());
        ssmConfig = ExerciseCatalog.load(Path.of("src/test/resources/content")).find("ssm-config").orElseThrow();
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    private static Map<String, CheckResult> byName(GradingReport report) {
        return report.checks().stream().collect(Collectors.toMap(CheckResult::name, c -> c));
    }

    private static StageResult stage(GradingReport report, Stage stage) {
        return report.stages().stream().filter(s -> s.stage() == stage).findFirst().orElseThrow();
    }

    @Test
    void grade_solutionUsingSsmClientCreate_passesWithTheSdkFromALayerAndScoresEveryPoint() {
        GradingReport report = grader.grade(ssmConfig, Submission.fromDirectory(ssmConfig.solutionDir()),
                GradingListener.NONE);

        assertEquals(Status.PASSED, report.status(), report::toJson);
        assertEquals(3, report.score());
        assertEquals(3, report.maxScore());
        assertTrue(stage(report, Stage.DEPLOY).detail().contains("SDK layer ssm ("), stage(report, Stage.DEPLOY).detail());
        assertTrue(stage(report, Stage.PACKAGE).detail().endsWith(" bytes"),
                "the submission zip holds the handler only, no SDK jars: " + stage(report, Stage.PACKAGE).detail());
        assertFalse(report.functionLog().contains("SLF4J"), "the layer binds slf4j quietly: " + report.functionLog());
    }

    @Test
    void grade_twice_reusesTheLayer() {
        grader.grade(ssmConfig, Submission.fromDirectory(ssmConfig.solutionDir()), GradingListener.NONE);

        GradingReport again = grader.grade(ssmConfig, Submission.fromDirectory(ssmConfig.solutionDir()),
                GradingListener.NONE);

        assertTrue(stage(again, Stage.DEPLOY).detail().endsWith("SDK layer ssm (cached)"),
                stage(again, Stage.DEPLOY).detail());
    }

    @Test
    void grade_starter_failsWithTheHintAndAHiddenCheckRedactedForStudents() {
        GradingReport report = grader.grade(ssmConfig, Submission.fromDirectory(ssmConfig.starterDir()),
                GradingListener.NONE);
        Map<String, CheckResult> full = byName(report);
        Map<String, CheckResult> students = byName(report.forStudents());

        assertEquals(Status.FAILED, report.status(), report::toJson);
        assertEquals(0, report.score());
        assertTrue(full.get("returns the parameter's value").hint().contains("SsmClient.create()"));
        CheckResult hidden = full.get("returns a value the checks changed");
        assertTrue(hidden.hidden());
        assertTrue(hidden.message().contains("the value after the parameter changed"), hidden.message());
        assertEquals(CheckResult.HIDDEN, students.get("returns a value the checks changed").message());
        assertNull(students.get("returns a value the checks changed").hint());
        assertEquals(Status.FAILED, students.get("returns a value the checks changed").status());
    }

    @Test
    void grade_exerciseWithAnUnknownSdkModule_isAnErrorNamingTheAllowedModules() {
        Grader misconfigured = new Grader(backend, new SdkLayers(new SdkLayerCache(layerCache)),
                exercise -> List.of("dynamo"));

        GradingReport report = misconfigured.grade(ssmConfig, Submission.fromDirectory(ssmConfig.solutionDir()),
                GradingListener.NONE);

        assertEquals(Status.ERROR, report.status());
        assertTrue(report.summary().contains("'dynamo'") && report.summary()
                .contains("dynamodb, eventbridge, kinesis, kms, lambda, s3, scheduler, sfn, sns, sqs, ssm"),
                report.summary());
    }
}

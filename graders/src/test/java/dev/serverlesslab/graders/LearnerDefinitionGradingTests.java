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
import dev.serverlesslab.graders.report.StageResult;
import dev.serverlesslab.graders.report.Status;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Gradings of an exercise whose state machine the learner writes ({@code from: submission}): the submission's
 * definition is the one deployed, and what is wrong with it is reported on the learner's file, like a compile error.
 */
class LearnerDefinitionGradingTests {

    private static final String FILE = "flow.asl.json";

    @TempDir
    static Path layerCache;

    private static Backend backend;
    private static Grader grader;
    private static RecordingAccounts accounts;
    private static Exercise writtenSteps;

    @BeforeAll
    static void startBackend() {
        backend = Backend.embedded();
        accounts = new RecordingAccounts(backend);
        grader = new Grader(backend, new SdkLayers(new SdkLayerCache(layerCache)), Exercise::sdk, accounts);
        writtenSteps = ExerciseCatalog.load(Path.of("src/test/resources/content")).find("written-steps")
                .orElseThrow();
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    @Test
    void grade_deploysTheSubmissionsDefinition_notTheSolutions() {
        GradingReport solution = grade(Submission.fromDirectory(writtenSteps.solutionDir()));
        // The starter's definition stops after Double: graded with the solution's, it would pass.
        GradingReport starter = grade(Submission.fromDirectory(writtenSteps.starterDir()));

        assertEquals(Status.PASSED, solution.status(), solution::toJson);
        assertEquals(Status.FAILED, starter.status(), starter::toJson);
        assertEquals(0, starter.passedChecks(), starter::toJson);
        assertTrue(starter.diagnostics().isEmpty(), starter::toJson);
    }

    @Test
    void grade_whenTheDefinitionIsNotJson_reportsItsLine_beforeCompilingOrCreatingAnything() {
        GradingReport report = grade(withDefinition("{\n  \"StartAt\": \"Double\",\n  \"States\": {\n"
                + "    \"Double\": {\"Type\": \"Task\" \"End\": true}\n  }\n}\n"));

        assertEquals(Status.FAILED, report.status(), report::toJson);
        assertEquals(1, report.diagnostics().size(), report::toJson);
        assertTrue(report.diagnostics().get(0).startsWith(FILE + ":4: error: not valid JSON"), report::toJson);
        assertEquals(Status.FAILED, stage(report, Stage.VALIDATE).status(), report::toJson);
        assertEquals(Status.SKIPPED, stage(report, Stage.COMPILE).status(), report::toJson);
        assertTrue(report.summary().startsWith("Your state machine definition cannot be deployed"), report.summary());
        assertTrue(!report.compileFailed(), report::toJson);
    }

    @Test
    void grade_whenTheDefinitionLacksStatesOrRefersToAnUnknownFunction_namesEachProblem() {
        GradingReport noStates = grade(withDefinition("{\"StartAt\": \"Double\"}"));
        GradingReport unknown = grade(withDefinition("{\n  \"StartAt\": \"Triple\",\n  \"States\": {\n"
                + "    \"Triple\": {\"Type\": \"Task\", \"Resource\": \"${function:triple}\", \"End\": true}\n"
                + "  }\n}\n"));

        assertTrue(noStates.diagnostics().get(0).contains("\"States\" is missing"), noStates::toJson);
        assertEquals(1, unknown.diagnostics().size(), unknown::toJson);
        String problem = unknown.diagnostics().get(0);
        assertTrue(problem.startsWith(FILE + ":4: error: '${function:triple}' is not one of this exercise's "
                + "functions"), problem);
        assertTrue(problem.contains("${function:double}") && problem.contains("${function:label}"), problem);
    }

    @Test
    void grade_whenTheDefinitionIsMissing_saysToPutItBack() {
        Map<String, String> files = new LinkedHashMap<>(Submission.fromDirectory(writtenSteps.solutionDir()).files());
        files.remove(FILE);

        GradingReport report = grade(Submission.of(files));

        assertEquals(Status.FAILED, report.status(), report::toJson);
        assertTrue(report.diagnostics().get(0).startsWith(FILE + ": error: the definition of the state machine "
                + "'flow' is missing"), report::toJson);
    }

    @Test
    void grade_whenStepFunctionsRefusesTheDefinition_reportsItsReason_andDeletesWhatWasMade() {
        GradingReport report = grade(withDefinition("{\"StartAt\": \"Double\", \"States\": {\"Double\": "
                + "{\"Type\": \"Task\", \"Resource\": \"${function:double}\", \"Next\": \"Nowhere\"}}}"));

        assertEquals(Status.FAILED, report.status(), report::toJson);
        assertEquals(Status.FAILED, stage(report, Stage.DEPLOY).status(), report::toJson);
        assertEquals(Status.SKIPPED, stage(report, Stage.CHECK).status(), report::toJson);
        String problem = report.diagnostics().get(0);
        assertTrue(problem.startsWith(FILE + ": error: Step Functions refused this definition: InvalidDefinition"),
                problem);
        assertTrue(problem.contains("Nowhere"), problem);
        AwsClients account = new AwsClients(backend, accounts.last());
        try (LambdaClient lambda = account.build(LambdaClient.builder());
                SfnClient sfn = account.build(SfnClient.builder())) {
            assertEquals(0, lambda.listFunctions().functions().size(), "functions left after the grading");
            assertEquals(0, sfn.listStateMachines().stateMachines().size(), "state machines left after the grading");
        }
    }

    private Submission withDefinition(String definition) {
        Map<String, String> files = new LinkedHashMap<>(Submission.fromDirectory(writtenSteps.solutionDir()).files());
        files.put(FILE, definition);
        return Submission.of(files);
    }

    private GradingReport grade(Submission submission) {
        return grader.grade(writtenSteps, submission, GradingListener.NONE);
    }

    private static StageResult stage(GradingReport report, Stage stage) {
        return report.stages().stream().filter(s -> s.stage() == stage).findFirst().orElseThrow();
    }
}

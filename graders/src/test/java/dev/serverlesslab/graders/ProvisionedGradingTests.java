package dev.serverlesslab.graders;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/** Gradings of an exercise that declares resources: the handler reads a provisioned SSM parameter. */
class ProvisionedGradingTests {

    private static Backend backend;
    private static Grader grader;
    private static RecordingAccounts accounts;
    private static Exercise greeting;

    @BeforeAll
    static void startBackend() {
        backend = Backend.embedded();
        accounts = new RecordingAccounts(backend);
        grader = new Grader(backend, SdkLayers.inUserCache(), Exercise::sdk, accounts);
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
    void grade_sdkSolution_readsASecureStringAndSealsWithTheProvisionedKey(@TempDir Path layerCache) {
        Exercise sealed = ExerciseCatalog.load(Path.of("src/test/resources/content")).find("sealed-config")
                .orElseThrow();
        Grader withLayers = new Grader(backend, new SdkLayers(new SdkLayerCache(layerCache)), Exercise::sdk);

        GradingReport report = withLayers.grade(sealed, Submission.fromDirectory(sealed.solutionDir()),
                GradingListener.NONE);

        assertEquals(Status.PASSED, report.status(), report::toJson);
        assertEquals(2, report.passedChecks());
        assertTrue(stage(report, Stage.PROVISION).detail().startsWith("key notes → alias/lab-sealed-config-"),
                stage(report, Stage.PROVISION).detail());
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
        try (SsmClient ssm = new AwsClients(backend, accounts.last()).build(SsmClient.builder())) {
            assertThrows(ParameterNotFoundException.class, () -> ssm.getParameter(b -> b.name(parameter.group(1))));
        }
    }

    @Test
    void grade_provisionsWhileTheSubmissionCompiles() {
        // The listener holds the grading thread at the end of the compile stage: the parameter can only appear in
        // the grading's account meanwhile if provisioning runs beside the compiler, not after it.
        List<String> seenAtCompileEnd = new CopyOnWriteArrayList<>();
        GradingListener listener = new GradingListener() {
            @Override
            public void stageFinished(StageResult result) {
                if (result.stage() == Stage.COMPILE) {
                    try (SsmClient ssm = new AwsClients(backend, accounts.last()).build(SsmClient.builder())) {
                        await().atMost(Duration.ofSeconds(20)).until(() -> !ssm.describeParameters().parameters()
                                .isEmpty());
                        ssm.describeParameters().parameters().forEach(p -> seenAtCompileEnd.add(p.name()));
                    }
                }
            }
        };

        GradingReport report = grader.grade(greeting, Submission.fromDirectory(greeting.solutionDir()), listener);

        assertEquals(Status.PASSED, report.status(), report::toJson);
        assertEquals(1, seenAtCompileEnd.size(), seenAtCompileEnd::toString);
        assertTrue(stage(report, Stage.PROVISION).detail().contains(seenAtCompileEnd.get(0)),
                stage(report, Stage.PROVISION).detail());
    }

    @Test
    void grade_submissionThatDoesNotCompile_leavesNothingProvisionedBesideTheCompiler(@TempDir Path broken)
            throws IOException {
        Path source = broken.resolve("example/Greeter.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package example;\npublic class Greeter { this does not compile }\n");

        GradingReport report = grader.grade(greeting, Submission.fromDirectory(broken), GradingListener.NONE);

        assertEquals(Status.FAILED, stage(report, Stage.COMPILE).status(), report::toJson);
        assertEquals(Status.SKIPPED, stage(report, Stage.PROVISION).status(), report::toJson);
        try (SsmClient ssm = new AwsClients(backend, accounts.last()).build(SsmClient.builder())) {
            assertEquals(List.of(), ssm.describeParameters().parameters(),
                    "what was provisioned while the submission compiled is deleted before the report is given");
        }
    }

    @Test
    void grade_whenTheBackendRefusesAResource_couldNotGradeWithTheBackendsAnswer(@TempDir Path content)
            throws IOException {
        Path copy = content.resolve("exercises/greeting");
        copyTree(greeting.directory(), copy);
        Files.writeString(copy.resolve("exercise.yml"), Files.readString(copy.resolve("exercise.yml"))
                .replace("value: \"hi from SSM\"", "value: " + "x".repeat(5000)));
        Exercise refused = ExerciseCatalog.load(content).find("greeting").orElseThrow();

        GradingReport report = grader.grade(refused, Submission.fromDirectory(refused.solutionDir()),
                GradingListener.NONE);

        assertEquals(Status.ERROR, report.status(), report::toJson);
        assertEquals(Status.ERROR, stage(report, Stage.PROVISION).status());
        assertEquals(Status.SKIPPED, stage(report, Stage.DEPLOY).status());
        assertTrue(report.summary().startsWith("Grading could not finish (Provision): could not create parameter "
                + "greeting (/lab/"), report.summary());
        assertTrue(report.summary().contains("ValidationException"), report.summary());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static StageResult stage(GradingReport report, Stage stage) {
        return report.stages().stream().filter(s -> s.stage() == stage).findFirst().orElseThrow();
    }
}

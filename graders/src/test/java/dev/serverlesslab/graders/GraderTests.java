package dev.serverlesslab.graders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.serverlesslab.emulator.lambda.runtime.JavaRuntimes;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.backend.AwsClients;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.layer.SdkLayers;
import dev.serverlesslab.graders.report.CheckInvocation;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.StageResult;
import dev.serverlesslab.graders.report.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Whole gradings on the embedded backend: the course's hello-lambda and a small fixture exercise. */
class GraderTests {

    private static Backend backend;
    private static Grader grader;
    private static RecordingAccounts accounts;
    private static Exercise hello;
    private static Exercise echo;

    @BeforeAll
    static void startBackend() {
        backend = Backend.embedded();
        accounts = new RecordingAccounts(backend);
        grader = new Grader(backend, SdkLayers.inUserCache(), Exercise::sdk, accounts);
        hello = ExerciseCatalog.load(Path.of("../content")).find("hello-lambda").orElseThrow();
        echo = ExerciseCatalog.load(Path.of("src/test/resources/content")).find("echo").orElseThrow();
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    private static Submission echoHandler(String body) {
        return Submission.of(Map.of("example/Echo.java", """
                package example;
                import java.util.Map;
                public class Echo {
                    public Map<String, String> handleRequest(Map<String, String> event) {
                        %s
                    }
                }
                """.formatted(body)));
    }

    @Test
    void grade_helloLambdaSolution_passesEveryCheck_andReportsLogs_alsoPerCheck() {
        List<StageResult> stages = new ArrayList<>();
        GradingReport report = grader.grade(hello, Submission.fromDirectory(hello.solutionDir()), new GradingListener() {
            @Override
            public void stageFinished(StageResult result) {
                stages.add(result);
            }
        });

        assertEquals(Status.PASSED, report.status(), report::toJson);
        assertTrue(report.totalChecks() >= 4, "hello-lambda has at least 4 checks");
        assertEquals(report.totalChecks(), report.passedChecks());
        assertTrue(report.functionLog().contains("START RequestId:"), report.functionLog());
        assertFalse(report.reportLines().isEmpty());
        assertTrue(report.reportLines().get(0).startsWith("REPORT RequestId:"));
        assertEquals(List.of(Stage.VALIDATE, Stage.COMPILE, Stage.PACKAGE, Stage.PROVISION, Stage.DEPLOY, Stage.CHECK,
                        Stage.TEARDOWN),
                stages.stream().map(StageResult::stage).toList(), "the listener hears every stage in order");

        // Each check keeps the invocations it made: the event it sent, the answer, the function's log and its REPORT.
        CheckResult greetsAda = report.checks().get(0);
        assertEquals(1, greetsAda.invocations().size(), report::toJson);
        CheckInvocation call = greetsAda.invocations().get(0);
        assertEquals("{\"name\":\"Ada\"}", call.event().replace(" ", ""));
        assertTrue(call.response().contains("Hello, Ada!"), call.response());
        assertTrue(call.report().startsWith("REPORT RequestId: " + call.requestId()), call.report());
        assertTrue(report.reportLines().contains(call.report()), "the same REPORT line as the report's own");
        CheckResult logsId = report.checks().stream().filter(c -> c.name().startsWith("Logs a line")).findFirst()
                .orElseThrow();
        assertEquals(1, logsId.invocations().size());
        CheckInvocation logged = logsId.invocations().get(0);
        assertTrue(logged.functionLog().contains(logged.requestId()), logged.functionLog());
        assertFalse(logged.functionLog().contains("REPORT RequestId:"), "platform lines are not the function's log");
        assertTrue(report.checks().stream().allMatch(c -> !c.invocations().isEmpty()),
                "every hello-lambda check invokes the function");
        assertEquals(report.checks(), GradingReport.fromJson(report.toJson()).checks(), "kept in the stored JSON");
    }

    @Test
    void grade_java21Exercise_compilesForJava21_andRunsAsJava21() {
        Exercise shapes = ExerciseCatalog.load(Path.of("src/test/resources/content")).find("shapes21").orElseThrow();
        assumeTrue(JavaRuntimes.discover().jdk("java21").isPresent(), "no JDK 21 or newer on this machine");

        GradingReport report = grader.grade(shapes, Submission.fromDirectory(shapes.solutionDir()),
                GradingListener.NONE);

        assertEquals(Status.PASSED, report.status(), report::toJson);
        assertEquals(1, report.passedChecks());
        assertTrue(report.functionLog().contains("INIT_START Runtime Version: java:21."), report.functionLog());
    }

    @Test
    void grade_helloLambdaStarter_failsAtLeastOneCheck() {
        GradingReport report = grader.grade(hello, Submission.fromDirectory(hello.starterDir()), GradingListener.NONE);

        assertEquals(Status.FAILED, report.status(), report::toJson);
        assertTrue(report.checks().stream().anyMatch(c -> c.status() == Status.FAILED));
        assertTrue(report.checks().stream().filter(c -> c.status() == Status.FAILED)
                .allMatch(c -> c.message() != null && !c.message().isBlank()), "every failure says why");
    }

    @Test
    void grade_compileError_failsWithFileAndLine_andDeploysNothing() {
        GradingReport report = grader.grade(echo, echoHandler("return Map.of(\"message\", 42)"), GradingListener.NONE);

        assertEquals(Status.FAILED, report.status());
        assertTrue(report.diagnostics().stream().anyMatch(d -> d.startsWith("example/Echo.java:5:")),
                () -> "diagnostics: " + report.diagnostics());
        assertEquals(Status.SKIPPED, stage(report, Stage.DEPLOY).status());
        assertTrue(report.summary().contains("does not compile"), report.summary());
    }

    @Test
    void grade_handlerThatThrows_showsErrorTypeAndMessageInTheCheck() {
        GradingReport report = grader.grade(echo,
                echoHandler("throw new IllegalStateException(\"no echo today\");"), GradingListener.NONE);

        CheckResult check = report.checks().get(0);
        assertEquals(Status.FAILED, check.status());
        assertTrue(check.message().contains("java.lang.IllegalStateException")
                && check.message().contains("no echo today"), check.message());
    }

    @Test
    void grade_infiniteLoop_timesOutWithLambdasMessage() {
        GradingReport report = grader.grade(echo, echoHandler("while (true) { Thread.onSpinWait(); }"),
                GradingListener.NONE);

        CheckResult check = report.checks().get(0);
        assertEquals(Status.FAILED, check.status());
        assertTrue(check.message().contains("Task timed out after 1.00 seconds"), check.message());
    }

    @Test
    void grade_removesTheFunctionAfterwards() {
        GradingReport report = grader.grade(echo, Submission.fromDirectory(echo.solutionDir()), GradingListener.NONE);
        assertEquals(Status.PASSED, report.status(), report::toJson);

        String deployed = stage(report, Stage.DEPLOY).detail().split(" ")[0];
        try (LambdaClient lambda = new AwsClients(backend, accounts.last()).lambda(Duration.ofSeconds(5))) {
            assertThrows(ResourceNotFoundException.class, () -> lambda.getFunction(b -> b.functionName(deployed)));
        }
    }

    @Test
    void grade_unreachableEndpoint_isAnErrorThatSaysWhere() {
        try (Backend nowhere = Backend.endpoint(java.net.URI.create("http://127.0.0.1:9"))) {
            GradingReport report = new Grader(nowhere).grade(echo, Submission.fromDirectory(echo.solutionDir()),
                    GradingListener.NONE);
            assertEquals(Status.ERROR, report.status());
            assertEquals(Status.ERROR, stage(report, Stage.PROVISION).status());
            assertTrue(report.summary().startsWith("Grading could not finish (Provision): could not create role"),
                    report.summary());
        }
    }

    private static StageResult stage(GradingReport report, Stage stage) {
        return report.stages().stream().filter(s -> s.stage() == stage).findFirst().orElseThrow();
    }
}

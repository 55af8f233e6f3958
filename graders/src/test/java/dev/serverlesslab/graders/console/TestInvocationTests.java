package dev.serverlesslab.graders.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.build.SourceDiagnostic;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.backend.AwsClients;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.backend.BackendCredentials;
import dev.serverlesslab.graders.console.TestResult.Outcome;
import dev.serverlesslab.graders.layer.SdkLayers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The test console's run of hello-lambda on the embedded backend: answer, function error, logs, REPORT, teardown. */
class TestInvocationTests {

    private static Backend backend;
    private static final List<BackendCredentials> accounts = new CopyOnWriteArrayList<>();
    private static TestInvocation console;
    private static Exercise hello;

    @BeforeAll
    static void startBackend() {
        backend = Backend.embedded();
        console = new TestInvocation(backend, SdkLayers.inUserCache(), () -> {
            BackendCredentials account = backend.newAccount();
            accounts.add(account);
            return account;
        });
        hello = ExerciseCatalog.load(Path.of("../content")).find("hello-lambda").orElseThrow();
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    private static Submission solution() {
        return Submission.fromDirectory(hello.solutionDir());
    }

    @Test
    void invoke_ofAChosenFunction_runsThatOne_andLeavesNoFunctionDeployed() {
        Exercise twoSteps = ExerciseCatalog.load(Path.of("src/test/resources/content")).find("two-steps")
                .orElseThrow();
        Submission submission = Submission.fromDirectory(twoSteps.solutionDir());

        TestResult labelled = console.invoke(twoSteps, submission, "label", "{\"n\": 3}");
        TestResult first = console.invoke(twoSteps, submission, "{\"n\": 3}");

        assertEquals(Outcome.SUCCEEDED, labelled.outcome(), String.valueOf(labelled));
        assertTrue(labelled.payload().contains("\"label\":\"n=3\""), labelled.payload());
        assertTrue(first.payload().contains("\"n\":6"), "the first function, double, by default: "
                + first.payload());
        try (LambdaClient lambda = new AwsClients(backend, accounts.get(accounts.size() - 1))
                .build(LambdaClient.builder())) {
            assertEquals(0, lambda.listFunctions().functions().size(), "functions left after the run");
        }
    }

    @Test
    void invoke_solution_answersThePayload_logsAndReport_andLeavesNothingDeployed() {
        TestResult result = console.invoke(hello, solution(), "{\"name\":\"Ada\"}");

        assertEquals(Outcome.SUCCEEDED, result.outcome(), String.valueOf(result));
        assertEquals("{\"greeting\":\"Hello, Ada!\"}", result.payload().strip());
        assertTrue(result.logOutput().contains("Greeting request"), result.logOutput());
        assertTrue(result.logOutput().contains("START RequestId:"), result.logOutput());
        assertNotNull(result.report(), "the REPORT figures of the one invocation");
        assertEquals(256, result.report().memorySizeMb(), "the exercise's memory");
        assertTrue(result.report().billedDurationMs() >= 1);
        assertTrue(result.report().coldStart(), "a fresh function always pays for init");
        try (LambdaClient lambda = new AwsClients(backend, accounts.get(accounts.size() - 1))
                .lambda(Duration.ofSeconds(10))) {
            assertEquals(List.of(), lambda.listFunctions().functions(), "the run's function is torn down");
        }
    }

    @Test
    void invoke_handlerThatThrows_answersTheFunctionError() {
        TestResult result = console.invoke(hello, solution(), "{}");

        assertEquals(Outcome.FUNCTION_ERROR, result.outcome(), String.valueOf(result));
        assertEquals("java.lang.IllegalArgumentException", result.errorType());
        assertTrue(result.errorMessage().contains("'name' is required"), result.errorMessage());
        assertFalse(result.stackTrace().isEmpty(), "Lambda's stackTrace lines");
        assertTrue(result.stackTrace().get(0).contains("example.Hello"), result.stackTrace().toString());
        assertNotNull(result.report(), "a failed invocation is billed too");
    }

    @Test
    void invoke_codeThatDoesNotCompile_answersDiagnosticsWithFileAndLine_andDeploysNothing() {
        int before = accounts.size();
        TestResult result = console.invoke(hello, Submission.of(Map.of("example/Hello.java", """
                package example;
                public class Hello {
                    public String handleRequest(Object event) {
                        return missing;
                    }
                }
                """)), "{}");

        assertEquals(Outcome.COMPILE_FAILED, result.outcome());
        SourceDiagnostic error = result.diagnostics().get(0);
        assertEquals("example/Hello.java", error.file());
        assertEquals(4, error.line());
        assertTrue(error.message().contains("cannot find symbol"), error.message());
        assertNull(result.report());
        assertEquals(before, accounts.size(), "no account is even opened for code that does not compile");
    }
}

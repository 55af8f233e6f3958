package dev.serverlesslab.graders.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.build.CompileResult;
import dev.serverlesslab.exercises.build.JavaSourceCompiler;
import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.LearnerFiles;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckRunnerTests {

    @TempDir
    Path classes;

    /** A function that answers every event with a fixed payload, standing in for a deployed handler. */
    private static DeployedFunction answering(String payload) {
        return new DeployedFunction() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public Invocation invoke(String jsonEvent) {
                return new Invocation(200, payload, null, "", null);
            }

            @Override
            public Invocation invoke(Object event) {
                return invoke(String.valueOf(event));
            }

            @Override
            public int invocationCount() {
                return 0;
            }
        };
    }

    /** Generous, so a loaded machine never times out a check that does not mean to hang. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

    private Map<String, CheckResult> run(String source, DeployedFunction function, List<String> started) {
        return run(source, function, started, CHECK_TIMEOUT);
    }

    private Map<String, CheckResult> run(String source, DeployedFunction function, List<String> started,
            Duration timeout) {
        CompileResult compiled = new JavaSourceCompiler().compile(Map.of("checks/SampleChecks.java", source),
                CheckClasspath.entries(), classes);
        assertTrue(compiled.success(), () -> "checks should compile: " + compiled.diagnostics());
        GradingListener listener = new GradingListener() {
            @Override
            public void checkStarted(String displayName) {
                started.add(displayName);
            }
        };
        return new CheckRunner().run(classes, CheckContext.of(function), timeout, listener).stream()
                .collect(Collectors.toMap(CheckResult::name, c -> c));
    }

    @Test
    void run_withSeveralFunctions_handsThemOutByName_andRefusesAPlainDeployedFunctionSayingWhatToTake() {
        String source = """
                package checks;
                import static org.junit.jupiter.api.Assertions.*;
                import dev.serverlesslab.graders.check.*;
                import org.junit.jupiter.api.*;
                class SampleChecks {
                    @Test @DisplayName("picks charge")
                    void picks(Functions functions) {
                        assertEquals("charged", functions.get("charge").invoke("{}").payload());
                        assertEquals(java.util.List.of("validate", "charge"), functions.names());
                    }
                    @Test @DisplayName("takes the one function")
                    void takesOne(DeployedFunction function) {
                    }
                }
                """;
        CompileResult compiled = new JavaSourceCompiler().compile(Map.of("checks/SampleChecks.java", source),
                CheckClasspath.entries(), classes);
        assertTrue(compiled.success(), () -> "checks should compile: " + compiled.diagnostics());
        Map<String, DeployedFunction> byName = new java.util.LinkedHashMap<>();
        byName.put("validate", answering("validated"));
        byName.put("charge", answering("charged"));
        dev.serverlesslab.graders.check.Functions functions = new dev.serverlesslab.graders.check.Functions() {
            @Override
            public DeployedFunction get(String logical) {
                return byName.get(logical);
            }

            @Override
            public List<String> names() {
                return List.copyOf(byName.keySet());
            }
        };

        Map<String, CheckResult> results = new CheckRunner().run(classes, CheckContext.of(functions),
                CHECK_TIMEOUT, GradingListener.NONE).stream()
                .collect(Collectors.toMap(CheckResult::name, c -> c));

        assertEquals(Status.PASSED, results.get("picks charge").status(), results.get("picks charge")::message);
        CheckResult plain = results.get("takes the one function");
        assertEquals(Status.ERROR, plain.status());
        assertTrue(plain.message().contains("This exercise deploys several functions (validate, charge): take a "
                + "Functions parameter and pick one, e.g. functions.get(\"validate\")"), plain.message());
    }

    @Test
    void run_withLearnerFiles_letsAChecksReadANonJavaDocument_andFailsNamingAMissingOne() {
        String source = """
                package checks;
                import static org.junit.jupiter.api.Assertions.*;
                import dev.serverlesslab.graders.check.*;
                import org.junit.jupiter.api.*;
                class SampleChecks {
                    @Test @DisplayName("reads the policy")
                    void reads(LearnerFiles files) {
                        assertTrue(files.text("policy.json").contains("dynamodb:GetItem"));
                        assertEquals(java.util.List.of("orders/Api.java", "policy.json"), files.paths());
                    }
                    @Test @DisplayName("reads a file that is not there")
                    void missing(LearnerFiles files) {
                        files.text("role.json");
                    }
                }
                """;
        CompileResult compiled = new JavaSourceCompiler().compile(Map.of("checks/SampleChecks.java", source),
                CheckClasspath.entries(), classes);
        assertTrue(compiled.success(), () -> "checks should compile: " + compiled.diagnostics());
        var submitted = dev.serverlesslab.exercises.submission.Submission.of(Map.of(
                "orders/Api.java", "package orders; class Api {}",
                "policy.json", "{\"Statement\": [{\"Action\": \"dynamodb:GetItem\"}]}"));
        CheckContext context = CheckContext.of(answering("{}"))
                .with(LearnerFiles.class, new LearnerFiles(submitted.files()));

        Map<String, CheckResult> results = new CheckRunner().run(classes, context, CHECK_TIMEOUT,
                GradingListener.NONE).stream().collect(Collectors.toMap(CheckResult::name, c -> c));

        assertEquals(Status.PASSED, results.get("reads the policy").status(), results.get("reads the policy")::message);
        CheckResult missing = results.get("reads a file that is not there");
        assertEquals(Status.FAILED, missing.status());
        assertTrue(missing.message().contains("role.json is not in your submission (it has orders/Api.java, "
                + "policy.json)"), missing.message());
    }

    @Test
    void run_ofACheckQuotingAHugePayload_keepsOnlyTheStartOfItsMessage() {
        String source = """
                package checks;
                import static org.junit.jupiter.api.Assertions.*;
                import dev.serverlesslab.graders.check.*;
                import org.junit.jupiter.api.*;
                class SampleChecks {
                    @Test @DisplayName("quotes the payload")
                    void quotes(DeployedFunction f) {
                        fail("your function returned " + f.invoke("{}").payload());
                    }
                }
                """;

        CheckResult result = run(source, answering("x".repeat(200_000)), new ArrayList<>()).get("quotes the payload");

        assertEquals(Status.FAILED, result.status());
        assertTrue(result.message().length() < CheckListener.MAX_MESSAGE_CHARS + 100, "message length "
                + result.message().length());
        assertTrue(result.message().startsWith("your function returned xxx"), result.message().substring(0, 40));
        assertTrue(result.message().endsWith("more characters not shown]"));
    }

    @Test
    void run_injectsTheDeployedFunction_andReportsEveryLeafWithItsDisplayName() {
        String source = """
                package checks;
                import static org.junit.jupiter.api.Assertions.*;
                import dev.serverlesslab.graders.check.*;
                import org.junit.jupiter.api.*;
                class SampleChecks {
                    @Test @DisplayName("greets Ada")
                    void greets(DeployedFunction f) {
                        assertEquals("Hello, Ada!", f.invoke("{}").json().path("greeting").asText());
                    }
                    @Test @DisplayName("says goodbye")
                    void goodbye(DeployedFunction f) {
                        assertEquals("Bye", f.invoke("{}").json().path("greeting").asText(), "the greeting should be Bye");
                    }
                    @Test @DisplayName("reads a missing field")
                    void crashes(DeployedFunction f) {
                        Object nothing = null;
                        nothing.toString();
                    }
                }
                """;
        List<String> started = new ArrayList<>();
        Map<String, CheckResult> results = run(source, answering("{\"greeting\":\"Hello, Ada!\"}"), started);

        assertEquals(3, results.size(), "only the three test methods count, not the class container");
        assertEquals(Status.PASSED, results.get("greets Ada").status());
        CheckResult failed = results.get("says goodbye");
        assertEquals(Status.FAILED, failed.status());
        assertTrue(failed.message().contains("the greeting should be Bye") && failed.message().contains("Hello, Ada!"),
                failed.message());
        assertEquals(Status.ERROR, results.get("reads a missing field").status());
        assertTrue(results.get("reads a missing field").message().contains("NullPointerException"));
        assertEquals(3, started.size());
    }

    @Test
    void run_stopsACheckThatHangs_andSaysSo() {
        String source = """
                package checks;
                import dev.serverlesslab.graders.check.*;
                import org.junit.jupiter.api.*;
                class SampleChecks {
                    @Test @DisplayName("waits forever")
                    void hangs(DeployedFunction f) throws Exception {
                        Thread.sleep(60_000);
                    }
                }
                """;
        CheckResult result = run(source, answering("{}"), new ArrayList<>(), Duration.ofSeconds(2))
                .get("waits forever");
        assertEquals(Status.FAILED, result.status());
        assertTrue(result.message().contains("did not finish within 2 s"), result.message());
    }

    @Test
    void run_reportsAClassThatCannotStart_asAnErroredCheck() {
        String source = """
                package checks;
                import org.junit.jupiter.api.*;
                class SampleChecks {
                    @BeforeAll static void broken() { throw new IllegalStateException("fixture missing"); }
                    @Test void never() { }
                }
                """;
        Map<String, CheckResult> results = run(source, answering("{}"), new ArrayList<>());
        assertTrue(results.values().stream().anyMatch(r -> r.status() == Status.ERROR
                && r.message().contains("fixture missing")), results.toString());
    }

    @Test
    void run_parameterizedLeavesAreNamedWithTheirParent() {
        String source = """
                package checks;
                import static org.junit.jupiter.api.Assertions.*;
                import org.junit.jupiter.api.*;
                import java.util.stream.Stream;
                class SampleChecks {
                    @TestFactory @DisplayName("names")
                    Stream<DynamicTest> names() {
                        return Stream.of("Ada", "Grace").map(n -> DynamicTest.dynamicTest(n, () -> assertTrue(n.length() > 2)));
                    }
                }
                """;
        Map<String, CheckResult> results = run(source, answering("{}"), new ArrayList<>());
        assertEquals(Status.PASSED, results.get("names › Ada").status(), results.toString());
        assertEquals(Status.PASSED, results.get("names › Grace").status());
    }

    @Test
    void run_ordersChecksByTheirOrderAnnotation_soStudentsReadThemAsWritten() {
        String source = """
                package checks;
                import org.junit.jupiter.api.*;
                class SampleChecks {
                    @Test @Order(2) @DisplayName("second") void zeta() { }
                    @Test @Order(1) @DisplayName("first") void omega() { }
                    @Test @Order(3) @DisplayName("third") void alpha() { }
                }
                """;
        List<String> started = new ArrayList<>();
        run(source, answering("{}"), started);
        assertEquals(List.of("first", "second", "third"), started);
    }
}

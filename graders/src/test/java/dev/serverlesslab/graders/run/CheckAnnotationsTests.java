package dev.serverlesslab.graders.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.build.CompileResult;
import dev.serverlesslab.exercises.build.JavaSourceCompiler;
import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckAnnotationsTests {

    private static final String CHECKS = """
            package checks;
            import static org.junit.jupiter.api.Assertions.*;
            import dev.serverlesslab.graders.check.*;
            import org.junit.jupiter.api.*;
            @Points(2)
            class SampleChecks {
                @Test @DisplayName("plain")
                void plain() {
                }
                @Test @DisplayName("worth five") @Points(5)
                void five() {
                }
                @Test @DisplayName("fails with a hint") @Hint("Read the name from the event")
                void hinted() {
                    fail("expected Ada");
                }
                @Test @DisplayName("passes with a hint") @Hint("never shown")
                void hintedButPassing() {
                }
                @Test @DisplayName("fails with three levels")
                @Hint({"the concept", "the API", "", "the code"})
                void levelled() {
                    fail("expected a greeting");
                }
                @Test @DisplayName("secret") @Hidden @Points(3) @Hint({"secret concept", "secret API"})
                void secret() {
                    fail("the secret expectation");
                }
                @Nested @Hidden
                class Inner {
                    @Test @DisplayName("nested")
                    void nested() {
                    }
                }
            }
            """;

    @TempDir
    Path classes;

    private Map<String, CheckResult> run(String source) {
        CompileResult compiled = new JavaSourceCompiler().compile(Map.of("checks/SampleChecks.java", source),
                CheckClasspath.entries(), classes);
        assertTrue(compiled.success(), () -> "checks should compile: " + compiled.diagnostics());
        return new CheckRunner().run(classes, CheckContext.of(unused()), Duration.ofSeconds(5), GradingListener.NONE)
                .stream().collect(Collectors.toMap(CheckResult::name, c -> c));
    }

    @Test
    void points_onClass_areTheDefaultAndAMethodsOwnWin() {
        Map<String, CheckResult> results = run(CHECKS);

        assertEquals(2, results.get("plain").points());
        assertEquals(2, results.get("plain").maxPoints());
        assertEquals(5, results.get("worth five").points());
        assertEquals(0, results.get("fails with a hint").points());
        assertEquals(2, results.get("fails with a hint").maxPoints());
    }

    @Test
    void points_absentEverywhere_areOne() {
        Map<String, CheckResult> results = run("""
                package checks;
                import org.junit.jupiter.api.*;
                class SampleChecks {
                    @Test @DisplayName("plain")
                    void plain() {
                    }
                }
                """);

        assertEquals(1, results.get("plain").maxPoints());
        assertEquals(1, results.get("plain").points());
    }

    @Test
    void hint_isKeptOnlyWhenTheCheckFails() {
        Map<String, CheckResult> results = run(CHECKS);

        assertEquals("Read the name from the event", results.get("fails with a hint").hint());
        assertNull(results.get("passes with a hint").hint());
        assertEquals(java.util.List.of(), results.get("passes with a hint").hintLevels());
    }

    @Test
    void hint_levels_keepTheirOrder_dropBlankOnes_andTheFirstIsTheSingleHint() {
        Map<String, CheckResult> results = run(CHECKS);

        CheckResult levelled = results.get("fails with three levels");
        assertEquals(java.util.List.of("the concept", "the API", "the code"), levelled.hintLevels());
        assertEquals("the concept", levelled.hint());
        assertEquals(java.util.List.of("Read the name from the event"), results.get("fails with a hint").hintLevels());
    }

    @Test
    void hint_levelsOfAHiddenCheck_areInTheFullReportButNotTheStudentsOne() {
        Map<String, CheckResult> results = run(CHECKS);

        assertEquals(java.util.List.of("secret concept", "secret API"), results.get("secret").hintLevels());
        assertEquals(java.util.List.of(), results.get("secret").forStudents().hintLevels());
        assertNull(results.get("secret").forStudents().hint());
    }

    @Test
    void hidden_onMethodOrEnclosingClass_marksTheCheckAndKeepsItsDetailsInTheReport() {
        Map<String, CheckResult> results = run(CHECKS);

        assertTrue(results.get("secret").hidden());
        assertEquals("the secret expectation", results.get("secret").message());
        assertEquals(3, results.get("secret").maxPoints());
        assertTrue(results.get("nested").hidden());
        assertFalse(results.get("plain").hidden());
    }

    @Test
    void containers_neverBecomeResults() {
        Map<String, CheckResult> results = run(CHECKS);

        assertEquals(7, results.size(), results.keySet().toString());
        assertFalse(results.containsKey("Inner"));
        assertEquals(Status.PASSED, results.get("nested").status());
    }

    @Test
    void brokenContainer_isOneErrorWorthTheChecksItHolds() {
        Map<String, CheckResult> results = run("""
                package checks;
                import dev.serverlesslab.graders.check.*;
                import org.junit.jupiter.api.*;
                class SampleChecks {
                    @BeforeAll
                    static void breaks() {
                        throw new IllegalStateException("no table");
                    }
                    @Test @Points(4)
                    void one() {
                    }
                    @Test
                    void two() {
                    }
                }
                """);

        CheckResult broken = results.get("SampleChecks");
        assertEquals(Status.ERROR, broken.status());
        assertEquals(0, broken.points());
        assertEquals(5, broken.maxPoints());
    }

    private static DeployedFunction unused() {
        return new DeployedFunction() {
            @Override
            public String name() {
                return "unused";
            }

            @Override
            public Invocation invoke(String jsonEvent) {
                throw new AssertionError("these checks invoke nothing");
            }

            @Override
            public Invocation invoke(Object event) {
                throw new AssertionError("these checks invoke nothing");
            }

            @Override
            public int invocationCount() {
                return 0;
            }
        };
    }
}

package dev.serverlesslab.graders.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.build.CompileResult;
import dev.serverlesslab.exercises.build.JavaSourceCompiler;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.report.CheckResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckTalliesTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * Every way a check set makes checks: @Points on a method, on the class and on a nested class; a repeated test
     * (a test template, as @ParameterizedTest is); a dynamic test factory; a hidden check; a check that fails.
     * Each body records that it ran, so a tally that runs one is caught.
     */
    private static final String CHECKS = """
            package checks;

            import dev.serverlesslab.graders.check.DeployedFunction;
            import dev.serverlesslab.graders.check.Hidden;
            import dev.serverlesslab.graders.check.Points;
            import java.util.List;
            import java.util.stream.Stream;
            import org.junit.jupiter.api.DynamicTest;
            import org.junit.jupiter.api.Nested;
            import org.junit.jupiter.api.RepeatedTest;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.TestFactory;

            @Points(2)
            class SampleChecks {
                static void ran(String name) {
                    System.setProperty("tally.ran." + name, "yes");
                }

                @Test void classPoints(DeployedFunction f) { ran("classPoints"); }

                @Test @Points(5) void methodPoints(DeployedFunction f) { ran("methodPoints"); }

                @Test @Points(3) @Hidden void hidden(DeployedFunction f) { ran("hidden"); }

                @Test void fails() { ran("fails"); throw new AssertionError("not yet"); }

                @RepeatedTest(3) @Points(4) void repeated() { ran("repeated"); }

                @TestFactory @Points(1) Stream<DynamicTest> dynamic() {
                    return Stream.of("a", "b").map(n -> DynamicTest.dynamicTest(n, () -> ran("dynamic")));
                }

                @Nested @Points(7)
                class Inner {
                    @Test void nestedClassPoints() { ran("nestedClassPoints"); }

                    @Test @Points(0) void worthNothing() { ran("worthNothing"); }
                }
            }
            """;

    @TempDir
    Path classes;

    @Test
    void tally_ofEveryKindOfCheck_givesTheMaximumAGradingOfItReports_withoutRunningOne() {
        compile(CHECKS);
        List<CheckResult> graded = new CheckRunner().run(classes, CheckContext.of(answering()), TIMEOUT,
                new GradingListener() { });
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("tally.ran."))
                .toList().forEach(System::clearProperty);

        List<CheckResult> tallied = new CheckRunner().tally(classes, TIMEOUT);

        int gradedMax = graded.stream().mapToInt(CheckResult::maxPoints).sum();
        // 2 (class) + 5 + 3 (hidden) + 2 (fails, class points) + 3 × 4 (repeated) + 2 × 1 (dynamic) + 7 + 0
        assertEquals(33, gradedMax, graded.toString());
        assertEquals(gradedMax, tallied.stream().mapToInt(CheckResult::maxPoints).sum(), tallied.toString());
        assertEquals(graded.size(), tallied.size());
        assertTrue(System.getProperties().stringPropertyNames().stream().noneMatch(n -> n.startsWith("tally.ran.")),
                "a tally must not run a check's body: " + System.getProperties().stringPropertyNames());
    }

    @Test
    void tally_whenABeforeAllNeedsTheGrading_countsWhatTheClassDeclaresAsOneErroredCheck() {
        compile("""
                package checks;

                import dev.serverlesslab.graders.check.DeployedFunction;
                import dev.serverlesslab.graders.check.Points;
                import org.junit.jupiter.api.BeforeAll;
                import org.junit.jupiter.api.Test;

                class SampleChecks {
                    @BeforeAll static void warm(DeployedFunction f) { f.invoke("{}"); }

                    @Test @Points(2) void a() { }

                    @Test @Points(3) void b() { }
                }
                """);

        List<CheckResult> tallied = new CheckRunner().tally(classes, TIMEOUT);

        // The same rule as a grading in which the class cannot start: one check worth what it holds.
        assertEquals(1, tallied.size(), tallied.toString());
        assertEquals(5, tallied.get(0).maxPoints());
    }

    @Test
    void ofAndIfKnown_forTheShippedHelloLambda_giveItsSevenChecksAndEightPoints_ifKnownNeverWaiting() {
        Exercise hello = ExerciseCatalog.load(Path.of("../content")).find("hello-lambda").orElseThrow();
        try (CheckTallies pages = new CheckTallies()) {
            // Counting starts in the background; the page asks again later and then has the figure.
            Optional<CheckTally> first = pages.ifKnown(hello);
            Awaitility.await().atMost(3, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(200))
                    .until(() -> pages.ifKnown(hello).isPresent());

            assertTrue(first.isEmpty() || first.get().equals(new CheckTally(7, 8)), first.toString());
            assertEquals(Optional.of(new CheckTally(7, 8)), pages.ifKnown(hello));
        }
        try (CheckTallies deadlines = new CheckTallies()) {
            assertEquals(Optional.of(new CheckTally(7, 8)), deadlines.of(hello));
        }
    }

    @Test
    void ifKnown_inANewProcess_hasTheTallyKeptBesideTheCompiledChecks_atOnce(@TempDir Path cache) {
        Exercise hello = ExerciseCatalog.load(Path.of("../content")).find("hello-lambda").orElseThrow();
        try (CheckTallies first = new CheckTallies(() -> compilerCachingIn(cache))) {
            assertEquals(Optional.of(new CheckTally(7, 8)), first.of(hello));
        }

        // A restarted server: nothing in memory, the first page asks and already has the figure.
        try (CheckTallies restarted = new CheckTallies(() -> compilerCachingIn(cache))) {
            assertEquals(Optional.of(new CheckTally(7, 8)), restarted.ifKnown(hello));
        }
    }

    private static CheckCompiler compilerCachingIn(Path cache) {
        return new CheckCompiler(new JavaSourceCompiler()::compile, new CompiledChecks(cache), CheckClasspath.entries());
    }

    @Test
    void of_whenTheChecksDoNotCompile_isEmpty(@TempDir Path content) throws Exception {
        Path dir = Files.createDirectories(content.resolve("exercises/broken"));
        Files.writeString(dir.resolve("exercise.yml"), "title: Broken\nlesson: l\nhandler: a.B\n");
        Files.writeString(dir.resolve("README.md"), "# Broken\n");
        Files.createDirectories(dir.resolve("checks"));
        Files.writeString(dir.resolve("checks/C.java"), "class C { @org.junit.jupiter.api.Test void t() { nope(); } }");
        Exercise broken = ExerciseCatalog.load(content).find("broken").orElseThrow();

        try (CheckTallies tallies = new CheckTallies()) {
            assertNull(tallies.of(broken).orElse(null));
        }
    }

    private void compile(String source) {
        CompileResult compiled = new JavaSourceCompiler().compile(Map.of("checks/SampleChecks.java", source),
                CheckClasspath.entries(), classes);
        assertTrue(compiled.success(), () -> "checks should compile: " + compiled.diagnostics());
    }

    private static DeployedFunction answering() {
        return new DeployedFunction() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public Invocation invoke(String jsonEvent) {
                return new Invocation(200, "{}", null, "", null);
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
}

package dev.serverlesslab.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code lab} command line as CI and students use it: exit codes, progress output, reports. */
class LabTests {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final Path HELLO = HOME.resolve("content/exercises/hello-lambda");
    /**
     * These tests grade the course's own starter and solution, so they pass the flag to run on machines without
     * bubblewrap too; where bubblewrap works (CI installs it) the code is confined all the same. The refusal itself
     * is tested in {@link ConfinementPolicyTests}.
     */
    private static final String ALLOW = "--allow-unconfined";

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int lab(String... args) {
        return new Lab(HOME, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void grade_solution_exitsZero_printsEveryCheck_andWritesJson() throws IOException {
        Path json = temp.resolve("reports/report.json");

        int code = lab("grade", "--exercise", "hello-lambda", HELLO.resolve("solution").toString(),
                "--json", json.toString(), ALLOW);

        assertEquals(0, code, out() + err());
        GradingReport report = GradingReport.fromJson(Files.readString(json));
        assertEquals(Status.PASSED, report.status());
        for (var check : report.checks()) {
            assertTrue(out().contains("PASS " + check.name()), "console shows check '" + check.name() + "':\n" + out());
        }
        assertTrue(out().contains("REPORT RequestId:"), out());
    }

    @Test
    void grade_starter_exitsOne_andSaysWhichChecksFailed() {
        int code = lab("grade", "--exercise", "hello-lambda", HELLO.resolve("starter").toString(), ALLOW);

        assertEquals(1, code, out() + err());
        assertTrue(out().contains("FAIL "), out());
        assertTrue(out().contains("FAILED: "), out());
    }

    @Test
    void grade_writesEveryReportFormatCiSystemsRead() throws IOException {
        Path junit = temp.resolve("junit.xml");
        Path results = temp.resolve("results.json");
        Path summary = temp.resolve("summary.md");

        int code = lab("grade", "--exercise", "hello-lambda", HELLO.resolve("starter").toString(), "--junit",
                junit.toString(), "--results-json", results.toString(), "--summary", summary.toString(), "--classroom",
                ALLOW);

        assertEquals(1, code, out() + err());
        assertTrue(Files.readString(junit).contains("<testsuite name=\"hello-lambda\""));
        assertTrue(Files.readString(results).contains("\"version\" : 3"), Files.readString(results));
        assertTrue(Files.readString(summary).startsWith("## ❌ hello-lambda"));
        assertTrue(out().lines().anyMatch(line -> line.matches("result=[A-Za-z0-9+/=]+")), out());
        assertTrue(out().contains("Cost: "), out());
    }

    @Test
    void grade_compileError_exitsOne_withFileLineMessage() throws IOException {
        Path dir = temp.resolve("broken/example");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("Hello.java"), "package example;\npublic class Hello {\n  int x = ;\n}\n");

        int code = lab("grade", "--exercise", "hello-lambda", temp.resolve("broken").toString(), ALLOW);

        assertEquals(1, code, out() + err());
        assertTrue(out().contains("example/Hello.java:3:"), out());
    }

    @Test
    void grade_unknownExercise_exitsTwo_andListsTheExercises() {
        int code = lab("grade", "--exercise", "no-such", HELLO.resolve("solution").toString());

        assertEquals(2, code);
        assertTrue(err().contains("unknown exercise 'no-such'") && err().contains("hello-lambda"), err());
    }

    @Test
    void grade_missingFolder_exitsTwo() {
        assertEquals(2, lab("grade", "--exercise", "hello-lambda", temp.resolve("nope").toString()));
        assertTrue(err().contains("does not exist"), err());
    }

    @Test
    void grade_emptyFolder_exitsTwo_andSaysWhatToPutThere() {
        assertEquals(2, lab("grade", "--exercise", "hello-lambda", temp.toString()));
        assertTrue(err().contains("is empty") && err().contains(".java"), err());
    }

    @Test
    void grade_withoutExercise_exitsTwo_andShowsHow() {
        assertEquals(2, lab("grade", HELLO.resolve("solution").toString()));
        assertTrue(err().contains("--exercise ID is required"), err());
    }

    @Test
    void grade_unknownOption_exitsTwo_andNamesTheAllowedOnes() {
        assertEquals(2, lab("grade", "--exercise", "hello-lambda", "--colour", "x", "dir"));
        assertTrue(err().contains("unknown option --colour") && err().contains("--json"), err());
    }

    @Test
    void validate_shippedCourse_exitsZero_withALinePerItem() {
        // Grading the whole course is ContentValidatorTests' job (minutes); here one exercise proves the command.
        assertEquals(0, lab("validate", "--exercise", "hello-lambda", ALLOW), out() + err());
        assertTrue(out().contains("ok   exercise hello-lambda") && out().contains("ok   lesson ")
                && out().contains("Content is valid."), out());
        assertFalse(out().contains("exercise dynamodb-orders"), out());
    }

    @Test
    void validate_unknownExercise_exitsTwo_andListsTheExercises() {
        assertEquals(2, lab("validate", "--exercise", "ghost", ALLOW));
        assertTrue(err().contains("--exercise names no exercise") && err().contains("ghost")
                && err().contains("hello-lambda"), err());
    }

    @Test
    void validate_missingContentFolder_exitsTwo() {
        assertEquals(2, lab("validate", "--content", temp.resolve("nope").toString()));
        assertTrue(err().contains("--content folder does not exist"), err());
    }

    @Test
    void unknownCommand_exitsTwo() {
        assertEquals(2, lab("deploy"));
        assertTrue(err().contains("unknown command 'deploy'"), err());
    }

    @Test
    void emulator_badPort_exitsTwo() {
        assertEquals(2, lab("emulator", "--port", "http"));
        assertTrue(err().contains("--port must be a port number"), err());
    }

    @Test
    void serve_workersOutOfRange_exitsTwo_andSaysTheRange() {
        assertEquals(2, lab("serve", "--workers", "33", ALLOW));
        assertTrue(err().contains("--workers must be a number from 0 to 32, got '33'"), err());
    }

    @Test
    void serve_watchAndNoWatchTogether_exitsTwo_andSaysToPickOne() {
        assertEquals(2, lab("serve", "--watch", "--no-watch", ALLOW));
        assertTrue(err().contains("--watch and --no-watch contradict each other"), err());
    }

    @Test
    void bench_load_gradesEverySubmissionThroughTheWebApp_andLosesNone() {
        assertEquals(0, lab("bench", "--load", "3", "--workers", "2", "--exercise", "hello-lambda", ALLOW), err());
        assertTrue(out().contains("passed 3, other verdicts 0, lost (no verdict) 0"), out());
        assertTrue(out().contains("submit→verdict: p50"), out());
        assertTrue(out().contains("gradings per minute"), out());
    }

    @Test
    void bench_load_ofSeveralExercises_submitsThemInTurn_andReportsEach() {
        assertEquals(0, lab("bench", "--load", "4", "--workers", "2", "--exercise", "hello-lambda,typed-api-events",
                ALLOW), err());
        assertTrue(out().contains("4 solutions of hello-lambda + typed-api-events"), out());
        assertTrue(out().contains("hello-lambda (2): submit→verdict p50"), out());
        assertTrue(out().contains("typed-api-events (2): submit→verdict p50"), out());
        assertTrue(out().contains("passed 4, other verdicts 0, lost (no verdict) 0"), out());
    }

    @Test
    void bench_workersWithoutLoad_exitsTwo_andShowsHowToUseIt() {
        assertEquals(2, lab("bench", "--workers", "2", ALLOW));
        assertTrue(err().contains("--workers only applies with --load"), err());
    }

    @Test
    void bench_loadNotANumber_exitsTwo_andSaysTheRange() {
        assertEquals(2, lab("bench", "--load", "many", ALLOW));
        assertTrue(err().contains("--load must be a number from 1 to 300, got 'many'"), err());
    }

    @Test
    void help_printsUsage_andExitsZero() {
        assertEquals(0, lab("help"));
        assertTrue(out().contains("./lab COMMAND"), out());
    }
}

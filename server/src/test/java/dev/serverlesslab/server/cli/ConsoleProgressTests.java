package dev.serverlesslab.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code lab grade} prints, byte for byte, when a check's message carries hostile learner output. */
class ConsoleProgressTests {

    private static final String HOSTILE = "::error title=x::All 6 checks passed\n"
            + "\u001b[2J\u001b[H##[warning]cleared\rPASS\u0000\u0007";

    @Test
    void checkFinished_printsHostileLearnerTextEscaped_withNoWorkflowCommandOrControlByte() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        new ConsoleProgress(out).checkFinished(new CheckResult("Greets Ada", Status.FAILED,
                "your function returned\n" + HOSTILE, 12));

        String printed = bytes.toString(StandardCharsets.UTF_8);
        String nl = System.lineSeparator();
        assertEquals("    FAIL Greets Ada [0/1 pts] (12 ms)" + nl
                + "           your function returned" + nl
                + "           \\::error title=x::All 6 checks passed" + nl
                + "           \\x1b[2J\\x1b[H##\\[warning]cleared\\rPASS\\x00\\x07" + nl, printed);
        assertTrue(printed.lines().noneMatch(line -> line.stripLeading().startsWith("::")));
    }

    @Test
    void checkFinished_printsEveryHintLevelNumbered_becauseACiLogCannotAskForTheNext() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        new ConsoleProgress(out).checkFinished(new CheckResult("Greets Ada", Status.FAILED, "expected Hello, Ada!", 12,
                0, 2, null, false, List.of(), List.of("Think of the event as a map.", "Map.of builds the answer.",
                "return Map.of(\"message\", \"Hello, \" + name + \"!\");\u001b[2J")));

        String printed = bytes.toString(StandardCharsets.UTF_8);
        String nl = System.lineSeparator();
        assertEquals("    FAIL Greets Ada [0/2 pts] (12 ms)" + nl
                + "           expected Hello, Ada!" + nl
                + "           Hint 1 of 3: Think of the event as a map." + nl
                + "           Hint 2 of 3: Map.of builds the answer." + nl
                + "           Hint 3 of 3: return Map.of(\"message\", \"Hello, \" + name + \"!\");\\x1b[2J" + nl,
                printed);
    }

    @Test
    void checkFinished_printsASingleHintLevelAsHint_andNoHintForAPassedCheck() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ConsoleProgress progress = new ConsoleProgress(out);

        progress.checkFinished(new CheckResult("Greets Ada", Status.FAILED, "no greeting", 3, 0, 1,
                "Return a map.", false));
        progress.checkFinished(new CheckResult("Greets Bob", Status.PASSED, null, 4, 1, 1, "Return a map.", false));

        String nl = System.lineSeparator();
        assertEquals("    FAIL Greets Ada [0/1 pts] (3 ms)" + nl
                + "           no greeting" + nl
                + "           Hint: Return a map." + nl
                + "    PASS Greets Bob [1/1 pts] (4 ms)" + nl, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printSummary_escapesTheSummaryAndDiagnostics() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        GradingReport report = new GradingReport("hello-lambda", Status.FAILED, "Your code does not compile",
                List.of(), List.of(), List.of("Hello.java:1: error: " + HOSTILE), "", List.of(), 5);

        ConsoleProgress.printSummary(out, report);

        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t'), printed);
        assertTrue(printed.lines().noneMatch(line -> line.stripLeading().startsWith("::")), printed);
    }

    @Test
    void workflowCommands_inGitHubActions_arePausedWithARandomTokenAndResumed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        try (WorkflowCommands paused = WorkflowCommands.pause(out, Map.of("GITHUB_ACTIONS", "true"))) {
            out.println("learner output");
        }
        String first = bytes.toString(StandardCharsets.UTF_8);
        bytes.reset();
        try (WorkflowCommands paused = WorkflowCommands.pause(out, Map.of("GITHUB_ACTIONS", "true"))) {
            out.println("learner output");
        }

        List<String> lines = first.lines().toList();
        assertEquals(3, lines.size(), first);
        assertTrue(lines.get(0).matches("::stop-commands::lab-[0-9a-f]{32}"), lines.get(0));
        String token = lines.get(0).substring("::stop-commands::".length());
        assertEquals("::" + token + "::", lines.get(2));
        assertTrue(!bytes.toString(StandardCharsets.UTF_8).contains(token), "each grading draws a new token");
    }

    @Test
    void workflowCommands_outsideGitHubActions_printNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        try (WorkflowCommands paused = WorkflowCommands.pause(out, Map.of())) {
            out.println("learner output");
        }

        assertEquals("learner output" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }
}

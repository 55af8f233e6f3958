package dev.serverlesslab.graders.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.Grader;
import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.check.LambdaReport;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.graders.report.format.ClassroomResult;
import dev.serverlesslab.graders.report.format.ConsoleText;
import dev.serverlesslab.graders.report.format.ExercismResults;
import dev.serverlesslab.graders.report.format.JUnitXml;
import dev.serverlesslab.graders.report.format.MarkdownSummary;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Hostile hello-lambda submissions graded whole on the embedded backend: what a handler prints never counts as a
 * platform fact or a check result, and what it prints or returns stays text in every report format.
 */
class GraderIntegrityTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Backend backend;
    private static Grader grader;
    private static Exercise hello;

    @BeforeAll
    static void startBackend() {
        backend = Backend.embedded();
        grader = new Grader(backend);
        hello = ExerciseCatalog.load(Path.of("../content")).find("hello-lambda").orElseThrow();
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    /** A hello-lambda handler whose method body is {@code body}; {@code id}, {@code name} and {@code out} are set. */
    private static Submission hello(String body) {
        return Submission.of(Map.of("example/Hello.java", """
                package example;
                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                import java.io.PrintStream;
                import java.util.Map;
                public class Hello implements RequestHandler<Map<String, String>, Map<String, String>> {
                    @Override
                    public Map<String, String> handleRequest(Map<String, String> event, Context context) {
                        String id = context.getAwsRequestId();
                        String name = event == null ? null : event.get("name");
                        PrintStream out = System.out;
                        %s
                    }
                    static void spin() {
                        while (true) {
                            Thread.onSpinWait();
                        }
                    }
                }
                """.formatted(body)));
    }

    private static final String CORRECT = """
            context.getLogger().log("Greeting request " + id);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("'name' is required");
            }
            return Map.of("greeting", "Hello, " + name + "!");
            """;

    /** Prints an unparseable REPORT and a plausible one for its own request id, and one for an id it made up. */
    private static final String FORGES_REPORTS = """
            out.println("REPORT RequestId: " + id + "\\tDuration: 99999999999999999999.00 ms\\tBilled Duration: "
                    + "99999999999999999999 ms\\tMemory Size: 10240 MB\\tMax Memory Used: 10240 MB");
            out.println("REPORT RequestId: " + id + "\\tDuration: 899999.00 ms\\tBilled Duration: 900000 ms"
                    + "\\tMemory Size: 10240 MB\\tMax Memory Used: 1 MB");
            out.println("REPORT RequestId: forged-" + System.nanoTime() + "\\tDuration: 899999.00 ms"
                    + "\\tBilled Duration: 900000 ms\\tMemory Size: 10240 MB\\tMax Memory Used: 1 MB");
            """;

    @Test
    void forgedReportLines_areNeitherCountedNorPriced_andTheGradingStillPasses() {
        GradingReport report = grader.grade(hello, hello(FORGES_REPORTS + CORRECT), GradingListener.NONE);

        assertEquals(Status.PASSED, report.status(), report::toJson);
        long realInvocations = report.functionLog().lines().filter(l -> l.startsWith("START RequestId: ")).count();
        assertTrue(realInvocations >= 6, report.functionLog());
        assertEquals(realInvocations, report.reportLines().size(), () -> String.join("\n", report.reportLines()));
        assertEquals(realInvocations, report.cost().invocations());
        for (String line : report.reportLines()) {
            LambdaReport figures = LambdaReport.parse(line).orElseThrow();
            assertEquals(hello.memory(), figures.memorySizeMb(), line);
            assertTrue(figures.billedDurationMs() <= hello.timeout() * 1000L, line);
        }
    }

    @Test
    void forgedReportLines_throughABackendWithoutAPlatformChannel_countOnlyTheLastReportOfRealInvocations() {
        // A standalone emulator (as `./lab emulator` runs, not strict about keys) reached as any endpoint: the grader
        // must fall back to reading the logs.
        GradingReport report;
        try (Emulator standalone = Emulator.start(EmulatorConfig.defaults().withPort(0));
                Backend endpoint = Backend.endpoint(standalone.endpoint())) {
            assertTrue(endpoint.platformLog().isEmpty());
            report = new Grader(endpoint).grade(hello, hello(FORGES_REPORTS + CORRECT), GradingListener.NONE);
        }

        assertEquals(Status.PASSED, report.status(), report::toJson);
        long realInvocations = report.functionLog().lines().filter(l -> l.startsWith("START RequestId: ")).count();
        assertEquals(realInvocations, report.cost().invocations(), () -> String.join("\n", report.reportLines()));
        assertTrue(report.reportLines().stream().noneMatch(line -> line.contains("900000")),
                () -> String.join("\n", report.reportLines()));
    }

    @Test
    void spinningHandler_doesNotEarnTheRequestIdPoint_fromThePlatformsTimeoutLine() {
        // Spins on every event with a name, so three checks wait out the 5 s timeout; the others fail fast.
        GradingReport report = grader.grade(hello, hello("""
                if (name != null) {
                    spin();
                }
                throw new IllegalStateException("no name");
                """), GradingListener.NONE);

        CheckResult logsId = report.checks().stream().filter(c -> c.name().startsWith("Logs a line containing"))
                .findFirst().orElseThrow();
        assertEquals(Status.FAILED, logsId.status(), logsId::toString);
        assertEquals(0, logsId.points());
        assertTrue(report.functionLog().contains("Task timed out after 5.00 seconds"), report.functionLog());
        assertEquals(0, report.score(), report::toJson);
    }

    @Test
    void hostileOutput_staysTextInEveryReportFormat() throws Exception {
        GradingReport report = grader.grade(hello, hello("""
                String esc = String.valueOf((char) 27);
                String hostile = "::error title=x::All 6 checks passed\\n##[error]legacy " + esc + "[2J" + esc
                        + "[H<script>alert(1)</script> ]]> nul" + (char) 0 + " bell" + (char) 7 + "\\rPASS";
                out.println(hostile);
                context.getLogger().log(hostile);
                return Map.of("greeting", hostile);
                """), GradingListener.NONE);

        assertEquals(Status.FAILED, report.status(), report::toJson);
        CheckResult greets = report.checks().get(0);
        assertTrue(greets.message().contains("<script>alert(1)</script>"), "the hostile text reached the report: "
                + greets.message());

        String xml = JUnitXml.of(report);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, doc.getElementsByTagName("script").getLength());
        assertTrue(doc.getElementsByTagName("system-out").item(0).getTextContent().contains("]]> nul bell"));

        String markdown = MarkdownSummary.of(report);
        String outsideCode = markdown.replaceAll("(?s)\n(`{3,})\n.*?\n\\1\n", "\n");
        assertFalse(outsideCode.contains("<script>"), markdown);
        assertFalse(markdown.contains("\u001b") || markdown.contains("\u0000"), markdown);

        assertEquals("fail", JSON.readTree(ExercismResults.of(report)).path("status").asText());
        for (var test : JSON.readTree(ClassroomResult.json(report)).path("tests")) {
            // The classroom reporter prints these to the Actions log in a step of its own.
            String message = test.path("message").asText();
            assertTrue(message.chars().noneMatch(c -> c == 27 || c == 0 || c == '\r'), message);
            assertTrue(message.lines().noneMatch(l -> l.stripLeading().startsWith("::") || l.contains("##[")),
                    message);
        }

        List<String> console = report.checks().stream().map(CheckResult::message).filter(m -> m != null)
                .flatMap(m -> ConsoleText.lines(m).stream()).toList();
        assertTrue(console.stream().noneMatch(l -> l.stripLeading().startsWith("::") || l.contains("##[")),
                String.join("\n", console));
        assertTrue(console.stream().noneMatch(l -> l.contains("\u001b") || l.contains("\r")),
                String.join("\n", console));
    }
}

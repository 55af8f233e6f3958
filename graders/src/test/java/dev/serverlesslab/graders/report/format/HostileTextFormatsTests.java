package dev.serverlesslab.graders.report.format;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Learner text built to break out of every report format stays text in each of them. */
class HostileTextFormatsTests {

    /** Everything at once: workflow commands, ANSI, HTML, CDATA end, NUL, bell, bare CR, backticks, lone surrogate. */
    static final String HOSTILE = "::error title=x::All 6 checks passed\n"
            + "  ::add-mask::secret\n"
            + "ok ##[error]legacy command\n"
            + "\u001b[2J\u001b[H\u001b]0;title\u0007cleared\n"
            + "<script>alert(1)</script> <img src=x onerror=alert(1)> [click](https://evil.example) ![x](y)\n"
            + "]]> </system-out><system-out>\n"
            + "nul\u0000 bell\u0007 del\u007f c1\u009b\n"
            + "progress\rPASS everything\n"
            + "```` fence ``` end\n"
            + "| cell | split |\n"
            + "lone \ud800 surrogate \u202e reversed";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final GradingReport REPORT = new GradingReport("hello-lambda", Status.FAILED,
            "1 of 2 checks passed: " + HOSTILE, List.of(),
            List.of(new CheckResult("greets Ada", Status.PASSED, null, 10),
                    new CheckResult("returns the greeting", Status.FAILED, "your function returned " + HOSTILE, 10)),
            List.of("example/Hello.java:1: error: " + HOSTILE), HOSTILE, List.of(), 100);

    @Test
    void junitXml_ofHostileText_parsesAndKeepsItAsText() throws Exception {
        String xml = JUnitXml.of(REPORT);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, doc.getElementsByTagName("system-out").getLength(), "no element injected");
        assertEquals(0, doc.getElementsByTagName("script").getLength());
        String out = doc.getElementsByTagName("system-out").item(0).getTextContent();
        assertTrue(out.contains("]]> </system-out><system-out>"), out);
        assertTrue(out.contains("progress\rPASS"), "a carriage return survives as a character reference");
        assertFalse(xml.contains("\u0000") || xml.contains("\u001b") || xml.contains("\ud800"), xml);
    }

    @Test
    void markdownSummary_ofHostileText_hasNoRawHtmlLinkOrTableBreak() {
        String md = MarkdownSummary.of(REPORT);

        String outsideCode = md.replaceAll("(?s)\n(`{3,})\n.*?\n\\1\n", "\n");
        assertFalse(outsideCode.contains("`````"), "the code block was found: " + outsideCode);
        assertFalse(outsideCode.contains("<script>") || outsideCode.contains("<img"), outsideCode);
        assertFalse(outsideCode.contains("[click](") || outsideCode.contains("![x]"), "links are escaped: " + md);
        assertFalse(outsideCode.contains("\u202e"), "bidi overrides are shown escaped: " + md);
        String row = md.lines().filter(l -> l.contains("returns the greeting")).findFirst().orElseThrow();
        assertEquals(6, row.split("(?<!\\\\)\\|", -1).length, "the row keeps its 4 cells between its 5 pipes: " + row);
        // The diagnostics block is fenced longer than the longest backtick run inside it (4), so it cannot be closed.
        assertTrue(md.contains("\n`````\nexample/Hello.java:1: error: ::error title=x"), md);
        assertFalse(md.contains("\u001b") || md.contains("\u0000") || md.contains("\r"), md);
    }

    @Test
    void consoleText_ofHostileText_hasNoControlCharacterAndNoWorkflowCommand() {
        List<String> lines = ConsoleText.lines(HOSTILE);

        for (String line : lines) {
            assertFalse(line.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f || c >= 0x80 && c <= 0x9f),
                    line);
            assertFalse(line.stripLeading().startsWith("::"), line);
            assertFalse(line.contains("##["), line);
        }
        assertEquals("\\::error title=x::All 6 checks passed", lines.get(0));
        assertEquals("  \\::add-mask::secret", lines.get(1));
        assertEquals("\\x1b[2J\\x1b[H\\x1b]0;title\\x07cleared", lines.get(3));
        assertEquals("progress\\rPASS everything", lines.get(7));
        assertEquals("lone \\ud800 surrogate \\u202e reversed", ConsoleText.lines("lone \ud800 surrogate \u202e reversed")
                .get(0));
    }

    @Test
    void exercismAndClassroomResults_ofHostileText_areValidJson_andTheClassroomMessagesAreInert() throws Exception {
        JsonNode exercism = JSON.readTree(ExercismResults.of(REPORT));
        assertTrue(exercism.path("tests").get(1).path("message").asText().contains("<script>"),
                "results.json is data: JSON escaping is its neutraliser");

        String decoded = new String(Base64.getDecoder().decode(ClassroomResult.encoded(REPORT)), StandardCharsets.UTF_8);
        String message = JSON.readTree(decoded).path("tests").get(1).path("message").asText();
        assertTrue(message.lines().noneMatch(l -> l.stripLeading().startsWith("::") || l.contains("##[")), message);
        assertFalse(message.contains("\u001b"), message);
    }

    @Test
    void everyFormat_ofALoneSurrogate_canBeWrittenAsUtf8(@TempDir Path dir) {
        for (String text : List.of(REPORT.toJson(), JUnitXml.of(REPORT), ExercismResults.of(REPORT),
                MarkdownSummary.of(REPORT), ClassroomResult.json(REPORT))) {
            assertDoesNotThrow(() -> Files.writeString(dir.resolve("out"), text, StandardCharsets.UTF_8));
        }
    }
}

package dev.serverlesslab.graders.report.format;

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
import java.util.Base64;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ReportFormatsTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final GradingReport MIXED = new GradingReport("hello-lambda", Status.FAILED, "1 of 3 checks passed",
            List.of(),
            List.of(new CheckResult("greets <Ada> & co", Status.PASSED, null, 40),
                    new CheckResult("logs | the id", Status.FAILED, "expected the id\nbut the log was empty", 30),
                    new CheckResult("crashes", Status.ERROR, "java.lang.NullPointerException", 5)),
            List.of(), "START RequestId: x\nbell\u0007 rings\n" + "y".repeat(600),
            List.of("REPORT RequestId: x\tDuration: 1.00 ms\tBilled Duration: 2 ms\tMemory Size: 256 MB\tMax Memory Used: 50 MB"),
            1234);

    private static final GradingReport COMPILE_ERROR = new GradingReport("hello-lambda", Status.FAILED,
            "Your code does not compile: 1 error(s).", List.of(), List.of(),
            List.of("example/Hello.java:3: error: ';' expected"), "", List.of(), 300);

    @Test
    void junitXml_isWellFormed_andCountsFailuresAndErrorsPerCheck() throws Exception {
        Document xml = parse(JUnitXml.of(MIXED));
        Element suite = xml.getDocumentElement();

        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("errors"));
        assertEquals("greets <Ada> & co", ((Element) xml.getElementsByTagName("testcase").item(0)).getAttribute("name"));
        assertEquals("expected the id", ((Element) xml.getElementsByTagName("failure").item(0)).getAttribute("message"));
        assertFalse(xml.getElementsByTagName("system-out").item(0).getTextContent().contains("\u0007"),
                "control characters XML cannot carry are dropped");
    }

    @Test
    void junitXml_ofACompileError_hasOneFailingCaseWithTheDiagnostics() throws Exception {
        Document xml = parse(JUnitXml.of(COMPILE_ERROR));

        assertEquals("1", xml.getDocumentElement().getAttribute("failures"));
        assertTrue(xml.getElementsByTagName("failure").item(0).getTextContent().contains("example/Hello.java:3:"));
    }

    @Test
    void exercismResults_version3_withStatusesAndOutputCappedAt500() throws Exception {
        JsonNode results = JSON.readTree(ExercismResults.of(MIXED));

        assertEquals(3, results.path("version").asInt());
        assertEquals("fail", results.path("status").asText());
        assertEquals("pass", results.path("tests").get(0).path("status").asText());
        assertEquals("fail", results.path("tests").get(1).path("status").asText());
        assertEquals("error", results.path("tests").get(2).path("status").asText());
        assertEquals(500, results.path("tests").get(1).path("output").asText().length());
        assertTrue(results.path("message").isMissingNode(), "no top-level message when tests ran");
    }

    @Test
    void exercismResults_ofACompileError_isAnErrorWithTheDiagnostics() throws Exception {
        JsonNode results = JSON.readTree(ExercismResults.of(COMPILE_ERROR));

        assertEquals("error", results.path("status").asText());
        assertTrue(results.path("message").asText().contains("example/Hello.java:3:"));
    }

    @Test
    void classroomResult_decodesToMaxScoreAndAPointPerPassedCheck() throws Exception {
        String decoded = new String(Base64.getDecoder().decode(ClassroomResult.encoded(MIXED)), StandardCharsets.UTF_8);
        JsonNode result = JSON.readTree(decoded);

        assertEquals(3, result.path("max_score").asInt());
        assertEquals(1, result.path("tests").get(0).path("score").asInt());
        assertEquals(0, result.path("tests").get(1).path("score").asInt());
        assertEquals("fail", result.path("tests").get(1).path("status").asText());
        assertEquals("fail", result.path("status").asText());
    }

    @Test
    void markdownSummary_hasATableRowPerCheck_withPipesAndNewlinesEscaped() {
        String md = MarkdownSummary.of(MIXED);

        assertTrue(md.startsWith("## ❌ hello-lambda: 1 of 3 checks passed"), md);
        assertTrue(md.contains("| ❌ | logs \\| the id | expected the id<br>but the log was empty |"), md);
        assertTrue(md.contains("**Cost:** 1 invocation"), md);
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}

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

    private static final GradingReport ANNOTATED = new GradingReport("greeter", Status.FAILED, "1 of 3 checks passed",
            List.of(),
            List.of(new CheckResult("worth three", Status.PASSED, null, 10, 3, 3, null, false),
                    new CheckResult("hinted", Status.FAILED, "expected Ada", 10, 0, 2, "read the name", false),
                    new CheckResult("secret", Status.FAILED, "the secret expectation", 10, 0, 2, "secret hint", true)),
            List.of(), "the function's log", List.of(), 100);

    private static final GradingReport LEVELLED = new GradingReport("greeter", Status.FAILED, "0 of 2 checks passed",
            List.of(),
            List.of(new CheckResult("levelled", Status.FAILED, "expected Ada", 10, 0, 1, null, false, List.of(),
                            List.of("events are JSON", "use Map<String, Object>", "event.get(\"name\")")),
                    new CheckResult("secret", Status.FAILED, "the secret expectation", 10, 0, 1, null, true,
                            List.of(), List.of("secret concept", "secret code"))),
            List.of(), "", List.of(), 100);

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
        assertTrue(md.contains("| ❌ | logs \\| the id | 0/1 | expected the id<br>but the log was empty |"), md);
        assertTrue(md.contains("**Cost:** 1 invocation"), md);
    }

    @Test
    void junitXml_carriesScoreAndPointsAndRedactsHiddenChecks() throws Exception {
        Document xml = parse(JUnitXml.of(ANNOTATED));

        assertEquals("3", property(xml.getDocumentElement(), "score"));
        assertEquals("7", property(xml.getDocumentElement(), "maxScore"));
        Element hinted = (Element) xml.getElementsByTagName("testcase").item(1);
        assertEquals("0", property(hinted, "points"));
        assertEquals("2", property(hinted, "maxPoints"));
        assertTrue(hinted.getTextContent().contains("Hint: read the name"), hinted.getTextContent());
        Element hidden = (Element) xml.getElementsByTagName("testcase").item(2);
        assertEquals("secret", hidden.getAttribute("name"));
        assertEquals(CheckResult.HIDDEN, ((Element) hidden.getElementsByTagName("failure").item(0)).getAttribute("message"));
        assertFalse(JUnitXml.of(ANNOTATED).contains("the secret expectation"));
        assertFalse(JUnitXml.of(ANNOTATED).contains("secret hint"));
    }

    @Test
    void exercismResults_addsTheHintAndRedactsHiddenMessageAndOutput() throws Exception {
        JsonNode tests = JSON.readTree(ExercismResults.of(ANNOTATED)).path("tests");

        assertEquals("expected Ada\nHint: read the name", tests.get(1).path("message").asText());
        assertEquals("secret", tests.get(2).path("name").asText());
        assertEquals("fail", tests.get(2).path("status").asText());
        assertEquals(CheckResult.HIDDEN, tests.get(2).path("message").asText());
        assertEquals(CheckResult.HIDDEN, tests.get(2).path("output").asText());
    }

    @Test
    void classroomResult_usesPointsForScoresAndMaxScore() throws Exception {
        JsonNode result = JSON.readTree(ClassroomResult.json(ANNOTATED));

        assertEquals(7, result.path("max_score").asInt());
        assertEquals(3, result.path("tests").get(0).path("score").asInt());
        assertEquals(0, result.path("tests").get(1).path("score").asInt());
        assertEquals(2, result.path("tests").get(1).path("max_score").asInt());
        assertEquals(CheckResult.HIDDEN, result.path("tests").get(2).path("message").asText());
    }

    @Test
    void markdownSummary_showsScorePointsHintAndRedactsHiddenChecks() {
        String md = MarkdownSummary.of(ANNOTATED);

        assertTrue(md.contains("**Score:** 3 / 7 points"), md);
        assertTrue(md.contains("| ✅ | worth three | 3/3 |  |"), md);
        assertTrue(md.contains("| ❌ | hinted | 0/2 | expected Ada<br>Hint: read the name |"), md);
        assertTrue(md.contains("| ❌ | secret | 0/2 | hidden check |"), md);
        assertFalse(md.contains("the secret expectation"), md);
    }

    @Test
    void jsonReport_keepsHiddenDetailsAndScoresForInstructors() throws Exception {
        JsonNode json = JSON.readTree(ANNOTATED.toJson());

        assertEquals(3, json.path("score").asInt());
        assertEquals(7, json.path("maxScore").asInt());
        assertEquals("the secret expectation", json.path("checks").get(2).path("message").asText());
        assertTrue(json.path("checks").get(2).path("hidden").asBoolean());
        assertEquals(ANNOTATED.checks(), GradingReport.fromJson(ANNOTATED.toJson()).checks());
    }

    @Test
    void jsonReport_carriesHintLevels_withTheFirstAsTheSingleHint_andReadsThemBack() throws Exception {
        JsonNode check = JSON.readTree(LEVELLED.toJson()).path("checks").get(0);

        assertEquals("events are JSON", check.path("hint").asText());
        assertEquals(3, check.path("hintLevels").size());
        assertEquals("event.get(\"name\")", check.path("hintLevels").get(2).asText());
        assertEquals(LEVELLED.checks(), GradingReport.fromJson(LEVELLED.toJson()).checks());
        JsonNode hidden = JSON.readTree(LEVELLED.forStudents().toJson()).path("checks").get(1);
        assertEquals(0, hidden.path("hintLevels").size());
        assertTrue(hidden.path("hint").isNull());
    }

    @Test
    void ciFormats_printEveryHintLevelInOrder_andNoneOfAHiddenCheck() throws Exception {
        String md = MarkdownSummary.of(LEVELLED);
        String xml = JUnitXml.of(LEVELLED);

        assertTrue(md.contains("expected Ada<br>Hint 1 of 3: events are JSON<br>Hint 2 of 3: "), md);
        assertTrue(md.indexOf("Hint 2 of 3") < md.indexOf("Hint 3 of 3"), md);
        assertTrue(xml.contains("Hint 1 of 3: events are JSON"), xml);
        assertTrue(xml.indexOf("Hint 1 of 3") < xml.indexOf("Hint 3 of 3"), xml);
        assertFalse(md.contains("secret concept") || xml.contains("secret concept"), md + xml);
    }

    private static String property(Element parent, String name) {
        var properties = parent.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            if (property.getAttribute("name").equals(name)) {
                return property.getAttribute("value");
            }
        }
        return null;
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}

package dev.serverlesslab.server.dashboard;

import static dev.serverlesslab.server.dashboard.ClassFixture.compileError;
import static dev.serverlesslab.server.dashboard.ClassFixture.fail;
import static dev.serverlesslab.server.dashboard.ClassFixture.pass;
import static dev.serverlesslab.server.dashboard.ClassFixture.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.server.account.Role;
import dev.serverlesslab.server.submission.SubmissionState;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** matrix.csv, attempts.csv and their JSON twins, read back as a spreadsheet or a script would read them. */
class DashboardExportsTests {

    /** What a spreadsheet would run as a formula if it were written as it is. */
    private static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"click\")";

    @TempDir
    Path data;
    private DashboardApp dashboard;

    @BeforeEach
    void start() {
        dashboard = new DashboardApp(data);
    }

    @AfterEach
    void stop() {
        dashboard.close();
    }

    @Test
    void matrixCsv_hasOneRowPerStudent_withScoreMaxAttemptsAndStandingPerExercise() throws IOException {
        dashboard.school.graded(dashboard.ada, "hello-lambda", report("hello-lambda", fail("greets", 2), pass("bye", 1)));
        dashboard.school.graded(dashboard.ada, "hello-lambda", report("hello-lambda", pass("greets", 2), fail("bye", 1)));

        HttpResponse<String> response = dashboard.app.get("/dashboard/export/matrix.csv");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertTrue(response.headers().firstValue("Content-Disposition").orElseThrow().contains("matrix.csv"));
        List<CSVRecord> records = csv(response.body());
        assertEquals(List.of("handle", "display name", "cohort", "last activity", "hello-lambda score",
                "hello-lambda max", "hello-lambda attempts", "hello-lambda standing", "hello-lambda hints"),
                records.get(0).toList().subList(0, 9));
        assertEquals(4, records.size(), "header, Ada, Bob, Carol");
        CSVRecord ada = records.get(1);
        assertEquals(List.of("ada", "Ada Lovelace", "Group A"), ada.toList().subList(0, 3));
        assertEquals(List.of("2", "3", "2", "some points", "0"), ada.toList().subList(4, 9));
        CSVRecord carol = records.get(3);
        assertEquals(List.of("carol", "Carol", "", ""), carol.toList().subList(0, 4));
        assertEquals(List.of("", "", "0", "not attempted", "0"), carol.toList().subList(4, 9));
    }

    @Test
    void csv_quotesCommasQuotesAndLineBreaks_andDefusesFormulasInNames() throws IOException {
        String awkward = "Lovelace, Ada \"The Countess\"\nof Lovelace";
        long groupC = dashboard.school.cohort("Group C");
        long eve = dashboard.school.learner("@eve", FORMULA, Role.STUDENT, groupC);
        long dan = dashboard.school.learner("dan", awkward, Role.STUDENT, groupC);
        long minus = dashboard.school.learner("-minus", "+plus", Role.STUDENT, null);
        dashboard.school.graded(eve, "hello-lambda", report("hello-lambda", pass("greets", 1)));
        dashboard.school.graded(dan, "hello-lambda", report("hello-lambda", pass("greets", 1)));
        dashboard.school.graded(minus, "hello-lambda", report("hello-lambda", pass("greets", 1)));

        for (String path : List.of("/dashboard/export/matrix.csv", "/dashboard/export/attempts.csv")) {
            String body = dashboard.app.get(path + "?cohort=" + groupC).body();
            List<CSVRecord> records = csv(body);
            int handle = records.get(0).toList().indexOf("handle");
            int name = records.get(0).toList().indexOf("display name");
            assertEquals(3, records.size(), path + " is filtered to Group C: " + body);
            assertTrue(records.stream().anyMatch(r -> r.get(handle).equals("'@eve") && r.get(name).equals("'" + FORMULA)),
                    path + ": " + body);
            assertTrue(records.stream().anyMatch(r -> r.get(name).equals(awkward)), path + " keeps the name whole");
            assertTrue(body.lines().noneMatch(line -> line.startsWith("=") || line.contains(",=")), body);
        }
        List<CSVRecord> everyone = csv(dashboard.app.get("/dashboard/export/matrix.csv").body());
        assertTrue(everyone.stream().anyMatch(r -> r.get(0).equals("'-minus") && r.get(1).equals("'+plus")),
                "- and + start formulas too");
    }

    @Test
    void attempts_csvAndJson_holdOneRowPerStudentSubmission_withIsoUtcTimes() throws IOException {
        String first = dashboard.school.graded(dashboard.ada, "hello-lambda",
                report("hello-lambda", fail("greets", 2), pass("bye", 1)));
        String second = dashboard.school.graded(dashboard.bob, "dynamodb-orders", compileError("dynamodb-orders"));
        // The app's grading workers claim a waiting submission within their idle poll: held at the gate, it stays
        // RUNNING (a state without a verdict) until the test is done, instead of racing a worker for QUEUED.
        dashboard.holdGradings();
        String third = dashboard.school.waiting(dashboard.carol, "hello-lambda");
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() ->
                dashboard.school.store().find(third).orElseThrow().state() == SubmissionState.RUNNING);
        dashboard.school.graded(dashboard.instructor.learnerId(), "hello-lambda", report("hello-lambda", pass("g", 1)));
        String firstAt = dashboard.school.store().find(first).orElseThrow().createdAt()
                .truncatedTo(ChronoUnit.SECONDS).toString();

        List<CSVRecord> rows = csv(dashboard.app.get("/dashboard/export/attempts.csv").body());
        dashboard.gate.countDown();
        assertEquals(List.of("submission", "handle", "display name", "cohort", "exercise", "submitted at", "state",
                "outcome", "score", "max", "hints opened"), rows.get(0).toList());
        assertEquals(List.of(third, second, first), rows.subList(1, rows.size()).stream().map(r -> r.get(0)).toList(),
                "students' submissions only, newest first");
        assertEquals(List.of(first, "ada", "Ada Lovelace", "Group A", "hello-lambda", firstAt, "DONE", "FAILED", "1",
                "3", "0"), rows.get(3).toList());
        assertTrue(firstAt.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), firstAt);
        assertEquals(List.of("RUNNING", "", "", ""), rows.get(1).toList().subList(6, 10));

        JsonNode json = json(dashboard.app.get("/dashboard/export/attempts.json?cohort=" + dashboard.groupB));
        assertEquals("Group B", json.path("cohort").path("name").asText());
        assertEquals(1, json.path("attempts").size());
        JsonNode bob = json.path("attempts").get(0);
        assertEquals(second, bob.path("submission").asText());
        assertEquals(dashboard.bob, bob.path("learnerId").asLong());
        assertEquals("COMPILE_ERROR", bob.path("outcome").asText());
        assertEquals(0, bob.path("score").asInt());
        assertTrue(bob.path("score").isInt(), "numbers are numbers in JSON");
    }

    @Test
    void matrixJson_keysEachStudentsExercisesById_forScripts() throws IOException {
        dashboard.school.graded(dashboard.ada, "hello-lambda", report("hello-lambda", pass("greets", 2), pass("bye", 1)));

        JsonNode json = json(dashboard.app.get("/dashboard/export/matrix.json"));

        assertTrue(json.path("cohort").isNull());
        assertEquals("hello-lambda", json.path("exercises").get(0).path("id").asText());
        assertEquals("Hello, Lambda", json.path("exercises").get(0).path("title").asText());
        JsonNode ada = json.path("learners").get(0);
        assertEquals("ada", ada.path("handle").asText());
        assertEquals("Group A", ada.path("cohort").asText());
        JsonNode hello = ada.path("exercises").path("hello-lambda");
        assertEquals(3, hello.path("bestScore").asInt());
        assertEquals(3, hello.path("maxScore").asInt());
        assertEquals(1, hello.path("attempts").asInt());
        assertEquals("PASSED", hello.path("standing").asText());
        JsonNode untouched = ada.path("exercises").path("ssm-kms-config");
        assertTrue(untouched.path("bestScore").isNull());
        assertEquals("NOT_ATTEMPTED", untouched.path("standing").asText());
        assertTrue(json.path("learners").get(2).path("cohort").isNull(), "Carol is in no cohort");
        assertTrue(json.path("learners").get(2).path("lastActivity").isNull(), "Carol never submitted");
    }

    private static List<CSVRecord> csv(String body) throws IOException {
        return CSVFormat.RFC4180.parse(new StringReader(body)).getRecords();
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        return new ObjectMapper().readTree(response.body());
    }
}

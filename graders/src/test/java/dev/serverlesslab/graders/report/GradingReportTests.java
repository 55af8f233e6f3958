package dev.serverlesslab.graders.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GradingReportTests {

    @Test
    void toJson_thenFromJson_keepsEveryField() {
        GradingReport report = new GradingReport("hello-lambda", Status.FAILED, "1 of 2 checks passed",
                List.of(new StageResult(Stage.COMPILE, Status.PASSED, 120, "compiled 1 file(s)")),
                List.of(new CheckResult("greets Ada", Status.PASSED, null, 40),
                        new CheckResult("logs the request id", Status.FAILED, "no request id in the log", 30)),
                List.of("example/Hello.java:3: error: ';' expected"), "START RequestId: x\n",
                List.of("REPORT RequestId: x\tDuration: 1.00 ms"), 900);

        GradingReport copy = GradingReport.fromJson(report.toJson());

        assertEquals(report, copy);
        assertEquals(1, copy.passedChecks());
        assertEquals(2, copy.totalChecks());
    }

    @Test
    void forStudents_keepsVisibleChecksInvocations_andDropsHiddenOnes() {
        CheckInvocation visible = new CheckInvocation("r1", "{\"name\":\"Ada\"}", "{\"greeting\":\"Hello, Ada!\"}",
                null, "hello from r1\n", "REPORT RequestId: r1\tDuration: 1.00 ms");
        CheckInvocation secret = new CheckInvocation("r2", "{\"name\":\"the secret test name\"}", "{}", null, "", null);
        GradingReport report = new GradingReport("hello-lambda", Status.FAILED, "1 of 2 checks passed", List.of(),
                List.of(new CheckResult("greets Ada", Status.PASSED, null, 40, 1, 1, null, false, List.of(visible)),
                        new CheckResult("secret", Status.FAILED, "expected x", 30, 0, 1, null, true, List.of(secret))),
                List.of(), "", List.of(), 900);

        GradingReport students = report.forStudents();

        assertEquals(List.of(visible), students.checks().get(0).invocations());
        assertEquals(List.of(), students.checks().get(1).invocations(), "a hidden check's events give its data away");
        assertEquals(report, GradingReport.fromJson(report.toJson()));
        assertTrue(!students.toJson().contains("the secret test name"));
    }

    @Test
    void checkInvocation_cutsLongTexts_sayingHowMuchWasLeftOut() {
        CheckInvocation big = new CheckInvocation("r1", "x".repeat(10_000), "y", null, "z".repeat(100_000), null);

        assertTrue(big.event().length() < 2_200 && big.event().endsWith("more characters not shown]"), big.event());
        assertTrue(big.functionLog().length() < 8_400, "log cut to 8 KB");
    }

    @Test
    void fromJson_ofAReportWrittenBeforeInvocationsWereKept_hasNone() {
        String old = """
                {"exerciseId":"e","status":"PASSED","summary":"1 of 1","stages":[],"checks":[{"name":"c",
                "status":"PASSED","message":null,"millis":1,"points":1,"maxPoints":1,"hint":null,"hidden":false}],
                "diagnostics":[],"functionLog":"","reportLines":[],"millis":1}""";

        assertEquals(List.of(), GradingReport.fromJson(old).checks().get(0).invocations());
    }

    @Test
    void fromJson_ofAReportWrittenBeforeHintsHadLevels_readsTheHintAsOneLevel() {
        String old = """
                {"exerciseId":"e","status":"FAILED","summary":"0 of 1","stages":[],"checks":[{"name":"c",
                "status":"FAILED","message":"m","millis":1,"points":0,"maxPoints":1,"hint":"read the event",
                "hidden":false}],"diagnostics":[],"functionLog":"","reportLines":[],"millis":1}""";

        CheckResult check = GradingReport.fromJson(old).checks().get(0);

        assertEquals(List.of("read the event"), check.hintLevels());
        assertEquals("read the event", check.hint());
    }
}

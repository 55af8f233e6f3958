package dev.serverlesslab.graders.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}

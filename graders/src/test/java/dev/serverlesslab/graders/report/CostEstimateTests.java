package dev.serverlesslab.graders.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CostEstimateTests {

    /** A cold start as Lambda reports it since August 2025: Billed Duration = ceil(Init + Duration). */
    private static final String COLD = "REPORT RequestId: a\tDuration: 99.10 ms\tBilled Duration: 400 ms\t"
            + "Memory Size: 1024 MB\tMax Memory Used: 80 MB\tInit Duration: 300.00 ms";
    /** The same cold start as written before August 2025 (INIT unbilled), as LocalStack still writes it. */
    private static final String COLD_OLD_RULE = "REPORT RequestId: a\tDuration: 99.10 ms\tBilled Duration: 100 ms\t"
            + "Memory Size: 1024 MB\tMax Memory Used: 80 MB\tInit Duration: 300.00 ms";
    private static final String WARM = "REPORT RequestId: b\tDuration: 9.20 ms\tBilled Duration: 10 ms\t"
            + "Memory Size: 512 MB\tMax Memory Used: 80 MB";

    @Test
    void fromReportLines_pricesRequestsAndGbSecondsOfBilledDuration() {
        CostEstimate cost = CostEstimate.fromReportLines(List.of(COLD, WARM));

        assertEquals(2, cost.invocations());
        assertEquals(410, cost.billedMillis());
        // 1 GB x 0.4 s (INIT included) + 0.5 GB x 0.01 s
        assertEquals(0.405, cost.gbSeconds(), 1e-12);
        double expected = 2 * 0.20 / 1_000_000 + 0.405 * 0.0000166667;
        assertEquals(expected, cost.totalUsd(), 1e-15);
        assertEquals(expected / 2 * 1_000_000, cost.perMillionUsd(), 1e-9);
        assertEquals(LambdaPricing.CHECKED_ON, cost.pricesCheckedOn());
    }

    @Test
    void fromReportLines_coldStartWrittenUnderTheOldRule_isPricedWithItsInitAsAwsBillsItNow() {
        CostEstimate old = CostEstimate.fromReportLines(List.of(COLD_OLD_RULE));
        CostEstimate current = CostEstimate.fromReportLines(List.of(COLD));

        // ceil(99.10 + 300.00) = 400 ms, not the 100 ms the old line states.
        assertEquals(400, old.billedMillis());
        assertEquals(current.totalUsd(), old.totalUsd(), 1e-18);
    }

    @Test
    void fromReportLines_warmStart_isPricedAtItsBilledDuration() {
        assertEquals(10, CostEstimate.fromReportLines(List.of(WARM)).billedMillis());
    }

    @Test
    void fromReportLines_withoutInvocations_isZero_andSaysSo() {
        CostEstimate cost = CostEstimate.fromReportLines(List.of());
        assertEquals(0, cost.totalUsd());
        assertEquals("no invocations to price", cost.describe());
    }

    @Test
    void gradingReportJson_carriesTheCost() {
        GradingReport report = new GradingReport("x", Status.PASSED, "1 of 1 checks passed", List.of(), List.of(),
                List.of(), "", List.of(WARM), 10);
        assertTrue(report.toJson().contains("\"cost\""), report.toJson());
        assertEquals(report, GradingReport.fromJson(report.toJson()));
        assertTrue(report.cost().describe().startsWith("1 invocation, 0.0050 GB-s"), report.cost().describe());
    }
}

package dev.serverlesslab.graders.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LambdaReportTests {

    @Test
    void parseLast_readsColdStartFigures() {
        String log = """
                START RequestId: 7f1d Version: $LATEST
                hello
                END RequestId: 7f1d
                REPORT RequestId: 7f1d\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 256 MB\tMax Memory Used: 78 MB\tInit Duration: 345.67 ms
                """;
        LambdaReport report = LambdaReport.parseLast(log).orElseThrow();
        assertEquals("7f1d", report.requestId());
        assertEquals(12.34, report.durationMs());
        assertEquals(13, report.billedDurationMs());
        assertEquals(256, report.memorySizeMb());
        assertEquals(78, report.maxMemoryUsedMb());
        assertEquals(345.67, report.initDurationMs());
        assertTrue(report.coldStart());
        assertTrue(report.line().startsWith("REPORT RequestId: 7f1d"));
    }

    @Test
    void parseLast_warmInvocationHasNoInitDuration() {
        String log = "REPORT RequestId: a\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n";
        LambdaReport report = LambdaReport.parseLast(log).orElseThrow();
        assertNull(report.initDurationMs());
        assertFalse(report.coldStart());
    }

    @Test
    void parseLast_picksTheLastOfSeveral() {
        String log = "REPORT RequestId: first\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\n"
                + "REPORT RequestId: second\tDuration: 2.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 61 MB\n";
        assertEquals("second", LambdaReport.parseLast(log).orElseThrow().requestId());
    }

    @Test
    void parseLast_withoutReportLine_isEmpty() {
        assertTrue(LambdaReport.parseLast("just output\n").isEmpty());
        assertTrue(LambdaReport.parseLast(null).isEmpty());
    }
}

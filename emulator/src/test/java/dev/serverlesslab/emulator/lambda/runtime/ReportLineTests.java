package dev.serverlesslab.emulator.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReportLineTests {

    @Test
    void report_coldStart_matchesLambdasFormatWithInitDuration() {
        assertEquals("REPORT RequestId: r1\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 256 MB"
                        + "\tMax Memory Used: 78 MB\tInit Duration: 345.67 ms",
                ReportLine.report("r1", 12.341, 256, 78, 345.671));
    }

    @Test
    void report_warmStart_hasNoInitDuration() {
        assertEquals("REPORT RequestId: r2\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB"
                + "\tMax Memory Used: 60 MB", ReportLine.report("r2", 1.0, 128, 60, null));
    }

    @Test
    void billedMs_roundsUpToTheMillisecondAndIsNeverZero() {
        assertEquals(1, ReportLine.billedMs(0.01));
        assertEquals(13, ReportLine.billedMs(12.001));
        assertEquals(12, ReportLine.billedMs(12.0));
    }

    @Test
    void startAndEnd_matchLambda() {
        assertEquals("START RequestId: r1 Version: $LATEST", ReportLine.start("r1", "$LATEST"));
        assertEquals("START RequestId: r2 Version: 3", ReportLine.start("r2", "3"));
        assertEquals("END RequestId: r1", ReportLine.end("r1"));
    }

    @Test
    void exitStatus_describesSignalsLikeLambda() {
        assertEquals("exit status 3", InvocationRunner.exitStatus(3));
        assertEquals("signal: killed", InvocationRunner.exitStatus(137));
        assertEquals("signal: CPU time limit exceeded", InvocationRunner.exitStatus(152));
    }
}

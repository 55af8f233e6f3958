package dev.serverlesslab.emulator.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serverlesslab.jdks.Jdk;
import org.junit.jupiter.api.Test;

class ReportLineTests {

    @Test
    void report_coldStart_matchesLambdasFormatWithInitDuration_andBillsInitSinceAugust2025() {
        assertEquals("REPORT RequestId: r1\tDuration: 12.34 ms\tBilled Duration: 359 ms\tMemory Size: 256 MB"
                        + "\tMax Memory Used: 78 MB\tInit Duration: 345.67 ms",
                ReportLine.report("r1", 12.341, 256, 78, 345.671));
    }

    @Test
    void report_warmStart_hasNoInitDuration() {
        assertEquals("REPORT RequestId: r2\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB"
                + "\tMax Memory Used: 60 MB", ReportLine.report("r2", 1.0, 128, 60, null));
    }

    @Test
    void initStart_namesTheRuntimeAndTheJdkThatRunsIt() {
        Jdk jdk = new Jdk(java.nio.file.Path.of("/usr/lib/jvm/temurin-25-jdk-amd64"), 25,
                "25.0.3");
        assertEquals("INIT_START Runtime Version: java:21.jdk-25.0.3\tRuntime Version ARN: "
                + "arn:aws:lambda:eu-west-1::runtime:jdk-25.0.3-temurin-25-jdk-amd64",
                ReportLine.initStart("java21", "eu-west-1", jdk));
    }

    @Test
    void report_coldStart_billsInitPlusDuration_asTheComputeBlogsExampleShows() {
        // AWS's own figures: Init 1293.83 ms + Duration 1049.63 ms = 2343.46 ms, billed 2344 ms.
        assertEquals("REPORT RequestId: r3\tDuration: 1049.63 ms\tBilled Duration: 2344 ms\tMemory Size: 128 MB"
                        + "\tMax Memory Used: 90 MB\tInit Duration: 1293.83 ms",
                ReportLine.report("r3", 1049.63, 128, 90, 1293.83));
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

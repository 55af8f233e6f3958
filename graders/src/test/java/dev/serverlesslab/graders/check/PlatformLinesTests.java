package dev.serverlesslab.graders.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformLinesTests {

    private static final String ID = "0b6c51a4-6f0e-4b3e-9a55-0d0f5e2b1c77";
    private static final String START = "START RequestId: " + ID + " Version: $LATEST";
    private static final String END = "END RequestId: " + ID;
    private static final String REPORT = "REPORT RequestId: " + ID + "\tDuration: 5000.00 ms\tBilled Duration: "
            + "5000 ms\tMemory Size: 256 MB\tMax Memory Used: 90 MB";
    private static final String TIMEOUT = "2026-12-04T16:00:00.000Z " + ID + " Task timed out after 5.00 seconds";

    @Test
    void functionLog_ofATimedOutSpinningHandler_isEmpty_thoughEveryPlatformLineCarriesTheId() {
        String tail = String.join("\n", START, TIMEOUT, END, REPORT) + "\n";

        assertEquals("", PlatformLines.functionLog(tail, ID, null));
        assertEquals("", PlatformLines.functionLog(tail, ID, List.of(START, TIMEOUT, END, REPORT)));
        assertEquals("", new Invocation(200, "{}", "Unhandled", tail, LambdaReport.parse(REPORT).orElseThrow())
                .functionLog());
    }

    @Test
    void functionLog_keepsWhatTheHandlerWrote_includingAnExactCopyOfAPlatformLineWhenTheChannelIsKnown() {
        String tail = String.join("\n", START, "Greeting request " + ID, END, END, REPORT) + "\n";

        assertEquals("Greeting request " + ID + "\n", PlatformLines.functionLog(tail, ID, null));
        assertEquals("Greeting request " + ID + "\n" + END + "\n",
                PlatformLines.functionLog(tail, ID, List.of(START, END, REPORT)));
    }

    @Test
    void ofInvocation_takesThisInvocationsLinesFromTheChannel_fromItsStartToItsReport() {
        List<String> channel = List.of("START RequestId: other Version: $LATEST", "END RequestId: other",
                "REPORT RequestId: other\tDuration: 1 ms", START, TIMEOUT, END, REPORT);

        assertEquals(List.of(START, TIMEOUT, END, REPORT), PlatformLines.ofInvocation(channel, ID));
        assertTrue(PlatformLines.ofInvocation(channel, "unknown").isEmpty());
        assertTrue(PlatformLines.ofInvocation(channel, null).isEmpty());
    }

    @Test
    void isPlatformLine_recognisesOnlyLinesOfTheGivenRequestId() {
        assertTrue(PlatformLines.isPlatformLine(TIMEOUT, ID));
        assertTrue(PlatformLines.isPlatformLine("RequestId: " + ID + " Error: Runtime exited with error: exit status 1",
                ID));
        assertFalse(PlatformLines.isPlatformLine("START RequestId: someone-else Version: $LATEST", ID));
        assertFalse(PlatformLines.isPlatformLine("I handled " + ID, ID));
    }

    @Test
    void invocationKnownOnlyFromItsTail_hasTheReportsRequestId_orNone() {
        assertEquals(ID, new Invocation(200, "{}", null, REPORT, LambdaReport.parse(REPORT).orElseThrow()).requestId());
        assertNull(new Invocation(200, "{}", null, "", null).requestId());
    }
}

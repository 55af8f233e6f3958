package dev.serverlesslab.graders.check;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.report.CostEstimate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever a handler prints or returns, reading it never throws: it is a REPORT line within Lambda's limits or none. */
class TotalParsingTests {

    private static final String GOOD = "REPORT RequestId: id-1\tDuration: 1.50 ms\tBilled Duration: 2 ms\t"
            + "Memory Size: 256 MB\tMax Memory Used: 80 MB";

    static Stream<String> nastyLines() {
        List<String> lines = new ArrayList<>(List.of(
                GOOD.replace("1.50", "99999999999999999999999999999999.00"),
                GOOD.replace("Billed Duration: 2", "Billed Duration: 99999999999999999999"),
                GOOD.replace("Memory Size: 256", "Memory Size: 2147483648"),
                GOOD.replace("Max Memory Used: 80", "Max Memory Used: 9223372036854775808"),
                GOOD.replace("1.50", "NaN"),
                GOOD.replace("1.50", "Infinity"),
                GOOD.replace("1.50", "-1.50"),
                GOOD.replace("1.50", "1.2.3"),
                GOOD.replace("1.50", "1e308"),
                GOOD.replace("Memory Size: 256", "Memory Size: 0"),
                GOOD.replace("1.50", "3600001.00"),
                GOOD + "\tInit Duration: 9".repeat(40) + "99999999999.00 ms",
                "REPORT RequestId: " + "x".repeat(10 * 1024 * 1024),
                "REPORT RequestId: id\u0000\tDuration: 1 ms",
                "REPORT RequestId: " + " ".repeat(100_000) + "Duration:",
                "REPORT RequestId: ",
                "REPORT",
                "",
                new String(new byte[] {'R', 'E', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n'}, StandardCharsets.UTF_8),
                "\uD800REPORT RequestId: a\tDuration: 1 ms"));
        lines.add(GOOD.replace("id-1", "x".repeat(200)));
        return lines.stream();
    }

    @ParameterizedTest
    @MethodSource("nastyLines")
    void reportParsing_ofANastyLine_neverThrowsAndFindsNoReport(String line) {
        assertTrue(assertDoesNotThrow(() -> LambdaReport.parse(line)).isEmpty(), () -> abbreviated(line));
        assertTrue(assertDoesNotThrow(() -> LambdaReport.parseLast(line + "\n" + line)).isEmpty());
        CostEstimate cost = assertDoesNotThrow(() -> CostEstimate.fromReportLines(List.of(line)));
        assertEquals(0, cost.invocations());
    }

    @ParameterizedTest
    @MethodSource("nastyLines")
    void invocation_withNastyPayloadAndLog_answersWithoutThrowing(String text) {
        Invocation invocation = new Invocation(200, text, "Unhandled", text, null);

        assertDoesNotThrow(invocation::json);
        assertDoesNotThrow(invocation::errorType);
        assertDoesNotThrow(invocation::errorMessage);
        assertDoesNotThrow(invocation::functionLog);
    }

    @ParameterizedTest
    @MethodSource("nastyJson")
    void json_ofAHostilePayload_isMissingOrParsed_neverAnException(String payload) {
        Invocation invocation = new Invocation(200, payload, null, "", null);

        assertDoesNotThrow(() -> invocation.json().path("greeting").asText());
    }

    static Stream<String> nastyJson() {
        return Stream.of("[".repeat(100_000), "{\"a\":" .repeat(50_000), "1" + "0".repeat(100_000),
                "{\"n\":" + "9".repeat(5_000) + "}", "\"" + "\\ud800".repeat(10) + "\"", "{\"a\":NaN}", "\u0000",
                "{\"a\":\"" + "x".repeat(8 * 1024 * 1024) + "\"}");
    }

    @org.junit.jupiter.api.Test
    void lastPerRequest_keepsTheLastLineOfEachRequestId_soAnEarlierForgeryIsReplaced() {
        String forged = GOOD.replace("1.50 ms\tBilled Duration: 2", "899999.00 ms\tBilled Duration: 900000");
        List<LambdaReport> reports = LambdaReport.lastPerRequest(List.of(forged, "noise", GOOD));

        assertEquals(1, reports.size());
        assertEquals(2, reports.get(0).billedDurationMs());
        assertEquals(1, CostEstimate.fromReportLines(List.of(forged, GOOD)).invocations());
    }

    private static String abbreviated(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "... (" + text.length() + " chars)" : text;
    }
}

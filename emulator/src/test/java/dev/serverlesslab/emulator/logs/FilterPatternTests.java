package dev.serverlesslab.emulator.logs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AwsException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The filter pattern syntax of CloudWatch Logs, on messages alone. */
class FilterPatternTests {

    @Test
    void terms_needAllBareTerms_anyOptionalOne_andNoExcludedOne() {
        assertTrue(FilterPattern.parse("ERROR timeout").test("ERROR: timeout after 3s"));
        assertFalse(FilterPattern.parse("ERROR timeout").test("ERROR: refused"));
        assertTrue(FilterPattern.parse("?WARN ?ERROR").test("WARN disk"));
        assertFalse(FilterPattern.parse("?WARN ?ERROR").test("INFO ok"));
        assertFalse(FilterPattern.parse("ERROR -retrying").test("ERROR retrying now"));
        assertTrue(FilterPattern.parse("\"order o-7\"").test("paid order o-7"));
        assertTrue(FilterPattern.parse("").test("anything"));
        assertThrows(AwsException.class, () -> FilterPattern.parse("%ERR[0-9]%"));
    }

    @Test
    void jsonPatterns_compareStringsNumbersNestedFieldsAndSpecialValues() {
        String message = "{\"level\":\"ERROR\",\"latency\":512.5,\"user\":{\"id\":\"u-12\",\"roles\":[\"admin\"]},"
                + "\"retry\":true,\"trace\":null}";
        for (String matching : List.of("{ $.level = \"ERROR\" }", "{ $.level = ERR* }", "{ $.latency >= 512.5 }",
                "{ $.user.id = \"u-*\" && $.user.roles[0] = admin }", "{ $.level = INFO || $.latency > 500 }",
                "{ ($.level != \"INFO\") && ($.latency < 1000) }", "{ $.retry IS TRUE }", "{ $.trace IS NULL }",
                "{ $.missing NOT EXISTS }")) {
            assertTrue(FilterPattern.parse(matching).test(message), matching);
        }
        for (String failing : List.of("{ $.level = \"INFO\" }", "{ $.latency > 600 }", "{ $.retry IS FALSE }",
                "{ $.level NOT EXISTS }", "{ $.level = ERROR && $.latency < 10 }")) {
            assertFalse(FilterPattern.parse(failing).test(message), failing);
        }
        assertFalse(FilterPattern.parse("{ $.level = ERROR }").test("ERROR not json"));
        assertThrows(AwsException.class, () -> FilterPattern.parse("{ $.level > \"x\" }"));
        assertThrows(AwsException.class, () -> FilterPattern.parse("{ level = x }"));
    }

    @Test
    void spaceDelimitedPatterns_placeFieldsWithEllipsesAndTestConditions() {
        String line = "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /apache_pb.gif HTTP/1.0\" 404 2326";
        assertTrue(FilterPattern.parse("[ip, user, username, timestamp, request, status, bytes]").test(line));
        assertFalse(FilterPattern.parse("[ip, user, username, timestamp, request, status]").test(line),
                "one field too few");
        assertTrue(FilterPattern.parse("[ip, ..., status = 4*, bytes > 2000]").test(line));
        assertTrue(FilterPattern.parse("[..., status = 500 || status = 404, bytes]").test(line));
        assertFalse(FilterPattern.parse("[..., status = 5*, bytes]").test(line));
        assertTrue(FilterPattern.parse("[ip = 127.*, ..., request = \"GET *\", status, bytes]").test(line));
        assertTrue(FilterPattern.parse("[ip, user, username, timestamp = *2000*, ...]").test(line));
        assertThrows(AwsException.class, () -> FilterPattern.parse("[ip, , status]"));
    }
}

package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LambdaHandlerTests {

    @Test
    void logTail_shortLog_isTheWholeLogInBase64() {
        assertEquals("START\nEND\n", decode(LambdaHandler.logTail("START\nEND\n")));
    }

    @Test
    void logTail_longLog_keepsTheLast4KbCutAtACharacterBoundary() {
        // 4096 bytes back from the end falls inside a two-byte é.
        String log = "é".repeat(3000) + "REPORT\n";

        String tail = decode(LambdaHandler.logTail(log));

        assertEquals(true, tail.endsWith("REPORT\n"));
        assertEquals(false, tail.contains("\uFFFD"), "a character was cut in half");
        assertEquals(4095, tail.getBytes(StandardCharsets.UTF_8).length);
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}

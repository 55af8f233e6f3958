package dev.serverlesslab.emulator.lambda.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Console console = new Console(out, "tok");

    @Test
    void marker_afterOutputWithoutNewline_startsOnItsOwnLine() throws Exception {
        console.write("partial".getBytes(StandardCharsets.UTF_8));

        console.marker("END", "r1");

        assertEquals("partial\ntok END r1\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void logEvent_alwaysEndsTheLine() {
        console.logEvent("one".getBytes(StandardCharsets.UTF_8));
        console.logEvent("two\n".getBytes(StandardCharsets.UTF_8));

        assertEquals("one\ntwo\n", out.toString(StandardCharsets.UTF_8));
    }
}

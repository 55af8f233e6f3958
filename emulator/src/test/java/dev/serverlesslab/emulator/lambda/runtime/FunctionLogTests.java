package dev.serverlesslab.emulator.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionLogTests {

    @Test
    void append_pastTheBound_dropsTheOldestEvents() {
        // Each event counts its length plus 26 bytes: 66 + 66 + 36 exceeds 110 only by the first.
        FunctionLog log = new FunctionLog(110);

        log.append("s", List.of(new LogLine(1, "a".repeat(40)), new LogLine(2, "b".repeat(40)),
                new LogLine(3, "c".repeat(10))));

        assertEquals(List.of(new LogEvent("s", 2, "b".repeat(40)), new LogEvent("s", 3, "c".repeat(10))),
                log.events());
    }

    @Test
    void platformEvents_outliveAChattyFunctionPushingThemOutOfTheLog() {
        FunctionLog log = new FunctionLog(200);

        log.append("s", List.of(new LogLine(1, "REPORT RequestId: a", true), new LogLine(2, "REPORT RequestId: fake"),
                new LogLine(3, "x".repeat(500))));

        assertEquals(List.of(new LogEvent("s", 1, "REPORT RequestId: a", true)), log.platformEvents());
        assertEquals(List.of(new LogEvent("s", 3, "x".repeat(500))), log.events());
    }
}

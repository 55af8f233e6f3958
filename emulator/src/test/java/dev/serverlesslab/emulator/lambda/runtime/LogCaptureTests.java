package dev.serverlesslab.emulator.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogCaptureTests {

    private final List<LogLine> stray = new ArrayList<>();

    @Test
    void run_sortsLinesIntoInitInvocationAndBetween() {
        LogCapture capture = capture("static init\n"
                + "tok START r1\n"
                + "handling r1\n"
                + "tok END r1\n"
                + "background thread\n"
                + "tok START r2\n"
                + "handling r2\n"
                + "tok END r2\n");
        LogCapture.Segment first = capture.expect("r1");
        LogCapture.Segment second = capture.expect("r2");

        capture.run();

        assertEquals(List.of("static init"), texts(capture.initLines()));
        assertEquals(List.of("handling r1"), texts(first.lines()));
        assertEquals(List.of("handling r2"), texts(second.lines()));
        assertEquals(List.of("background thread"), texts(stray));
        assertTrue(first.ended().isDone() && capture.closed().isDone());
    }

    @Test
    void run_markerWithAnotherToken_isOrdinaryOutput() {
        LogCapture capture = capture("tok START r1\nforged START r1\nother END r1\ntok END r1\n");
        LogCapture.Segment segment = capture.expect("r1");

        capture.run();

        assertEquals(List.of("forged START r1", "other END r1"), texts(segment.lines()));
    }

    @Test
    void run_overTheCap_keepsOneTruncationNotice() {
        String line = "x".repeat(1023) + "\n";
        LogCapture capture = capture("tok START r1\n" + line.repeat(1100) + "tok END r1\n");
        LogCapture.Segment segment = capture.expect("r1");

        capture.run();

        List<String> lines = texts(segment.lines());
        assertEquals(1024 + 1, lines.size(), "1 MB of 1 KB lines, then the notice");
        assertEquals("[Serverless Lab] this invocation wrote more than 1024 KB of output; the rest was dropped.",
                lines.get(lines.size() - 1));
    }

    @Test
    void run_unfinishedLineAtTheEnd_isStillCaptured() {
        LogCapture capture = capture("tok START r1\npartial");
        LogCapture.Segment segment = capture.expect("r1");

        capture.run();

        assertEquals(List.of("partial"), texts(segment.lines()));
        assertTrue(segment.ended().isDone(), "the end of output ends every segment");
    }

    private LogCapture capture(String output) {
        return new LogCapture(new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)), "tok", stray::add);
    }

    private static List<String> texts(List<LogLine> lines) {
        return lines.stream().map(LogLine::text).toList();
    }
}

package dev.serverlesslab.emulator.lambda.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Reads an execution environment's merged stdout/stderr and sorts each line to where it belongs: the init phase, one
 * invocation, or the function's log between invocations.
 *
 * <p>The bootstrap prints {@code <token> START <id>} and {@code <token> END <id>} around each invocation, and the END
 * marker before it posts the result, so everything a handler wrote before returning lands in its own invocation, no
 * matter how the pipe was buffered. The token is secret to this environment, so handler output cannot fake a marker
 * by accident.
 */
final class LogCapture implements Runnable {

    /** Output kept per invocation; Lambda has no such cap, but a runaway print loop must not exhaust our heap. */
    static final int SEGMENT_CAP_BYTES = 1024 * 1024;
    /** Longer lines are split, so a handler printing without newlines still shows up and stays bounded. */
    private static final int MAX_LINE_BYTES = 64 * 1024;

    private final InputStream output;
    private final String markerPrefix;
    private final Consumer<LogLine> strayLines;
    private final Segment init = new Segment("the init phase");
    private final Map<String, Segment> segments = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private Segment current = init;

    /**
     * @param strayLines receives lines written between invocations (by threads the handler left running)
     */
    LogCapture(InputStream output, String token, Consumer<LogLine> strayLines) {
        this.output = output;
        this.markerPrefix = token + " ";
        this.strayLines = strayLines;
    }

    /** Registers an invocation before it is dispatched, so its START marker finds where to collect. */
    Segment expect(String requestId) {
        return segments.computeIfAbsent(requestId, id -> new Segment("this invocation"));
    }

    void forget(String requestId) {
        segments.remove(requestId);
    }

    /** The lines written during init, before the first invocation began. */
    List<LogLine> initLines() {
        return init.lines();
    }

    /** Completes when the process's output has ended (it exited or was killed). */
    CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public void run() {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = output.read(buffer)) != -1) {
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        accept(line);
                    } else {
                        line.write(b);
                        if (line.size() >= MAX_LINE_BYTES) {
                            accept(line);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // The pipe broke because the process is gone; what was read so far is all there is.
        } finally {
            if (line.size() > 0) {
                accept(line);
            }
            init.end();
            segments.values().forEach(Segment::end);
            closed.complete(null);
        }
    }

    private void accept(ByteArrayOutputStream bytes) {
        String text = bytes.toString(StandardCharsets.UTF_8);
        bytes.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.startsWith(markerPrefix) && marker(text.substring(markerPrefix.length()))) {
            return;
        }
        LogLine line = LogLine.now(text);
        if (current != null) {
            current.add(line);
        } else {
            strayLines.accept(line);
        }
    }

    private boolean marker(String rest) {
        int space = rest.indexOf(' ');
        if (space < 0) {
            return false;
        }
        String kind = rest.substring(0, space);
        String requestId = rest.substring(space + 1);
        if ("START".equals(kind)) {
            init.end();
            current = expect(requestId);
            return true;
        }
        if ("END".equals(kind)) {
            expect(requestId).end();
            current = null;
            return true;
        }
        return false;
    }

    /** The lines of one phase, capped at {@link #SEGMENT_CAP_BYTES}. */
    static final class Segment {

        /** How the truncation notice names this phase. */
        private final String name;
        private final List<LogLine> lines = new ArrayList<>();
        private final CompletableFuture<Void> ended = new CompletableFuture<>();
        private long bytes;
        private boolean truncated;

        Segment(String name) {
            this.name = name;
        }

        synchronized void add(LogLine line) {
            if (truncated) {
                return;
            }
            bytes += line.text().length() + 1L;
            if (bytes > SEGMENT_CAP_BYTES) {
                truncated = true;
                lines.add(LogLine.platform("[Serverless Lab] " + name + " wrote more than " + SEGMENT_CAP_BYTES / 1024
                        + " KB of output; the rest was dropped."));
                return;
            }
            lines.add(line);
        }

        synchronized List<LogLine> lines() {
            return List.copyOf(lines);
        }

        void end() {
            ended.complete(null);
        }

        /** Completes when the END marker (or the end of the output) has been read. */
        CompletableFuture<Void> ended() {
            return ended;
        }
    }
}

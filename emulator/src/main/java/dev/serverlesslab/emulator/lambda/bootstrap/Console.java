package dev.serverlesslab.emulator.lambda.bootstrap;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The environment's stdout, shared by {@code System.out}, {@code System.err} and the Lambda logger, which can also
 * write marker lines telling the emulator where an invocation's output starts and ends.
 *
 * <p>One stream for everything keeps the order the handler wrote in; remembering the last byte lets a marker always
 * start on its own line even when the handler's output did not end with a newline.
 */
final class Console extends OutputStream {

    private final OutputStream out;
    private final String token;
    private int lastByte = '\n';

    Console(OutputStream out, String token) {
        this.out = out;
        this.token = token;
    }

    /** Routes {@code System.out} and {@code System.err} through a new console on the process's stdout. */
    static Console install(String token) {
        Console console = new Console(new FileOutputStream(FileDescriptor.out), token);
        PrintStream print = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(print);
        System.setErr(print);
        return console;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        out.write(b);
        lastByte = b;
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        out.write(bytes, offset, length);
        lastByte = bytes[offset + length - 1];
    }

    /** Writes text as one log event: Lambda keeps each logger call separate, so it always ends the line. */
    synchronized void logEvent(byte[] message) {
        try {
            write(message, 0, message.length);
            if (lastByte != '\n') {
                write('\n');
            }
        } catch (IOException e) {
            // stdout is gone, which only happens when the emulator has stopped reading: nothing to report to.
        }
    }

    /** Flushes what the handler wrote, then writes {@code <token> <kind> <requestId>} on a line of its own. */
    void marker(String kind, String requestId) {
        System.out.flush();
        System.err.flush();
        synchronized (this) {
            try {
                if (lastByte != '\n') {
                    write('\n');
                }
                byte[] line = (token + " " + kind + " " + requestId + "\n").getBytes(StandardCharsets.UTF_8);
                write(line, 0, line.length);
                out.flush();
            } catch (IOException e) {
                // As above: nobody is reading any more.
            }
        }
    }
}

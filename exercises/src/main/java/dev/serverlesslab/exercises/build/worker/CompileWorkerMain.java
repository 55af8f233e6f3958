package dev.serverlesslab.exercises.build.worker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.time.Duration;

/**
 * The compile worker's main class: a JVM of its own that reads compilations from stdin, runs javac on each and writes
 * the outcome to stdout, until stdin closes. Started and fed only by {@link CompileWorkers}.
 */
public final class CompileWorkerMain {

    /** Freed when javac runs out of memory outside its own handler, so the reply can still be built and sent. */
    private byte[] reserve = new byte[4 * 1024 * 1024];

    private CompileWorkerMain() {
    }

    /** @param args the compile deadline in seconds, after which this JVM halts even if nobody stops it */
    public static void main(String[] args) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        // Frames own stdout; anything else that prints (the JDK, javac's own warnings) goes to stderr instead.
        System.setOut(System.err);
        Watchdog watchdog = Watchdog.start(Duration.ofSeconds(Long.parseLong(args[0])));
        InProcessJavac javac = new InProcessJavac();
        javac.warmUp();
        WireFormat.writeReady(out);
        new CompileWorkerMain().serve(javac, watchdog, in, out);
    }

    private void serve(InProcessJavac javac, Watchdog watchdog, DataInputStream in, DataOutputStream out)
            throws IOException {
        while (true) {
            CompileRequest request;
            try {
                request = WireFormat.readRequest(in);
            } catch (EOFException parentClosedThePipe) {
                return;
            }
            watchdog.compiling();
            WorkerReply reply = compile(javac, request);
            watchdog.idle();
            WireFormat.writeReply(out, reply);
            if (reply.retire()) {
                return;
            }
        }
    }

    private WorkerReply compile(InProcessJavac javac, CompileRequest request) {
        try {
            return javac.compile(request);
        } catch (OutOfMemoryError e) {
            reserve = null;
            return WorkerReply.stopped(CompilerLimits.outOfMemory(), true);
        } catch (StackOverflowError e) {
            return WorkerReply.stopped(CompilerLimits.outOfStack(), false);
        } catch (IOException e) {
            return WorkerReply.stopped("the compile worker cannot write class files to " + request.classesDir() + " ("
                    + e.getMessage() + "): this is a problem of the platform, not of your code; tell your instructor",
                    false);
        } catch (RuntimeException e) {
            return WorkerReply.stopped(CompilerLimits.crashed(e.toString()), false);
        }
    }
}

package dev.serverlesslab.exercises.build.worker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The grading JVM's handle on one compile worker process: sends it a compilation, waits at most the deadline for the
 * answer, and kills it when it overruns, crashes or is closed.
 */
final class CompileWorker implements AutoCloseable {

    /** A cold JVM loading javac takes about a second here; far longer means it cannot start at all. */
    private static final Duration STARTUP = Duration.ofSeconds(60);
    /** The variables a JVM needs to find its locale; nothing else of the server's environment reaches the worker. */
    private static final List<String> PASSED_ENVIRONMENT = List.of("LANG", "LC_ALL", "LC_CTYPE", "TZ");

    private final Process process;
    private final DataOutputStream toWorker;
    private final DataInputStream fromWorker;
    private final StderrTail stderr;
    // The exchange runs on its own thread so the caller can stop waiting at the deadline even while a write or read
    // blocks; killing the process then unblocks that thread.
    private final ExecutorService exchange;
    private boolean ready;
    private volatile boolean usable = true;

    private CompileWorker(Process process) {
        this.process = process;
        this.toWorker = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        this.fromWorker = new DataInputStream(new BufferedInputStream(process.getInputStream()));
        this.stderr = StderrTail.drain(process.getErrorStream(), "compile-worker-stderr-" + process.pid());
        this.exchange = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "compile-worker-" + process.pid());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts a worker JVM on this JVM's JDK; it loads javac while the caller goes on. */
    static CompileWorker start(Duration deadline) {
        return start(deadline, Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /** Starts a worker JVM on the JDK of {@code java} (one new enough for the release it compiles for). */
    static CompileWorker start(Duration deadline, Path java) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(CompilerLimits.jvmOptions());
        command.addAll(List.of("-cp", ownClasspath(), CompileWorkerMain.class.getName(),
                String.valueOf(deadline.toSeconds())));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Path.of(System.getProperty("java.io.tmpdir")).toFile());
        Map<String, String> environment = builder.environment();
        Map<String, String> kept = new HashMap<>();
        PASSED_ENVIRONMENT.forEach(name -> {
            if (environment.containsKey(name)) {
                kept.put(name, environment.get(name));
            }
        });
        environment.clear();
        environment.putAll(kept);
        try {
            return new CompileWorker(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the compile worker (" + command.get(0) + "): "
                    + e.getMessage() + "; run the platform on a complete JDK 17 or newer", e);
        }
    }

    /**
     * Compiles in the worker. Returns javac's answer, or a failed compilation that says why the compiler was stopped;
     * afterwards {@link #isUsable()} tells whether this worker may take another compilation.
     *
     * @throws NotDelivered when the worker was gone before it got the request, so another worker may retry it
     */
    WorkerReply compile(CompileRequest request, Duration deadline) {
        awaitReady();
        AtomicBoolean delivered = new AtomicBoolean();
        Future<WorkerReply> reply = exchange.submit(() -> {
            WireFormat.writeRequest(toWorker, request);
            delivered.set(true);
            return WireFormat.readReply(fromWorker);
        });
        try {
            WorkerReply answer = reply.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            usable = !answer.retire();
            return answer;
        } catch (TimeoutException e) {
            close();
            return WorkerReply.stopped(CompilerLimits.tooSlow(deadline), false);
        } catch (ExecutionException e) {
            awaitExit();
            close();
            if (!delivered.get()) {
                throw new NotDelivered(e.getCause());
            }
            return WorkerReply.stopped(diedWhileCompiling(deadline), false);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            return WorkerReply.stopped("compiling was interrupted because the grading was stopped", false);
        }
    }

    boolean isUsable() {
        return usable && process.isAlive();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Kills the worker and waits until it is gone, so no process outlives its handle. */
    @Override
    public void close() {
        usable = false;
        process.destroyForcibly();
        exchange.shutdownNow();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        if (ready) {
            return;
        }
        Future<?> started = exchange.submit(() -> {
            WireFormat.readReady(fromWorker);
            return null;
        });
        try {
            started.get(STARTUP.toSeconds(), TimeUnit.SECONDS);
            ready = true;
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("the compile worker did not start (exit code "
                    + (process.isAlive() ? "none, still running" : process.exitValue()) + "): " + stderr.text(), e);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the compile worker started", e);
        }
    }

    /** The pipe broke because the worker is ending; its own exit status says more than the one a kill would set. */
    private void awaitExit() {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String diedWhileCompiling(Duration deadline) {
        int exit = process.isAlive() ? -1 : process.exitValue();
        if (exit == Watchdog.OVERDUE) {
            return CompilerLimits.tooSlow(deadline);
        }
        if (stderr.text().contains("OutOfMemoryError")) {
            return CompilerLimits.outOfMemory();
        }
        return CompilerLimits.crashed("the compiler process ended with exit code " + exit);
    }

    private static String ownClasspath() {
        CodeSource source = CompileWorkerMain.class.getProtectionDomain().getCodeSource();
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException | NullPointerException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot find the jar or folder of " + CompileWorkerMain.class.getName()
                    + " to start the compile worker from: run the platform from its jars or classes folders", e);
        }
    }

    /** The worker was gone before it received the request; nothing was compiled. */
    static final class NotDelivered extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotDelivered(Throwable cause) {
            super("the compile worker was gone before it got the sources", cause);
        }
    }

    /** Keeps the last few KB the worker wrote to stderr (a JVM crash note) and keeps its pipe from filling up. */
    static final class StderrTail {

        private static final int KEEP = 4096;
        private final StringBuilder tail = new StringBuilder();

        static StderrTail drain(InputStream stream, String threadName) {
            StderrTail tail = new StderrTail();
            Thread thread = new Thread(() -> tail.pump(stream), threadName);
            thread.setDaemon(true);
            thread.start();
            return tail;
        }

        private void pump(InputStream stream) {
            byte[] buffer = new byte[4096];
            try (stream) {
                for (int n; (n = stream.read(buffer)) >= 0; ) {
                    append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException closed) {
                // The worker is gone; what was read so far is all there is.
            }
        }

        private synchronized void append(String text) {
            tail.append(text);
            if (tail.length() > KEEP) {
                tail.delete(0, tail.length() - KEEP);
            }
        }

        synchronized String text() {
            return tail.isEmpty() ? "it printed nothing" : tail.toString().strip();
        }
    }
}

package dev.serverlesslab.emulator.lambda.runtime;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts the execution environments' processes from one thread that lives as long as the emulator.
 *
 * <p>bubblewrap's {@code --die-with-parent} is {@code PR_SET_PDEATHSIG}, and the kernel sends that signal when the
 * <em>thread</em> that started the process ends, not when its process does. Environments are started from whatever
 * thread needs one (a request thread of the HTTP server, an event source poller, an async invoker), and pools retire
 * idle threads: the environment a retired thread had started then died with SIGKILL in the middle of a grading
 * ({@code Runtime.ExitError ... signal: killed}). Started from here, an environment still dies with the emulator, and
 * only with it.
 */
final class LauncherThread {

    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lambda-launcher");
        thread.setDaemon(true);
        return thread;
    });

    private LauncherThread() {
    }

    /** {@link ProcessBuilder#start()} on the launcher thread; waits for it even when interrupted, so no process leaks. */
    static Process start(ProcessBuilder builder) throws IOException {
        // submit, not execute: a failure is kept in the future, so the thread itself never dies and is never replaced.
        Future<Process> started = THREAD.submit(builder::start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Starting an environment failed", e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

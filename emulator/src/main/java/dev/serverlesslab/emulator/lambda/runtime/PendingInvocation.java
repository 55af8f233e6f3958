package dev.serverlesslab.emulator.lambda.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * One dispatched invocation and what is known about it so far: its output segment, its outcome and its timing.
 */
final class PendingInvocation {

    private final Invocation invocation;
    private final LogCapture.Segment segment;
    private final CompletableFuture<RuntimeOutcome> outcome = new CompletableFuture<>();
    private final long queuedNanos = System.nanoTime();
    private volatile long dispatchedNanos;
    private volatile long finishedNanos;

    PendingInvocation(Invocation invocation, LogCapture.Segment segment) {
        this.invocation = invocation;
        this.segment = segment;
    }

    Invocation invocation() {
        return invocation;
    }

    LogCapture.Segment segment() {
        return segment;
    }

    CompletableFuture<RuntimeOutcome> outcome() {
        return outcome;
    }

    /** The runtime has fetched the event: the invocation's duration starts now. */
    void dispatched() {
        dispatchedNanos = System.nanoTime();
    }

    /** Records the first outcome only: a late answer after a timeout or exit changes nothing. */
    synchronized void finish(RuntimeOutcome result) {
        if (!outcome.isDone()) {
            finishedNanos = System.nanoTime();
            outcome.complete(result);
        }
    }

    /** From handing the event to the runtime until its answer (or now, if none came). */
    double durationMs() {
        long start = dispatchedNanos == 0 ? queuedNanos : dispatchedNanos;
        long end = finishedNanos == 0 ? System.nanoTime() : finishedNanos;
        return Math.max(0, end - start) / 1_000_000.0;
    }
}

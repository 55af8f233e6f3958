package dev.serverlesslab.emulator.stepfunctions.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One thread of control in an execution: the top level, a Parallel branch or a Map iteration. It remembers its last
 * history event, so each event names the one it follows ({@code previousEventId}), and can be cancelled when a
 * sibling branch fails. As in AWS's histories, a branch starts from its parent's latest event when it begins
 * ({@link #begin}), the parent takes up the branch's last event when it ends ({@link #absorb}), and the outcome
 * markers ({@code MapIterationSucceeded}, {@code ParallelStateSucceeded}, ...) follow the latest event without
 * becoming the one later events follow ({@link #mark}).
 */
final class Branch {

    /** Thrown in a branch whose Parallel or Map state already failed elsewhere. */
    static final class Cancelled extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("A sibling branch failed", null, false, false);
        }
    }

    private final Run run;
    private final ObjectNode mapItem;
    private final Branch parent;
    private long last;
    private volatile boolean cancelled;

    Branch(Run run, long last, ObjectNode mapItem, Branch parent) {
        this.run = run;
        this.last = last;
        this.mapItem = mapItem;
        this.parent = parent;
    }

    Run run() {
        return run;
    }

    /** A branch forked from this one at its latest event; {@code mapItem} is {@code $$.Map.Item}, or null. */
    synchronized Branch child(ObjectNode mapItem) {
        return new Branch(run, last, mapItem, this);
    }

    synchronized long record(String type, ObjectNode details) {
        last = run.history().record(type, last, details);
        return last;
    }

    /** Records an outcome marker after the latest event; the next event still follows that latest event. */
    synchronized void mark(String type, ObjectNode details) {
        run.history().record(type, last, details);
    }

    /** Starts this child at its parent's latest event: a Map iteration begins after what came before it. */
    void begin() {
        long from = parent.last();
        synchronized (this) {
            last = from;
        }
    }

    /** A child has ended: what follows in this branch follows the child's last event. */
    void absorb(Branch child) {
        long childLast = child.last();
        synchronized (this) {
            last = childLast;
        }
    }

    private synchronized long last() {
        return last;
    }

    void cancel() {
        cancelled = true;
    }

    /** Throws when the execution stopped or timed out, or this branch was cancelled. */
    void check(Instant now) {
        run.check(now);
        for (Branch branch = this; branch != null; branch = branch.parent) {
            if (branch.cancelled) {
                throw new Cancelled();
            }
        }
    }

    /** The context object as a state sees it: the execution's, plus {@code State} and, in a Map, {@code Map}. */
    ObjectNode context(String stateName, Instant entered, int retryCount) {
        ObjectNode context = run.context().deepCopy();
        context.putObject("State").put("Name", stateName).put("EnteredTime", entered.toString())
                .put("RetryCount", retryCount);
        if (mapItem != null) {
            context.putObject("Map").set("Item", mapItem);
        }
        return context;
    }
}

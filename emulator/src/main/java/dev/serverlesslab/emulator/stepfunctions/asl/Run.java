package dev.serverlesslab.emulator.stepfunctions.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import java.time.Instant;

/**
 * One execution as the interpreter sees it: where it runs, its context object ({@code $$.Execution},
 * {@code $$.StateMachine}), where its events go, when it times out, and whether it was asked to stop.
 */
public final class Run {

    /** Thrown through the states when an execution ends from outside: StopExecution or its own TimeoutSeconds. */
    public static final class Stopped extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final boolean timedOut;

        Stopped(boolean timedOut, String message) {
            super(message, null, false, false);
            this.timedOut = timedOut;
        }

        public boolean timedOut() {
            return timedOut;
        }
    }

    private final AccountRegion scope;
    private final ObjectNode context;
    private final History history;
    private final Instant deadline;
    private volatile boolean stopRequested;

    /**
     * @param context the context object with {@code Execution} and {@code StateMachine}; states add {@code State}
     * @param deadline when the machine's TimeoutSeconds runs out, or null
     */
    public Run(AccountRegion scope, ObjectNode context, History history, Instant deadline) {
        this.scope = scope;
        this.context = context;
        this.history = history;
        this.deadline = deadline;
    }

    public AccountRegion scope() {
        return scope;
    }

    ObjectNode context() {
        return context;
    }

    History history() {
        return history;
    }

    /** Asks the execution to end at the next state, wait or task boundary (StopExecution). */
    public void stop() {
        stopRequested = true;
    }

    /** Throws {@link Stopped} when the execution was stopped or ran past its deadline at {@code now}. */
    void check(Instant now) {
        if (stopRequested) {
            throw new Stopped(false, "The execution was stopped");
        }
        if (deadline != null && !now.isBefore(deadline)) {
            throw new Stopped(true, "The execution ran longer than the state machine's TimeoutSeconds");
        }
    }
}

package dev.serverlesslab.emulator.stepfunctions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.stepfunctions.asl.History;
import dev.serverlesslab.emulator.stepfunctions.asl.Run;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One execution of a state machine: its status, result and history. The execution's thread writes it while callers
 * read it, so every access is synchronized; nothing is recorded after the execution has ended.
 */
public final class Execution implements History {

    /** How an execution ended, or that it has not. */
    public enum Status { RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED }

    private final String arn;
    private final StateMachine machine;
    private final String name;
    private final String input;
    private final Instant startDate;
    private final Clock clock;
    private final List<HistoryEvent> events = new ArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private Run run;
    private Status status = Status.RUNNING;
    private Instant stopDate;
    private String output;
    private String error;
    private String cause;

    Execution(String arn, StateMachine machine, String name, String input, Clock clock) {
        this.arn = arn;
        this.machine = machine;
        this.name = name;
        this.input = input;
        this.clock = clock;
        this.startDate = clock.instant();
    }

    public String arn() {
        return arn;
    }

    public StateMachine machine() {
        return machine;
    }

    public String name() {
        return name;
    }

    public String input() {
        return input;
    }

    public Instant startDate() {
        return startDate;
    }

    public synchronized Status status() {
        return status;
    }

    public synchronized Instant stopDate() {
        return stopDate;
    }

    public synchronized String output() {
        return output;
    }

    public synchronized String error() {
        return error;
    }

    public synchronized String cause() {
        return cause;
    }

    public synchronized List<HistoryEvent> events() {
        return List.copyOf(events);
    }

    synchronized void attach(Run run) {
        this.run = run;
    }

    @Override
    public synchronized long record(String type, long previousEventId, ObjectNode details) {
        if (status != Status.RUNNING) {
            return previousEventId;
        }
        long id = events.size() + 1L;
        events.add(new HistoryEvent(id, previousEventId, clock.instant(), type, details));
        return id;
    }

    /** Ends the execution with its final event, unless it has already ended (a stop raced the last state). */
    synchronized boolean end(Status status, String output, String error, String cause, String type,
            ObjectNode details) {
        if (this.status != Status.RUNNING) {
            return false;
        }
        record(type, events.size(), details);
        this.status = status;
        this.output = output;
        this.error = error;
        this.cause = cause;
        this.stopDate = clock.instant();
        ended.countDown();
        if (status == Status.ABORTED && run != null) {
            run.stop();
        }
        return true;
    }

    /** Blocks until the execution has ended (StartSyncExecution). */
    void awaitEnd() throws InterruptedException {
        ended.await();
    }
}

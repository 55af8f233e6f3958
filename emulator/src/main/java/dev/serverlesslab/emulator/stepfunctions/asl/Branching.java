package dev.serverlesslab.emulator.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parallel and Map states: several machines run side by side on the interpreter's workers, their outputs collected
 * in order. When one fails the others are cancelled and the state fails with that error, as on AWS.
 */
final class Branching {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Interpreter interpreter;

    Branching(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    JsonNode parallel(JsonNode state, JsonNode input, Branch branch) {
        branch.record("ParallelStateStarted", null);
        List<Branch> children = new ArrayList<>();
        List<Callable<JsonNode>> work = new ArrayList<>();
        for (JsonNode machine : state.get("Branches")) {
            Branch child = branch.child(null);
            children.add(child);
            work.add(() -> {
                // Every branch starts from ParallelStateStarted, as on AWS, however late its thread begins.
                child.check(interpreter.clock().instant());
                try {
                    JsonNode output = interpreter.runMachine(machine, input, child);
                    branch.absorb(child);
                    return output;
                } catch (StatesError error) {
                    branch.absorb(child);
                    throw error;
                }
            });
        }
        try {
            JsonNode results = all(work, children, branch, new Semaphore(Integer.MAX_VALUE));
            branch.mark("ParallelStateSucceeded", null);
            return results;
        } catch (StatesError error) {
            // AWS's HistoryEvent shape has no details member for ParallelStateFailed.
            branch.mark("ParallelStateFailed", null);
            throw error;
        }
    }

    JsonNode map(String name, JsonNode state, JsonNode input, ObjectNode context, Branch branch) {
        JsonNode items = state.has("ItemsPath")
                ? JsonPath.parse(state.get("ItemsPath").asText()).read(input, context) : input;
        if (!items.isArray()) {
            throw new StatesError(StatesError.RUNTIME, "Map state '" + name + "' needs an array to iterate over"
                    + (state.has("ItemsPath") ? " at ItemsPath " + state.get("ItemsPath").asText() : "")
                    + ", got " + items);
        }
        JsonNode machine = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
        JsonNode selector = state.has("ItemSelector") ? state.get("ItemSelector") : state.get("Parameters");
        branch.record("MapStateStarted", NODES.objectNode().put("length", items.size()));
        int max = state.path("MaxConcurrency").asInt(0);
        Semaphore permits = new Semaphore(max == 0 ? Integer.MAX_VALUE : max);
        List<Branch> children = new ArrayList<>();
        List<Callable<JsonNode>> work = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            ObjectNode item = NODES.objectNode().put("Index", i).set("Value", items.get(i));
            Branch child = branch.child(item);
            children.add(child);
            work.add(() -> {
                // An iteration a failed sibling cancelled before it began leaves no events.
                child.check(interpreter.clock().instant());
                child.begin();
                JsonNode iterationInput = selector == null ? items.get(index)
                        : PayloadTemplate.apply(selector, input, child.context(name,
                                interpreter.clock().instant(), 0));
                ObjectNode iteration = NODES.objectNode().put("name", name).put("index", index);
                child.record("MapIterationStarted", iteration);
                try {
                    JsonNode output = interpreter.runMachine(machine, iterationInput, child);
                    child.mark("MapIterationSucceeded", iteration.deepCopy());
                    branch.absorb(child);
                    return output;
                } catch (StatesError error) {
                    child.mark("MapIterationFailed", iteration.deepCopy());
                    branch.absorb(child);
                    throw error;
                } catch (Branch.Cancelled cancelled) {
                    // Stopped because a sibling failed: the Map's failure still follows that sibling's events.
                    child.mark("MapIterationAborted", iteration.deepCopy());
                    throw cancelled;
                }
            });
        }
        try {
            JsonNode results = all(work, children, branch, permits);
            branch.mark("MapStateSucceeded", null);
            return results;
        } catch (StatesError error) {
            branch.mark("MapStateFailed", null);
            throw error;
        }
    }

    /**
     * Runs each piece of work (at most {@code permits} at once, started in order, so MaxConcurrency 1 runs a Map's
     * items one after another from the first) and answers their outputs in order. The first piece to fail fails the
     * whole at once, as on AWS: no further piece starts, and the running ones are cancelled.
     */
    private JsonNode all(List<Callable<JsonNode>> work, List<Branch> children, Branch branch, Semaphore permits) {
        List<Future<JsonNode>> futures = new ArrayList<>();
        AtomicInteger firstFailed = new AtomicInteger(-1);
        try {
            for (Callable<JsonNode> piece : work) {
                acquire(permits, branch, futures);
                if (firstFailed.get() >= 0) {
                    permits.release();
                    break;
                }
                int index = futures.size();
                futures.add(interpreter.workers().submit(() -> {
                    try {
                        return piece.call();
                    } catch (Exception e) {
                        firstFailed.compareAndSet(-1, index);
                        throw e;
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<JsonNode> outputs = new ArrayList<>();
            for (Future<JsonNode> future : futures) {
                outputs.add(next(future, futures, firstFailed, branch));
            }
            return Interpreter.results(outputs);
        } catch (RuntimeException failure) {
            children.forEach(Branch::cancel);
            for (Future<JsonNode> future : futures) {
                try {
                    future.get();
                } catch (Exception ignored) {
                    // The first failure decides; the cancelled siblings end with Branch.Cancelled.
                }
            }
            throw failure;
        }
    }

    /** The output of {@code future}, unless a sibling fails first: then that sibling's error is thrown. */
    private JsonNode next(Future<JsonNode> future, List<Future<JsonNode>> futures, AtomicInteger firstFailed,
            Branch branch) {
        while (true) {
            int failed = firstFailed.get();
            if (failed >= 0) {
                // Done or about to be: await rethrows its error.
                return interpreter.await(futures.get(failed), branch, null, null);
            }
            try {
                return future.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                branch.check(interpreter.clock().instant());
            } catch (ExecutionException e) {
                return interpreter.await(future, branch, null, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Run.Stopped(false, "The execution was interrupted");
            }
        }
    }

    /** Waits for a permit, still noticing a stopped or timed-out execution (which cancels what already runs). */
    private void acquire(Semaphore permits, Branch branch, List<Future<JsonNode>> started) {
        try {
            while (!permits.tryAcquire(250, TimeUnit.MILLISECONDS)) {
                try {
                    branch.check(interpreter.clock().instant());
                } catch (RuntimeException stopped) {
                    started.forEach(future -> future.cancel(true));
                    throw stopped;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.forEach(future -> future.cancel(true));
            throw new Run.Stopped(false, "The execution was interrupted");
        }
    }
}

package dev.serverlesslab.emulator.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

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
            work.add(() -> interpreter.runMachine(machine, input, child));
        }
        try {
            JsonNode results = all(work, children, branch, new Semaphore(Integer.MAX_VALUE));
            branch.record("ParallelStateSucceeded", null);
            return results;
        } catch (StatesError error) {
            branch.record("ParallelStateFailed", NODES.objectNode().put("error", error.error())
                    .put("cause", error.cause()));
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
                JsonNode iterationInput = selector == null ? items.get(index)
                        : PayloadTemplate.apply(selector, input, child.context(name,
                                interpreter.clock().instant(), 0));
                ObjectNode iteration = NODES.objectNode().put("name", name).put("index", index);
                child.record("MapIterationStarted", iteration);
                try {
                    JsonNode output = interpreter.runMachine(machine, iterationInput, child);
                    child.record("MapIterationSucceeded", iteration.deepCopy());
                    return output;
                } catch (StatesError error) {
                    child.record("MapIterationFailed", iteration.deepCopy());
                    throw error;
                }
            });
        }
        try {
            JsonNode results = all(work, children, branch, permits);
            branch.record("MapStateSucceeded", null);
            return results;
        } catch (StatesError error) {
            branch.record("MapStateFailed", null);
            throw error;
        }
    }

    /** Runs each piece of work (at most {@code permits} at once) and answers their outputs in order. */
    private JsonNode all(List<Callable<JsonNode>> work, List<Branch> children, Branch branch, Semaphore permits) {
        List<Future<JsonNode>> futures = new ArrayList<>();
        for (Callable<JsonNode> piece : work) {
            futures.add(interpreter.workers().submit(() -> {
                permits.acquire();
                try {
                    return piece.call();
                } finally {
                    permits.release();
                }
            }));
        }
        List<JsonNode> outputs = new ArrayList<>();
        try {
            for (Future<JsonNode> future : futures) {
                outputs.add(interpreter.await(future, branch, null, null));
            }
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
        return Interpreter.results(outputs);
    }
}

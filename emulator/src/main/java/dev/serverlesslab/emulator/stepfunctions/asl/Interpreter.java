package dev.serverlesslab.emulator.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.core.EmulatorClock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs a state machine definition: follows transitions from {@code StartAt}, applies each state's input and output
 * processing, and records AWS's history events. Waits and retry back-offs run on the {@link EmulatorClock}, so
 * advancing it ends them; tasks, Parallel branches and Map iterations run on {@code workers}.
 */
public final class Interpreter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final TaskInvoker tasks;
    private final EmulatorClock clock;
    private final ExecutorService workers;
    private final TaskState taskState;
    private final Branching branching;

    public Interpreter(TaskInvoker tasks, EmulatorClock clock, ExecutorService workers) {
        this.tasks = tasks;
        this.clock = clock;
        this.workers = workers;
        this.taskState = new TaskState(this);
        this.branching = new Branching(this);
    }

    /**
     * Runs to the end and answers the output; throws {@link StatesError} when it fails, {@link Run.Stopped} when it
     * was stopped or timed out.
     *
     * @param startedEventId the previousEventId of the first state's event (0 on AWS)
     */
    public JsonNode execute(Definition definition, JsonNode input, Run run, long startedEventId) {
        return runMachine(definition.root(), input, new Branch(run, startedEventId, null, null));
    }

    TaskInvoker tasks() {
        return tasks;
    }

    EmulatorClock clock() {
        return clock;
    }

    ExecutorService workers() {
        return workers;
    }

    /** Runs one machine (the top level, a Parallel branch or a Map iteration) from StartAt to its end. */
    JsonNode runMachine(JsonNode machine, JsonNode input, Branch branch) {
        JsonNode states = machine.get("States");
        String name = machine.get("StartAt").asText();
        JsonNode data = input;
        while (true) {
            branch.check(clock.instant());
            JsonNode state = states.get(name);
            String type = state.get("Type").asText();
            ObjectNode context = branch.context(name, clock.instant(), 0);
            branch.record(type + "StateEntered", details(name, "input", data));
            Step step = switch (type) {
                case "Pass" -> pass(state, data, context);
                case "Choice" -> choice(state, data, context);
                case "Wait" -> waitState(state, data, context, branch);
                case "Succeed" -> new Step(output(state, input(state, data, context), context), null);
                case "Fail" -> throw fail(state, data, context);
                default -> withRetries(name, state, data, branch);
            };
            branch.record(type + "StateExited", details(name, "output", step.output()));
            if (step.next() == null) {
                return step.output();
            }
            name = step.next();
            data = step.output();
        }
    }

    /** Where a state leads and what it passes on; a null {@code next} ends the machine. */
    record Step(JsonNode output, String next) {
    }

    private Step pass(JsonNode state, JsonNode data, ObjectNode context) {
        JsonNode effective = parameters(state, input(state, data, context), context);
        JsonNode result = state.has("Result") ? state.get("Result") : effective;
        return new Step(output(state, resultPath(state, data, result), context), next(state));
    }

    private Step choice(JsonNode state, JsonNode data, ObjectNode context) {
        JsonNode effective = input(state, data, context);
        for (JsonNode rule : state.get("Choices")) {
            if (ChoiceRules.matches(rule, effective, context)) {
                return new Step(output(state, effective, context), rule.get("Next").asText());
            }
        }
        if (state.has("Default")) {
            return new Step(output(state, effective, context), state.get("Default").asText());
        }
        throw new StatesError(StatesError.NO_CHOICE_MATCHED, "No Matches!");
    }

    private Step waitState(JsonNode state, JsonNode data, ObjectNode context, Branch branch) {
        JsonNode effective = input(state, data, context);
        Instant until;
        if (state.has("Seconds")) {
            until = clock.instant().plusSeconds(state.get("Seconds").asLong());
        } else if (state.has("SecondsPath")) {
            JsonNode seconds = JsonPath.parse(state.get("SecondsPath").asText()).read(effective, context);
            if (!seconds.canConvertToLong() || seconds.asLong() < 0) {
                throw new StatesError(StatesError.RUNTIME, "The SecondsPath parameter does not reference a valid "
                        + "non-negative integer: " + seconds);
            }
            until = clock.instant().plusSeconds(seconds.asLong());
        } else {
            String text = state.has("Timestamp") ? state.get("Timestamp").asText()
                    : JsonPath.parse(state.get("TimestampPath").asText()).read(effective, context).asText();
            until = ChoiceRules.timestamp(text);
            if (until == null) {
                throw new StatesError(StatesError.RUNTIME, "The TimestampPath parameter does not reference a valid "
                        + "ISO-8601 extended offset date-time format string: " + text);
            }
        }
        sleepUntil(until, branch);
        return new Step(output(state, effective, context), next(state));
    }

    private StatesError fail(JsonNode state, JsonNode data, ObjectNode context) {
        String error = state.has("ErrorPath")
                ? JsonPath.parse(state.get("ErrorPath").asText()).read(data, context).asText()
                : state.path("Error").asText(null);
        String cause = state.has("CausePath")
                ? JsonPath.parse(state.get("CausePath").asText()).read(data, context).asText()
                : state.path("Cause").asText(null);
        return new StatesError(error, cause);
    }

    /** Task, Parallel and Map: the state's work, retried and caught as its Retry and Catch fields say. */
    private Step withRetries(String name, JsonNode state, JsonNode data, Branch branch) {
        int[] attempts = new int[state.path("Retry").size()];
        int retries = 0;
        while (true) {
            ObjectNode context = branch.context(name, clock.instant(), retries);
            try {
                JsonNode effective = parameters(state, input(state, data, context), context);
                JsonNode result = switch (state.get("Type").asText()) {
                    case "Task" -> taskState.run(state, effective, branch);
                    case "Parallel" -> branching.parallel(state, effective, branch);
                    default -> branching.map(name, state, input(state, data, context), context, branch);
                };
                if (state.has("ResultSelector")) {
                    result = PayloadTemplate.apply(state.get("ResultSelector"), result, context);
                }
                return new Step(output(state, resultPath(state, data, result), context), next(state));
            } catch (StatesError error) {
                JsonNode retriers = state.path("Retry");
                int index = matching(retriers, error);
                if (index >= 0 && attempts[index] < retriers.get(index).path("MaxAttempts").asInt(3)) {
                    sleepUntil(clock.instant().plusMillis(backoffMillis(retriers.get(index), attempts[index])),
                            branch);
                    attempts[index]++;
                    retries++;
                    continue;
                }
                JsonNode catchers = state.path("Catch");
                int caught = matching(catchers, error);
                if (caught < 0) {
                    throw error;
                }
                JsonNode catcher = catchers.get(caught);
                ObjectNode errorOutput = NODES.objectNode().put("Error", error.error()).put("Cause", error.cause());
                JsonNode output = catcher.has("ResultPath")
                        ? catcher.get("ResultPath").isNull() ? data
                        : JsonPath.parse(catcher.get("ResultPath").asText()).put(data, errorOutput)
                        : errorOutput;
                return new Step(output, catcher.get("Next").asText());
            }
        }
    }

    /** The index of the first Retry/Catch entry whose ErrorEquals takes this error, or -1. */
    private static int matching(JsonNode entries, StatesError error) {
        for (int i = 0; i < entries.size(); i++) {
            for (JsonNode name : entries.get(i).get("ErrorEquals")) {
                if (error.matches(name.asText())) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds, less random jitter when FULL. */
    static long backoffMillis(JsonNode retrier, int attempt) {
        double seconds = retrier.path("IntervalSeconds").asDouble(1)
                * Math.pow(retrier.path("BackoffRate").asDouble(2.0), attempt);
        if (retrier.has("MaxDelaySeconds")) {
            seconds = Math.min(seconds, retrier.get("MaxDelaySeconds").asDouble());
        }
        if ("FULL".equals(retrier.path("JitterStrategy").asText())) {
            seconds = Math.random() * seconds;
        }
        return (long) (seconds * 1000);
    }

    /** Blocks until the emulator clock reaches {@code until}, ending early when the execution is stopped. */
    void sleepUntil(Instant until, Branch branch) {
        while (clock.instant().isBefore(until)) {
            branch.check(clock.instant());
            Instant slice = clock.instant().plusMillis(250);
            if (!clock.sleepUntil(slice.isBefore(until) ? slice : until)) {
                throw new Run.Stopped(false, "The execution was interrupted");
            }
        }
        branch.check(clock.instant());
    }

    /** Waits for work on {@code workers}, checking every quarter second whether the execution still runs. */
    <T> T await(Future<T> future, Branch branch, Instant deadline, String timeoutCause) {
        try {
            while (true) {
                try {
                    return future.get(250, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    try {
                        branch.check(clock.instant());
                    } catch (RuntimeException stopped) {
                        future.cancel(true);
                        throw stopped;
                    }
                    if (deadline != null && !clock.instant().isBefore(deadline)) {
                        future.cancel(true);
                        throw new StatesError(StatesError.TIMEOUT, timeoutCause);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new Run.Stopped(false, "The execution was interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StatesError(StatesError.TASK_FAILED, String.valueOf(e.getCause()));
        }
    }

    static JsonNode input(JsonNode state, JsonNode data, JsonNode context) {
        if (!state.has("InputPath")) {
            return data;
        }
        JsonNode path = state.get("InputPath");
        return path.isNull() ? NODES.objectNode() : JsonPath.parse(path.asText()).read(data, context);
    }

    static JsonNode parameters(JsonNode state, JsonNode effective, JsonNode context) {
        return state.has("Parameters") && !"Map".equals(state.path("Type").asText())
                ? PayloadTemplate.apply(state.get("Parameters"), effective, context) : effective;
    }

    static JsonNode resultPath(JsonNode state, JsonNode data, JsonNode result) {
        if (!state.has("ResultPath")) {
            return result;
        }
        JsonNode path = state.get("ResultPath");
        return path.isNull() ? data : JsonPath.parse(path.asText()).put(data, result);
    }

    static JsonNode output(JsonNode state, JsonNode data, JsonNode context) {
        if (!state.has("OutputPath")) {
            return data;
        }
        JsonNode path = state.get("OutputPath");
        return path.isNull() ? NODES.objectNode() : JsonPath.parse(path.asText()).read(data, context);
    }

    private static String next(JsonNode state) {
        return state.path("End").asBoolean(false) ? null : state.get("Next").asText();
    }

    static ObjectNode details(String name, String field, JsonNode value) {
        ObjectNode details = NODES.objectNode().put("name", name);
        details.put(field, value.toString());
        details.putObject(field + "Details").put("truncated", false);
        return details;
    }

    /** The results of several machines run side by side, in their order. */
    static ArrayNode results(List<JsonNode> outputs) {
        ArrayNode array = NODES.arrayNode();
        outputs.forEach(array::add);
        return array;
    }
}

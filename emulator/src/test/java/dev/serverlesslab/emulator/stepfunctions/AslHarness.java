package dev.serverlesslab.emulator.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.stepfunctions.asl.Definition;
import dev.serverlesslab.emulator.stepfunctions.asl.Interpreter;
import dev.serverlesslab.emulator.stepfunctions.asl.Run;
import dev.serverlesslab.emulator.stepfunctions.asl.TaskInvoker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * The interpreter without HTTP or Lambda: fake task resources ({@code fake:NAME}) answered by Java functions, the
 * history collected in a list, and an emulator clock tests can advance.
 */
final class AslHarness implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final AccountRegion SCOPE = new AccountRegion("000000000000", "us-east-1");

    final EmulatorClock clock = new EmulatorClock();
    final Map<String, UnaryOperator<JsonNode>> resources = new ConcurrentHashMap<>();
    final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService workers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "asl-test");
        thread.setDaemon(true);
        return thread;
    });
    private final Interpreter interpreter = new Interpreter(new TaskInvoker() {
        @Override
        public Optional<String> problem(String resource) {
            return resource.startsWith("fake:") ? Optional.empty() : Optional.of("no fake " + resource);
        }

        @Override
        public JsonNode invoke(AccountRegion scope, String resource, JsonNode input) {
            return resources.get(resource).apply(input);
        }
    }, clock, workers);

    static Definition definition(String text) {
        return Definition.parse(text, resource -> resource.startsWith("fake:") ? Optional.empty()
                : Optional.of("no fake " + resource));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a definition on an input and answers its output (or throws StatesError / Run.Stopped). */
    JsonNode run(String definition, String input) {
        return run(definition, input, null, newRun(null));
    }

    JsonNode run(String definition, String input, Instant ignored, Run run) {
        return interpreter.execute(definition(definition), json(input), run, 0);
    }

    Run newRun(Instant deadline) {
        ObjectNode context = JSON.createObjectNode();
        context.putObject("Execution").put("Id", "arn:aws:states:us-east-1:000000000000:execution:m:e")
                .put("Name", "e");
        context.putObject("StateMachine").put("Id", "arn:aws:states:us-east-1:000000000000:stateMachine:m")
                .put("Name", "m");
        return new Run(SCOPE, context, (type, previous, details) -> {
            events.add(type);
            return events.size();
        }, deadline);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}

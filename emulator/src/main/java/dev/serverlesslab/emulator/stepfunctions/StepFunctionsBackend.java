package dev.serverlesslab.emulator.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.Arns;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.stepfunctions.Execution.Status;
import dev.serverlesslab.emulator.stepfunctions.asl.Definition;
import dev.serverlesslab.emulator.stepfunctions.asl.Interpreter;
import dev.serverlesslab.emulator.stepfunctions.asl.Run;
import dev.serverlesslab.emulator.stepfunctions.asl.StatesError;
import dev.serverlesslab.emulator.stepfunctions.asl.TaskInvoker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step Functions' state and rules: state machines, their executions and histories per account and region, in
 * memory. Executions run on daemon threads created with the first execution; nothing survives the emulator.
 */
public final class StepFunctionsBackend implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StepFunctionsBackend.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** AWS's rule for state machine and execution names: 1-80 characters, none of these. */
    private static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\x00-\\x1f\\x7f-\\x9f]{1,80}");
    private static final Set<String> TYPES = Set.of("STANDARD", "EXPRESS");

    private final EmulatorClock clock;
    private final TaskInvoker tasks;
    private final Map<AccountRegion, Registry> registries = new ConcurrentHashMap<>();
    private final Object poolLock = new Object();
    private ExecutorService workers;
    private Interpreter interpreter;

    /** The state machines and executions of one account and region. */
    private static final class Registry {
        final Map<String, StateMachine> machines = new LinkedHashMap<>();
        final Map<String, Execution> executions = new LinkedHashMap<>();
        final Map<String, Map<String, String>> tags = new LinkedHashMap<>();
    }

    public StepFunctionsBackend(EmulatorClock clock, TaskInvoker tasks) {
        this.clock = clock;
        this.tasks = tasks;
    }

    public StateMachine createStateMachine(AccountRegion scope, String name, String definitionText, String roleArn,
            String type, Map<String, String> tags) {
        String machineType = type == null ? "STANDARD" : type;
        if (!TYPES.contains(machineType)) {
            throw StepFunctionsErrors.validation("1 validation error detected: Value '" + type + "' at 'type' failed "
                    + "to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]");
        }
        checkName(name);
        checkRole(roleArn);
        Definition definition = definition(definitionText);
        String arn = "arn:aws:states:" + scope.region() + ":" + scope.accountId() + ":stateMachine:" + name;
        Registry registry = registry(scope);
        synchronized (registry) {
            StateMachine existing = registry.machines.get(arn);
            if (existing != null) {
                // AWS answers an identical create idempotently and refuses a different one.
                if (existing.definitionText().equals(definitionText) && existing.roleArn().equals(roleArn)
                        && existing.type().equals(machineType)) {
                    return existing;
                }
                throw StepFunctionsErrors.of("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn
                        + "'");
            }
            StateMachine machine = new StateMachine(arn, name, machineType, definitionText, definition, roleArn,
                    clock.instant(), null, null);
            registry.machines.put(arn, machine);
            registry.tags.put(arn, new LinkedHashMap<>(tags));
            return machine;
        }
    }

    public StateMachine describeStateMachine(AccountRegion scope, String arn) {
        if (!machineScope(arn).equals(scope)) {
            throw StepFunctionsErrors.noStateMachine(arn);
        }
        Registry registry = registry(scope);
        synchronized (registry) {
            StateMachine machine = registry.machines.get(arn);
            if (machine == null) {
                throw StepFunctionsErrors.noStateMachine(arn);
            }
            return machine;
        }
    }

    public List<StateMachine> listStateMachines(AccountRegion scope) {
        Registry registry = registry(scope);
        synchronized (registry) {
            return List.copyOf(registry.machines.values());
        }
    }

    /** Replaces the definition and/or role; running executions keep the definition they started with. */
    public StateMachine updateStateMachine(AccountRegion scope, String arn, String definitionText, String roleArn) {
        if (definitionText == null && roleArn == null) {
            throw StepFunctionsErrors.of("MissingRequiredParameter", "Either the definition or the roleArn must be "
                    + "specified");
        }
        Definition definition = definitionText == null ? null : definition(definitionText);
        if (roleArn != null) {
            checkRole(roleArn);
        }
        Registry registry = registry(machineScope(arn));
        synchronized (registry) {
            StateMachine old = describeStateMachine(scope, arn);
            StateMachine updated = new StateMachine(arn, old.name(), old.type(),
                    definitionText == null ? old.definitionText() : definitionText,
                    definition == null ? old.definition() : definition, roleArn == null ? old.roleArn() : roleArn,
                    old.creationDate(), UUID.randomUUID().toString(), clock.instant());
            registry.machines.put(arn, updated);
            return updated;
        }
    }

    /** Deletes the machine; its running executions are stopped and its executions forgotten. */
    public void deleteStateMachine(AccountRegion scope, String arn) {
        Registry registry = registry(machineScope(arn));
        List<Execution> running = new ArrayList<>();
        synchronized (registry) {
            if (registry.machines.remove(arn) == null) {
                return;
            }
            registry.tags.remove(arn);
            registry.executions.values().removeIf(execution -> {
                boolean ofMachine = execution.machine().arn().equals(arn);
                if (ofMachine) {
                    running.add(execution);
                }
                return ofMachine;
            });
        }
        running.forEach(execution -> abort(execution, "States.Aborted", "The state machine was deleted"));
    }

    /**
     * Starts an execution on the worker threads. A STANDARD machine's execution names are unique: the same name
     * with the same input while it runs answers the running execution, as AWS does, anything else is refused.
     */
    public Execution startExecution(AccountRegion scope, String machineArn, String name, String input) {
        StateMachine machine = describeStateMachine(scope, machineArn);
        Execution execution = newExecution(machine, name, input);
        if (!machine.express()) {
            Registry registry = registry(machineScope(machineArn));
            synchronized (registry) {
                Execution existing = registry.executions.get(execution.arn());
                if (existing != null) {
                    if (existing.status() == Status.RUNNING && existing.input().equals(execution.input())) {
                        return existing;
                    }
                    throw StepFunctionsErrors.of("ExecutionAlreadyExists", "Execution Already Exists: '"
                            + execution.arn() + "'");
                }
                registry.executions.put(execution.arn(), execution);
            }
        }
        pool().execute(() -> run(execution));
        return execution;
    }

    /** Runs an EXPRESS machine's execution to its end and answers it (StartSyncExecution). */
    public Execution startSyncExecution(AccountRegion scope, String machineArn, String name, String input) {
        StateMachine machine = describeStateMachine(scope, machineArn);
        if (!machine.express()) {
            throw StepFunctionsErrors.of("StateMachineTypeNotSupported", "This operation is not supported by this "
                    + "type of state machine: StartSyncExecution runs EXPRESS state machines only, " + machineArn
                    + " is STANDARD");
        }
        Execution execution = newExecution(machine, name, input);
        pool().execute(() -> run(execution));
        try {
            execution.awaitEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(execution, "States.Aborted", "The request was interrupted");
        }
        return execution;
    }

    public Execution describeExecution(AccountRegion scope, String executionArn) {
        if (!executionScope(executionArn).equals(scope)) {
            throw StepFunctionsErrors.noExecution(executionArn);
        }
        Registry registry = registry(scope);
        synchronized (registry) {
            Execution execution = registry.executions.get(executionArn);
            if (execution == null) {
                throw StepFunctionsErrors.noExecution(executionArn);
            }
            return execution;
        }
    }

    /** The machine's executions, newest first, optionally only those with {@code status}. */
    public List<Execution> listExecutions(AccountRegion scope, String machineArn, String status) {
        StateMachine machine = describeStateMachine(scope, machineArn);
        if (machine.express()) {
            throw StepFunctionsErrors.of("StateMachineTypeNotSupported", "This operation is not supported by this "
                    + "type of state machine: EXPRESS executions are not recorded; see their results in the "
                    + "StartSyncExecution answer");
        }
        if (status != null && Set.of(Status.values()).stream().noneMatch(s -> s.name().equals(status))) {
            throw StepFunctionsErrors.validation("1 validation error detected: Value '" + status + "' at "
                    + "'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [RUNNING, "
                    + "SUCCEEDED, FAILED, TIMED_OUT, ABORTED]");
        }
        Registry registry = registry(machineScope(machineArn));
        List<Execution> executions;
        synchronized (registry) {
            executions = new ArrayList<>(registry.executions.values().stream()
                    .filter(execution -> execution.machine().arn().equals(machineArn)).toList());
        }
        java.util.Collections.reverse(executions);
        return executions.stream().filter(e -> status == null || e.status().name().equals(status)).toList();
    }

    /** Stops a running execution: ABORTED with the given error and cause; a finished one is left as it is. */
    public Execution stopExecution(AccountRegion scope, String executionArn, String error, String cause) {
        Execution execution = describeExecution(scope, executionArn);
        abort(execution, error, cause);
        return execution;
    }

    public Map<String, String> listTags(AccountRegion scope, String arn) {
        Registry registry = registry(machineScope(arn));
        synchronized (registry) {
            Map<String, String> tags = registry.tags.get(arn);
            if (tags == null) {
                throw resourceNotFound(arn);
            }
            return Map.copyOf(tags);
        }
    }

    public void tagResource(AccountRegion scope, String arn, Map<String, String> tags) {
        Registry registry = registry(machineScope(arn));
        synchronized (registry) {
            Map<String, String> current = registry.tags.get(arn);
            if (current == null) {
                throw resourceNotFound(arn);
            }
            Map<String, String> merged = new LinkedHashMap<>(current);
            merged.putAll(tags);
            if (merged.size() > 50) {
                throw StepFunctionsErrors.of("TooManyTags", "Too many tags: a resource has at most 50, this would "
                        + "have " + merged.size());
            }
            current.putAll(tags);
        }
    }

    public void untagResource(AccountRegion scope, String arn, List<String> keys) {
        Registry registry = registry(machineScope(arn));
        synchronized (registry) {
            Map<String, String> current = registry.tags.get(arn);
            if (current == null) {
                throw resourceNotFound(arn);
            }
            keys.forEach(current::remove);
        }
    }

    /** Starts an execution for a delivery (an EventBridge rule's target): the message is the input. */
    void deliver(String machineArn, String body) {
        startExecution(machineScope(machineArn), machineArn, null, body);
    }

    @Override
    public void close() {
        registries.values().forEach(registry -> {
            synchronized (registry) {
                registry.executions.values().forEach(e -> abort(e, "States.Aborted", "The emulator stopped"));
            }
        });
        synchronized (poolLock) {
            if (workers != null) {
                workers.shutdownNow();
            }
        }
    }

    private Execution newExecution(StateMachine machine, String name, String input) {
        String executionName = name == null ? UUID.randomUUID().toString() : name;
        checkName(executionName);
        String text = input == null ? "{}" : input;
        try {
            JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw StepFunctionsErrors.of("InvalidExecutionInput", "Invalid State Machine Execution Input: '"
                    + e.getOriginalMessage() + "'");
        }
        AccountRegion scope = machineScope(machine.arn());
        String prefix = "arn:aws:states:" + scope.region() + ":" + scope.accountId() + ":";
        String arn = machine.express()
                ? prefix + "express:" + machine.name() + ":" + executionName + ":" + UUID.randomUUID()
                : prefix + "execution:" + machine.name() + ":" + executionName;
        return new Execution(arn, machine, executionName, text, clock);
    }

    private void run(Execution execution) {
        StateMachine machine = execution.machine();
        ObjectNode context = JSON.createObjectNode();
        JsonNode input;
        try {
            input = JSON.readTree(execution.input());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Input was checked at start", e);
        }
        context.putObject("Execution").put("Id", execution.arn()).put("Name", execution.name())
                .put("RoleArn", machine.roleArn()).put("StartTime", execution.startDate().toString())
                .set("Input", input);
        context.putObject("StateMachine").put("Id", machine.arn()).put("Name", machine.name());
        Instant deadline = machine.definition().timeoutSeconds()
                .map(seconds -> execution.startDate().plusSeconds(seconds)).orElse(null);
        Run run = new Run(machineScope(machine.arn()), context, execution, deadline);
        execution.attach(run);
        ObjectNode started = JSON.createObjectNode().put("input", execution.input()).put("roleArn", machine.roleArn());
        started.putObject("inputDetails").put("truncated", false);
        execution.record("ExecutionStarted", 0, started);
        try {
            // AWS's histories give the first state's entry previousEventId 0, as ExecutionStarted has.
            JsonNode output = interpreter().execute(machine.definition(), input, run, 0);
            ObjectNode succeeded = JSON.createObjectNode().put("output", output.toString());
            succeeded.putObject("outputDetails").put("truncated", false);
            execution.end(Status.SUCCEEDED, output.toString(), null, null, "ExecutionSucceeded", succeeded);
        } catch (StatesError error) {
            execution.end(Status.FAILED, null, error.error(), error.cause(), "ExecutionFailed", errorDetails(
                    error.error(), error.cause()));
        } catch (Run.Stopped stopped) {
            if (stopped.timedOut()) {
                execution.end(Status.TIMED_OUT, null, StatesError.TIMEOUT, stopped.getMessage(),
                        "ExecutionTimedOut", errorDetails(StatesError.TIMEOUT, stopped.getMessage()));
            } else {
                abort(execution, null, stopped.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warn("Execution {} failed inside the emulator", execution.arn(), e);
            execution.end(Status.FAILED, null, StatesError.RUNTIME, "Serverless Lab's emulator failed: " + e,
                    "ExecutionFailed", errorDetails(StatesError.RUNTIME, e.toString()));
        }
    }

    private static void abort(Execution execution, String error, String cause) {
        execution.end(Status.ABORTED, null, error, cause, "ExecutionAborted", errorDetails(error, cause));
    }

    private static ObjectNode errorDetails(String error, String cause) {
        ObjectNode details = JSON.createObjectNode();
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        return details;
    }

    private Interpreter interpreter() {
        pool();
        return interpreter;
    }

    private ExecutorService pool() {
        synchronized (poolLock) {
            if (workers == null) {
                AtomicInteger count = new AtomicInteger();
                workers = Executors.newCachedThreadPool(task -> {
                    Thread thread = new Thread(task, "stepfunctions-execution-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
                interpreter = new Interpreter(tasks, clock, workers);
            }
            return workers;
        }
    }

    private Definition definition(String text) {
        try {
            return Definition.parse(text, tasks::problem);
        } catch (Definition.InvalidDefinition e) {
            throw StepFunctionsErrors.of("InvalidDefinition", e.getMessage());
        }
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw StepFunctionsErrors.of("InvalidName", "Invalid Name: '" + name + "' (1 to 80 characters without "
                    + "whitespace, brackets, wildcards or any of \"#%\\^|~`$&,;:/)");
        }
    }

    private static void checkRole(String roleArn) {
        if (roleArn == null || !roleArn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
            throw StepFunctionsErrors.invalidArn(String.valueOf(roleArn), "role");
        }
    }

    private static AccountRegion machineScope(String arn) {
        if (arn == null || !arn.matches("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:[^:]+")) {
            throw StepFunctionsErrors.invalidArn(String.valueOf(arn), "state machine");
        }
        return Arns.scope(arn);
    }

    private static AccountRegion executionScope(String arn) {
        if (arn == null || !arn.matches("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:(execution|express):.+")) {
            throw StepFunctionsErrors.invalidArn(String.valueOf(arn), "execution");
        }
        return Arns.scope(arn);
    }

    private static AwsException resourceNotFound(String arn) {
        return StepFunctionsErrors.of("ResourceNotFound", "Resource not found: '" + arn + "'");
    }

    private Registry registry(AccountRegion scope) {
        return registries.computeIfAbsent(scope, ignored -> new Registry());
    }
}

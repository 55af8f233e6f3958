package dev.serverlesslab.graders.provision;

import dev.serverlesslab.exercises.exercise.ResourceReference;
import dev.serverlesslab.graders.check.Resources;
import dev.serverlesslab.graders.deploy.FunctionSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one grading created for its exercise: the physical names checks look up through {@link Resources}, the
 * function's resolved environment and role, and the steps that delete it all again.
 */
public final class ProvisionedResources implements Resources {

    /** The names of one created KMS key. */
    record KeyNames(String id, String arn, String alias) {
    }

    /** A created resource known by a name and an ARN (queues: URL and ARN). */
    record Named(String name, String arn) {
    }

    private final PhysicalNames names;
    private final String region;
    private final Map<String, String> declaredEnvironment;
    private final Map<String, String> tables = new LinkedHashMap<>();
    private final Map<String, KeyNames> keys = new LinkedHashMap<>();
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final CleanupList cleanup = new CleanupList();
    private final Map<String, String> buckets = new LinkedHashMap<>();
    private final Map<String, Named> queues = new LinkedHashMap<>();
    private final Map<String, String> topics = new LinkedHashMap<>();
    private final Map<String, Named> buses = new LinkedHashMap<>();
    private final Map<String, String> stateMachines = new LinkedHashMap<>();
    private final Map<String, Named> streams = new LinkedHashMap<>();
    /** The deployed functions by logical name: physical name and ARN, known once they exist. */
    private final Map<String, Named> functions = new LinkedHashMap<>();
    private String accountId;
    private String serviceRoleArn;
    private String roleArn;
    private String apiUrl;
    private String apiDescription;

    private final dev.serverlesslab.graders.backend.ResourceNaming naming;

    ProvisionedResources(PhysicalNames names, String region, Map<String, String> declaredEnvironment) {
        this(names, region, declaredEnvironment, dev.serverlesslab.graders.backend.ResourceNaming.PLAIN);
    }

    ProvisionedResources(PhysicalNames names, String region, Map<String, String> declaredEnvironment,
                         dev.serverlesslab.graders.backend.ResourceNaming naming) {
        this.naming = naming;
        this.names = names;
        this.region = region;
        this.declaredEnvironment = new LinkedHashMap<>(declaredEnvironment);
    }

    PhysicalNames names() {
        return names;
    }

    /** The grading's id: the prefix of every name it gives, and its {@code serverlesslab:grading} tag. */
    public String gradingId() {
        return names.prefix();
    }

    /** The tags of everything this grading creates (none outside a real AWS account). */
    @Override
    public Map<String, String> tags() {
        return naming.tags(gradingId());
    }

    dev.serverlesslab.graders.backend.ResourceNaming naming() {
        return naming;
    }

    CleanupList cleanup() {
        return cleanup;
    }

    void addTable(String logical, String physical) {
        tables.put(logical, physical);
    }

    void addKey(String logical, KeyNames key) {
        keys.put(logical, key);
    }

    void addParameter(String logical, String physical) {
        parameters.put(logical, physical);
    }

    void role(String arn) {
        this.roleArn = arn;
    }

    void accountId(String accountId) {
        this.accountId = accountId;
    }

    String accountId() {
        return accountId;
    }

    void serviceRole(String arn) {
        this.serviceRoleArn = arn;
    }

    /** The role Step Functions, EventBridge targets and Scheduler act with, or null when none was needed. */
    String serviceRole() {
        return serviceRoleArn;
    }

    void addBucket(String logical, String name) {
        buckets.put(logical, name);
    }

    void addQueue(String logical, String url, String arn) {
        queues.put(logical, new Named(url, arn));
    }

    boolean hasQueue(String logical) {
        return queues.containsKey(logical);
    }

    void addTopic(String logical, String arn) {
        topics.put(logical, arn);
    }

    void addBus(String logical, String name, String arn) {
        buses.put(logical, new Named(name, arn));
    }

    void addStateMachine(String logical, String arn) {
        stateMachines.put(logical, arn);
    }

    void addStream(String logical, String name, String arn) {
        streams.put(logical, new Named(name, arn));
    }

    void addFunction(String logical, String name, String arn) {
        functions.put(logical, new Named(name, arn));
    }

    /** The deployed function a {@code function} or {@code function:NAME} target or reference names. */
    Named function(String logical) {
        if (logical.isEmpty() && functions.size() == 1) {
            return functions.values().iterator().next();
        }
        return lookup(functions, logical, "function");
    }

    String busArn(String logical) {
        return lookup(buses, logical, "bus").arn();
    }

    String streamArn(String logical) {
        return lookup(streams, logical, "stream").arn();
    }

    void api(String url, String description) {
        this.apiUrl = url;
        this.apiDescription = description;
    }

    @Override
    public String table(String logical) {
        return lookup(tables, logical, "table");
    }

    @Override
    public String keyId(String logical) {
        return lookup(keys, logical, "key").id();
    }

    @Override
    public String keyArn(String logical) {
        return lookup(keys, logical, "key").arn();
    }

    @Override
    public String alias(String logical) {
        return lookup(keys, logical, "key").alias();
    }

    @Override
    public String parameter(String logical) {
        return lookup(parameters, logical, "parameter");
    }

    @Override
    public String bucket(String logical) {
        return lookup(buckets, logical, "bucket");
    }

    @Override
    public String queueUrl(String logical) {
        return lookup(queues, logical, "queue").name();
    }

    @Override
    public String queueArn(String logical) {
        return lookup(queues, logical, "queue").arn();
    }

    @Override
    public String topicArn(String logical) {
        return lookup(topics, logical, "topic");
    }

    @Override
    public String bus(String logical) {
        return lookup(buses, logical, "bus").name();
    }

    @Override
    public String stateMachineArn(String logical) {
        return lookup(stateMachines, logical, "state machine");
    }

    @Override
    public String stream(String logical) {
        return lookup(streams, logical, "stream").name();
    }

    @Override
    public String roleArn() {
        return roleArn;
    }

    @Override
    public Optional<String> apiUrl() {
        return Optional.ofNullable(apiUrl);
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public String name(String purpose) {
        if (purpose == null || !purpose.matches("[A-Za-z0-9-]{1,16}")) {
            throw new IllegalArgumentException("a purpose is 1 to 16 letters, digits or hyphens, not '" + purpose + "'");
        }
        // Lambda, SQS, SNS and EventBridge names allow 64 characters: shorten the purpose, never the random part.
        String random = java.util.UUID.randomUUID().toString().substring(0, 8);
        int room = Math.max(1, 64 - names.prefix().length() - 2 - random.length());
        return names.prefix() + "-" + purpose.substring(0, Math.min(purpose.length(), room)) + "-" + random;
    }

    /** True when the function's environment refers to {@code ${api:url}}, known only once the API exists. */
    boolean environmentNeedsApi() {
        return environmentNeedsApi(declaredEnvironment);
    }

    /** True when {@code declared} refers to {@code ${api:url}}, known only once the API exists. */
    static boolean environmentNeedsApi(Map<String, String> declared) {
        return declared.values().stream().anyMatch(value -> ResourceReference.findIn(value).stream()
                .anyMatch(reference -> reference.kind().equals("api")));
    }

    /**
     * The exercise's environment with every reference replaced by its physical value; {@code ${api:url}} is empty
     * until the API exists.
     */
    public Map<String, String> environment() {
        return environment(declaredEnvironment);
    }

    /** {@code declared} (one function's environment) with every reference replaced by its physical value. */
    public Map<String, String> environment(Map<String, String> declared) {
        Map<String, String> resolved = new LinkedHashMap<>();
        declared.forEach((name, value) -> resolved.put(name, ResourceReference.substitute(value,
                this::resolve)));
        return Collections.unmodifiableMap(resolved);
    }

    /** The physical value of one reference; {@code ${api:url}} is empty until the API exists. */
    String resolve(ResourceReference reference) {
        return switch (reference.kind()) {
            case "table" -> table(reference.name());
            case "key" -> keyId(reference.name());
            case "keyArn" -> keyArn(reference.name());
            case "alias" -> alias(reference.name());
            case "parameter" -> parameter(reference.name());
            case "api" -> apiUrl().orElse("");
            case "bucket" -> bucket(reference.name());
            case "queue" -> queueUrl(reference.name());
            case "queueArn" -> queueArn(reference.name());
            case "topic" -> topicArn(reference.name());
            case "bus" -> bus(reference.name());
            case "stateMachine" -> stateMachineArn(reference.name());
            case "stream" -> stream(reference.name());
            case "function" -> function(reference.name()).arn();
            default -> region;
        };
    }

    /** The environment and the execution role to deploy the function with; the caller adds layers. */
    public FunctionSettings functionSettings(List<String> layerArns) {
        return new FunctionSettings(environment(), roleArn, layerArns, functionName("function"), tags());
    }

    /** Tagged gradings name their functions after the grading too, so cleanup finds them by prefix and tag. */
    private String functionName(String logical) {
        return naming.tagged() ? names.function(logical) : null;
    }

    /** One function's environment and the execution role every function of the grading shares. */
    public FunctionSettings functionSettings(dev.serverlesslab.exercises.exercise.FunctionSpec function,
                                             List<String> layerArns) {
        return new FunctionSettings(environment(function.environment()), roleArn, layerArns,
                functionName(function.logicalName()), tags());
    }

    /** One line for people: each declared resource with its physical name. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        tables.forEach((logical, physical) -> parts.add("table " + logical + " → " + physical));
        keys.forEach((logical, key) -> parts.add("key " + logical + " → " + key.alias()));
        parameters.forEach((logical, physical) -> parts.add("parameter " + logical + " → " + physical));
        buckets.forEach((logical, physical) -> parts.add("bucket " + logical + " → " + physical));
        queues.forEach((logical, queue) -> parts.add("queue " + logical + " → "
                + queue.arn().substring(queue.arn().lastIndexOf(':') + 1)));
        topics.forEach((logical, arn) -> parts.add("topic " + logical + " → " + arn.substring(arn.lastIndexOf(':') + 1)));
        buses.forEach((logical, bus) -> parts.add("bus " + logical + " → " + bus.name()));
        stateMachines.forEach((logical, arn) -> parts.add("state machine " + logical + " → "
                + arn.substring(arn.lastIndexOf(':') + 1)));
        streams.forEach((logical, stream) -> parts.add("stream " + logical + " → " + stream.name()));
        if (roleArn != null) {
            parts.add("role " + names.role());
        }
        return parts.isEmpty() ? "nothing to create" : String.join(", ", parts);
    }

    /** The API and its URL, when one was created, e.g. "HTTP API → http://…"; empty otherwise. */
    public Optional<String> apiDescription() {
        return Optional.ofNullable(apiDescription);
    }

    private static <T> T lookup(Map<String, T> declared, String logical, String kind) {
        T value = declared.get(logical);
        if (value == null) {
            throw new IllegalArgumentException("this exercise declares no " + kind + " '" + logical + "': "
                    + (declared.isEmpty() ? "it declares none" : "it declares " + String.join(", ", declared.keySet())));
        }
        return value;
    }
}

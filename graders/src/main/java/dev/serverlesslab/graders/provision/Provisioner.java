package dev.serverlesslab.graders.provision;

import dev.serverlesslab.exercises.exercise.ApiSpec;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseResources;
import dev.serverlesslab.exercises.exercise.FunctionSpec;
import dev.serverlesslab.exercises.exercise.KeySpec;
import dev.serverlesslab.exercises.exercise.ParameterSpec;
import dev.serverlesslab.exercises.exercise.TableSpec;
import dev.serverlesslab.graders.backend.AwsClients;
import dev.serverlesslab.graders.backend.ResourceNaming;
import dev.serverlesslab.graders.deploy.DeployedFunctions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Creates on a backend what an exercise's descriptor declares, with names unique to one grading, and deletes it
 * afterwards. A grading calls {@link #provision} before deploying the function, {@link #connect} once the function
 * exists (the API needs its ARN), and {@link #teardown} at the end, whatever happened in between.
 */
public final class Provisioner implements AutoCloseable {

    private final ServiceClients clients;
    private final ResourceNaming naming;
    private final SecureRandom random = new SecureRandom();

    /** @param aws clients acting in the grading's own account, where everything is created */
    public Provisioner(AwsClients aws) {
        this(aws, ResourceNaming.PLAIN);
    }

    /** @param naming how the backend wants names, IAM paths and tags (see {@link ResourceNaming}) */
    public Provisioner(AwsClients aws, ResourceNaming naming) {
        this.clients = new ServiceClients(aws);
        this.naming = naming;
    }

    /**
     * Creates the execution role, keys and aliases, parameters, tables (waiting until they are ACTIVE and
     * seeded), buckets, queues, topics, buses and streams. When one of them fails, what was already created is deleted again before the exception is thrown.
     *
     * @throws ProvisioningException naming the resource and carrying the backend's answer
     */
    public ProvisionedResources provision(Exercise exercise) {
        return provision(exercise, gradingId -> { });
    }

    /**
     * As {@link #provision(Exercise)}, telling {@code started} the grading's id (the prefix of every name and its
     * {@code serverlesslab:grading} tag) before anything is created.
     */
    public ProvisionedResources provision(Exercise exercise, java.util.function.Consumer<String> started) {
        ExerciseResources declared = exercise.resources();
        ProvisionedResources resources = new ProvisionedResources(PhysicalNames.random(exercise.id(), random,
                naming.root()), clients.aws().region(), exercise.environment(), naming);
        started.accept(resources.gradingId());
        PhysicalNames names = resources.names();
        CleanupList cleanup = resources.cleanup();
        java.util.Map<String, String> tags = resources.tags();
        try {
            RoleProvisioner roles = new RoleProvisioner(clients.iam());
            resources.role(step("role " + names.role(), () -> roles
                    .create(declared.role(), names.role(), naming.rolePath(), tags, cleanup)));
            if (naming.tagged()) {
                // A real account enforces the role: it gets this grading's resources and nothing else.
                step("policy " + GradingPolicy.NAME + " of role " + names.role(), () -> {
                    roles.putInlinePolicy(names.role(), GradingPolicy.NAME, GradingPolicy.document(exercise, names,
                            clients.aws().region(), clients.aws().accountId()), cleanup);
                    return names.role();
                });
            }
            KeyProvisioner keys = new KeyProvisioner(clients);
            for (KeySpec key : declared.keys().values()) {
                String alias = names.alias(key.alias());
                resources.addKey(key.logicalName(), step("key " + key.logicalName() + " (" + alias + ")",
                        () -> keys.createKey(key, alias, tags, cleanup)));
            }
            for (ParameterSpec parameter : declared.parameters().values()) {
                String name = names.parameter(parameter.name());
                String keyId = parameter.optionalKey().map(resources::keyId).orElse(null);
                step("parameter " + parameter.logicalName() + " (" + name + ")", () -> {
                    keys.createParameter(parameter, name, parameter.valueForGrading(random), keyId, tags, cleanup);
                    return name;
                });
                resources.addParameter(parameter.logicalName(), name);
            }
            resources.accountId(clients.aws().accountId());
            for (TableSpec table : declared.tables().values()) {
                String name = names.table(table.logicalName());
                step("table " + table.logicalName() + " (" + name + ")", () -> {
                    new TableProvisioner(clients.dynamoDb()).create(table, name, tags, cleanup);
                    return name;
                });
                resources.addTable(table.logicalName(), name);
            }
            new EventProvisioner(clients).create(declared.events(), resources);
            return resources;
        } catch (RuntimeException e) {
            cleanup.runAll();
            throw e;
        }
    }

    /**
     * Connects the deployed function to the declared event resources (state machines, subscriptions, rules,
     * schedules, bucket notifications, event source mappings) and fronts it with the declared API, if any; when the
     * function's environment refers to {@code ${api:url}}, updates it with the URL (which exists only now) and waits
     * until the update is done.
     *
     * @param learnerDefinitions the definitions of the state machines the learner writes, by logical name
     *                           ({@link dev.serverlesslab.exercises.exercise.LearnerDefinitions})
     * @throws DefinitionRejectedException when Step Functions refuses a definition the learner wrote
     * @throws ProvisioningException naming the resource and carrying the backend's answer
     */
    public void connect(ProvisionedResources resources, Exercise exercise, DeployedFunctions functions,
                        Map<String, String> learnerDefinitions) {
        functions.all().forEach((logical, function) -> resources.addFunction(logical, function.name(),
                function.arn()));
        if (naming.tagged()) {
            // Lambda makes each function's log group itself, untagged; a real account keeps it (and bills its
            // storage) unless it is deleted. Registered first, so it is deleted last, after the logs were read.
            functions.all().values().forEach(function -> {
                String group = "/aws/lambda/" + function.name();
                resources.cleanup().add("log group " + group, () -> {
                    try {
                        clients.logs().deleteLogGroup(b -> b.logGroupName(group));
                    } catch (software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException none) {
                        // The function never logged.
                    }
                });
            });
        }
        if (!exercise.resources().events().isEmpty()) {
            new EventProvisioner(clients).wire(exercise.resources().events(), resources, learnerDefinitions);
        }
        if (exercise.resources().api().isEmpty()) {
            return;
        }
        ApiSpec api = exercise.resources().api().get();
        String what = (api.type() == ApiSpec.Type.HTTP ? "HTTP API " : "REST API ")
                + resources.names().api();
        String proxied = resources.function(api.function() == null ? "" : api.function()).name();
        String authorizer = api.authorizerSpec().map(spec -> resources.function(spec.function()).name()).orElse(null);
        ApiProvisioner.CreatedApi created = step(what, () -> new ApiProvisioner(clients)
                .create(api, resources.names().api(), proxied, authorizer, resources.tags(), resources.cleanup()));
        resources.api(created.url(), created.description());
        for (FunctionSpec spec : exercise.functions().values()) {
            if (!ProvisionedResources.environmentNeedsApi(spec.environment())) {
                continue;
            }
            String functionName = functions.get(spec.logicalName()).name();
            step("the environment of " + functionName + " with ${api:url}", () -> {
                clients.lambda().updateFunctionConfiguration(b -> b.functionName(functionName)
                        .environment(e -> e.variables(resources.environment(spec.environment()))));
                clients.lambda().waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(functionName));
                return functionName;
            });
        }
    }

    /**
     * Deletes everything this grading created, newest first; never throws, since cleaning up must not change a
     * grading's verdict.
     *
     * @return what was done, or which deletions failed and why
     */
    public String teardown(ProvisionedResources resources) {
        int count = resources.cleanup().size();
        List<String> problems;
        try {
            problems = resources.cleanup().runAll();
        } catch (RuntimeException unexpected) {
            problems = List.of(ProvisioningException.describe(unexpected));
        }
        return problems.isEmpty()
                ? "deleted " + resources.names().prefix() + "-* (" + count + " step(s))"
                : String.join("; ", problems);
    }

    /**
     * What a grading of {@code exercise} would create, one line per resource, named as {@code naming} names them with
     * {@code <8 hex>} for the grading's random part: what a dry run shows. Event resources are summed up in one line.
     */
    public static List<String> plan(Exercise exercise, ResourceNaming naming) {
        PhysicalNames names = PhysicalNames.of(exercise.id(), "<8 hex>", naming.root());
        ExerciseResources declared = exercise.resources();
        List<String> lines = new java.util.ArrayList<>();
        lines.add("IAM role " + names.role() + " (path " + naming.rolePath() + ")"
                + (declared.role().policies().isEmpty() ? "" : " with " + String.join(", ", declared.role().policies()))
                + (naming.tagged() ? " and the inline policy " + GradingPolicy.NAME + " (this grading's logs, "
                        + "functions, tables, parameters and keys only)" : ""));
        declared.keys().values().forEach(key -> lines.add("KMS key " + key.logicalName() + " with alias "
                + names.alias(key.alias()) + " (deleted after KMS's 7-day waiting period)"));
        declared.parameters().values().forEach(parameter -> lines.add("SSM parameter " + names.parameter(
                parameter.name()) + " (" + parameter.type() + ")"));
        declared.tables().values().forEach(table -> lines.add("DynamoDB table " + names.table(table.logicalName())
                + " (on-demand)"));
        for (FunctionSpec function : exercise.functions().values()) {
            String name = naming.tagged() ? names.function(function.logicalName())
                    : names.prefix() + "-" + function.logicalName();
            lines.add("Lambda function " + name + " (" + exercise.runtime() + ", " + function.memory() + " MB, timeout "
                    + function.timeout() + " s) and its log group /aws/lambda/" + name);
        }
        declared.api().ifPresent(api -> lines.add((api.type() == ApiSpec.Type.HTTP ? "HTTP API " : "REST API ")
                + names.api()));
        if (!declared.events().isEmpty()) {
            lines.add("event resources (buckets, queues, topics, buses, rules, schedules, state machines, streams)");
        }
        if (naming.tagged()) {
            lines.add("each tagged " + String.join(", ", naming.tags(names.prefix()).entrySet().stream()
                    .sorted(java.util.Map.Entry.comparingByKey()).map(tag -> tag.getKey() + "=" + tag.getValue())
                    .toList()) + " where the service takes tags");
        }
        return lines;
    }

    @Override
    public void close() {
        clients.close();
    }

    private static <T> T step(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (ProvisioningException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProvisioningException(what, e);
        }
    }
}

package dev.serverlesslab.graders.provision;

import dev.serverlesslab.exercises.exercise.ApiSpec;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseResources;
import dev.serverlesslab.exercises.exercise.FunctionSpec;
import dev.serverlesslab.exercises.exercise.KeySpec;
import dev.serverlesslab.exercises.exercise.ParameterSpec;
import dev.serverlesslab.exercises.exercise.TableSpec;
import dev.serverlesslab.graders.backend.AwsClients;
import dev.serverlesslab.graders.deploy.DeployedFunctions;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Supplier;

/**
 * Creates on a backend what an exercise's descriptor declares, with names unique to one grading, and deletes it
 * afterwards. A grading calls {@link #provision} before deploying the function, {@link #connect} once the function
 * exists (the API needs its ARN), and {@link #teardown} at the end, whatever happened in between.
 */
public final class Provisioner implements AutoCloseable {

    private final ServiceClients clients;
    private final SecureRandom random = new SecureRandom();

    /** @param aws clients acting in the grading's own account, where everything is created */
    public Provisioner(AwsClients aws) {
        this.clients = new ServiceClients(aws);
    }

    /**
     * Creates the execution role, keys and aliases, parameters, tables (waiting until they are ACTIVE and
     * seeded), buckets, queues, topics, buses and streams. When one of them fails, what was already created is deleted again before the exception is thrown.
     *
     * @throws ProvisioningException naming the resource and carrying the backend's answer
     */
    public ProvisionedResources provision(Exercise exercise) {
        ExerciseResources declared = exercise.resources();
        ProvisionedResources resources = new ProvisionedResources(PhysicalNames.random(exercise.id(), random),
                clients.aws().region(), exercise.environment());
        PhysicalNames names = resources.names();
        CleanupList cleanup = resources.cleanup();
        try {
            resources.role(step("role " + names.role(), () ->
                    new RoleProvisioner(clients.iam()).create(declared.role(), names.role(), cleanup)));
            KeyProvisioner keys = new KeyProvisioner(clients);
            for (KeySpec key : declared.keys().values()) {
                String alias = names.alias(key.alias());
                resources.addKey(key.logicalName(), step("key " + key.logicalName() + " (" + alias + ")",
                        () -> keys.createKey(key, alias, cleanup)));
            }
            for (ParameterSpec parameter : declared.parameters().values()) {
                String name = names.parameter(parameter.name());
                String keyId = parameter.optionalKey().map(resources::keyId).orElse(null);
                step("parameter " + parameter.logicalName() + " (" + name + ")", () -> {
                    keys.createParameter(parameter, name, keyId, cleanup);
                    return name;
                });
                resources.addParameter(parameter.logicalName(), name);
            }
            resources.accountId(clients.aws().accountId());
            for (TableSpec table : declared.tables().values()) {
                String name = names.table(table.logicalName());
                step("table " + table.logicalName() + " (" + name + ")", () -> {
                    new TableProvisioner(clients.dynamoDb()).create(table, name, cleanup);
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
     * @throws ProvisioningException naming the resource and carrying the backend's answer
     */
    public void connect(ProvisionedResources resources, Exercise exercise, DeployedFunctions functions) {
        functions.all().forEach((logical, function) -> resources.addFunction(logical, function.name(),
                function.arn()));
        if (!exercise.resources().events().isEmpty()) {
            new EventProvisioner(clients).wire(exercise.resources().events(), resources);
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
                .create(api, resources.names().api(), proxied, authorizer, resources.cleanup()));
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

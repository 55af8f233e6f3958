package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.lambda.runtime.EnvironmentPool;
import dev.serverlesslab.emulator.lambda.runtime.FunctionCredentials;
import dev.serverlesslab.emulator.lambda.runtime.FunctionLog;
import dev.serverlesslab.emulator.lambda.runtime.FunctionSpec;
import dev.serverlesslab.emulator.lambda.runtime.JavaRuntimes;
import dev.serverlesslab.emulator.lambda.runtime.LogEvent;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeJvms;
import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import dev.serverlesslab.emulator.lambda.runtime.WarmEnvironments;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The functions of every account and region, how a name and qualifier select what runs, and how a configuration
 * becomes a deployment with environments of its own.
 */
final class FunctionRegistry {

    private final RuntimeJvms jvms;
    private final Sandbox sandbox;
    private final Executor runtimeApiThreads;
    private final WarmEnvironments warm;
    private final LayerStore layers;
    private final Function<String, FunctionCredentials> credentials;
    private final ConcurrentMap<AccountRegion, ConcurrentMap<String, LambdaFunction>> functions =
            new ConcurrentHashMap<>();
    /** Log groups outlive their functions, as in CloudWatch Logs. */
    private final ConcurrentMap<AccountRegion, ConcurrentMap<String, FunctionLog>> logs = new ConcurrentHashMap<>();

    FunctionRegistry(RuntimeJvms jvms, Sandbox sandbox, Executor runtimeApiThreads, WarmEnvironments warm,
            LayerStore layers, Function<String, FunctionCredentials> credentials) {
        this.jvms = jvms;
        this.sandbox = sandbox;
        this.warm = warm;
        this.runtimeApiThreads = runtimeApiThreads;
        this.layers = layers;
        this.credentials = credentials;
    }

    ConcurrentMap<String, LambdaFunction> region(AccountRegion scope) {
        return functions.computeIfAbsent(scope, key -> new ConcurrentHashMap<>());
    }

    Stream<LambdaFunction> all() {
        return functions.values().stream().flatMap(region -> region.values().stream());
    }

    void clear() {
        functions.clear();
    }

    /** The function itself, whatever qualifier its name carries. */
    LambdaFunction function(AccountRegion scope, String functionName) {
        FunctionRef ref = FunctionRef.parse(functionName, null);
        LambdaFunction function = region(scope).get(ref.name());
        if (function == null) {
            throw LambdaErrors.functionNotFound(new FunctionRef(ref.name(), null)
                    .arn(scope.region(), scope.accountId()));
        }
        return function;
    }

    /**
     * The deployment a name and qualifier select: $LATEST, a published version, or the version an alias routes this
     * call to (weighted at random between two when the alias shifts traffic).
     */
    Deployment find(AccountRegion scope, String functionName, String qualifier) {
        FunctionRef ref = FunctionRef.parse(functionName, qualifier);
        LambdaFunction function = region(scope).get(ref.name());
        Deployment deployment = null;
        if (function != null) {
            String version = ref.latest() ? "$LATEST" : ref.qualifier();
            AliasConfiguration alias = versionNumber(version) == null ? function.alias(version) : null;
            if (alias != null) {
                version = route(alias);
            }
            deployment = function.deployment(version);
        }
        if (deployment == null) {
            throw LambdaErrors.functionNotFound(ref.arn(scope.region(), scope.accountId()));
        }
        return deployment;
    }

    Deployment deploy(AccountRegion scope, FunctionConfiguration configuration, Path taskRoot, Path environmentsDir) {
        Map<String, String> variables = configuration.environment() == null ? Map.of()
                : configuration.environment().variables();
        FunctionSpec spec = new FunctionSpec(scope.accountId(), scope.region(), configuration.functionName(),
                configuration.functionArn(), configuration.runtime(), configuration.handler(),
                configuration.memorySize(), configuration.timeout(), variables, taskRoot, environmentsDir,
                configuration.version(), layers.jars(configuration.layers()),
                configuration.ephemeralStorage() == null ? FunctionSpec.DEFAULT_EPHEMERAL_STORAGE_MB
                        : configuration.ephemeralStorage().size(),
                credentials.apply(scope.accountId()), FunctionLogging.settings(configuration));
        return new Deployment(configuration, spec, new EnvironmentPool(spec,
                jvms.settings(spec.runtime(), spec.layerJars(), layers.contents(configuration.layers())), sandbox,
                runtimeApiThreads, log(scope, configuration.functionName()), EnvironmentPool.DEFAULT_MAX_ENVIRONMENTS,
                warm));
    }

    /** The runtime version {@code runtime} runs on here, for the function's configuration; null when none can. */
    FunctionConfiguration.RuntimeVersionConfig runtimeVersion(AccountRegion scope, String runtime) {
        return jvms.jdk(runtime).map(jdk -> new FunctionConfiguration.RuntimeVersionConfig(
                JavaRuntimes.runtimeVersionArn(scope.region(), jdk))).orElse(null);
    }

    /** Everything the function's environments logged, oldest first; kept after the function is deleted. */
    List<LogEvent> logEvents(AccountRegion scope, String functionName) {
        FunctionLog log = logs.getOrDefault(scope, new ConcurrentHashMap<>()).get(functionName);
        return log == null ? List.of() : log.events();
    }

    /**
     * Every function's events in one CloudWatch Logs group, oldest first: the default {@code /aws/lambda/<name>} or a
     * {@code LoggingConfig.LogGroup} several functions may share; an event stays in the group it was written to.
     */
    List<LogEvent> logEventsInGroup(AccountRegion scope, String logGroup) {
        return logs.getOrDefault(scope, new ConcurrentHashMap<>()).entrySet().stream()
                .flatMap(entry -> entry.getValue().events().stream()
                        .filter(event -> logGroup.equals(group(event, entry.getKey()))))
                .sorted(Comparator.comparingLong(LogEvent::timestampMillis))
                .toList();
    }

    /** The groups functions of the region write to now, and those they wrote to before. */
    Set<String> logGroups(AccountRegion scope) {
        Set<String> groups = new TreeSet<>();
        region(scope).values().forEach(function -> function.deployments()
                .forEach(deployment -> groups.add(deployment.spec().logGroupName())));
        logs.getOrDefault(scope, new ConcurrentHashMap<>()).forEach((name, log) -> log.events()
                .forEach(event -> groups.add(group(event, name))));
        return groups;
    }

    private static String group(LogEvent event, String functionName) {
        return event.logGroup() != null ? event.logGroup() : "/aws/lambda/" + functionName;
    }

    /** The platform's own lines of the function (START, END, REPORT, timeouts), oldest first. */
    List<LogEvent> platformEvents(AccountRegion scope, String functionName) {
        FunctionLog log = logs.getOrDefault(scope, new ConcurrentHashMap<>()).get(functionName);
        return log == null ? List.of() : log.platformEvents();
    }

    /** A version number such as {@code 12}, or null for $LATEST, an alias name or anything else. */
    static Integer versionNumber(String qualifier) {
        return qualifier != null && qualifier.matches("[1-9][0-9]{0,8}") ? Integer.valueOf(qualifier) : null;
    }

    private static String route(AliasConfiguration alias) {
        if (alias.routingConfig() != null && alias.routingConfig().additionalVersionWeights() != null) {
            for (Map.Entry<String, Double> weight : alias.routingConfig().additionalVersionWeights().entrySet()) {
                if (ThreadLocalRandom.current().nextDouble() < weight.getValue()) {
                    return weight.getKey();
                }
            }
        }
        return alias.functionVersion();
    }

    private FunctionLog log(AccountRegion scope, String functionName) {
        return logs.computeIfAbsent(scope, key -> new ConcurrentHashMap<>())
                .computeIfAbsent(functionName, key -> new FunctionLog(FunctionLog.DEFAULT_MAX_BYTES));
    }
}

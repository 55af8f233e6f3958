package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Lambda's aliases: names that point at a version and may shift a share of invocations to a second version.
 */
public final class FunctionAliases {

    /** The model's pattern for an alias name: letters, digits, '-' and '_', not only digits. */
    private static final Pattern NAME = Pattern.compile("(?!^[0-9]+$)([a-zA-Z0-9-_]+)");
    private static final Pattern VERSION = Pattern.compile("(\\$LATEST|[0-9]+)");

    private final FunctionRegistry registry;

    FunctionAliases(FunctionRegistry registry) {
        this.registry = registry;
    }

    public AliasConfiguration createAlias(AccountRegion scope, String functionName, AliasRequest request) {
        List<String> violations = new ArrayList<>();
        if (request.name() == null || request.name().length() > 128 || !NAME.matcher(request.name()).matches()) {
            violations.add(LambdaErrors.violation(request.name(), "name",
                    "Member must satisfy regular expression pattern: " + NAME.pattern() + " and have length at "
                            + "most 128"));
        }
        if (request.functionVersion() == null || !VERSION.matcher(request.functionVersion()).matches()) {
            violations.add(LambdaErrors.violation(request.functionVersion(), "functionVersion",
                    "Member must satisfy regular expression pattern: " + VERSION.pattern()));
        }
        if (!violations.isEmpty()) {
            throw LambdaErrors.validation(violations);
        }
        LambdaFunction function = registry.function(scope, functionName);
        synchronized (function) {
            String arn = aliasArn(function, request.name());
            if (function.alias(request.name()) != null) {
                throw LambdaErrors.conflict("Alias already exists: " + arn);
            }
            AliasConfiguration alias = new AliasConfiguration(arn, request.name(), request.functionVersion(),
                    request.description() == null ? "" : request.description(), request.routingConfig(),
                    UUID.randomUUID().toString());
            check(function, alias);
            function.putAlias(alias);
            return alias;
        }
    }

    public AliasConfiguration getAlias(AccountRegion scope, String functionName, String aliasName) {
        LambdaFunction function = registry.function(scope, functionName);
        return existing(function, aliasName);
    }

    /** Changes the members the request names; the others keep their value. */
    public AliasConfiguration updateAlias(AccountRegion scope, String functionName, String aliasName,
            AliasRequest request) {
        LambdaFunction function = registry.function(scope, functionName);
        synchronized (function) {
            AliasConfiguration current = existing(function, aliasName);
            FunctionChanges.checkRevision(request.revisionId(), current.revisionId());
            AliasConfiguration alias = new AliasConfiguration(current.aliasArn(), current.name(),
                    request.functionVersion() == null ? current.functionVersion() : request.functionVersion(),
                    request.description() == null ? current.description() : request.description(),
                    request.routingConfig() == null ? current.routingConfig() : request.routingConfig(),
                    UUID.randomUUID().toString());
            check(function, alias);
            function.putAlias(alias);
            return alias;
        }
    }

    /** Deleting an alias that does not exist succeeds, as DeleteAlias is idempotent on AWS. */
    public void deleteAlias(AccountRegion scope, String functionName, String aliasName) {
        registry.function(scope, functionName).removeAlias(aliasName);
    }

    /** The function's aliases by name, only those routing to {@code functionVersion} when it is given. */
    public List<AliasConfiguration> listAliases(AccountRegion scope, String functionName, String functionVersion) {
        return registry.function(scope, functionName).aliases().stream()
                .filter(alias -> functionVersion == null || versions(alias).contains(functionVersion))
                .toList();
    }

    /** The versions an alias sends invocations to: its own and, when it shifts traffic, the additional one. */
    static List<String> versions(AliasConfiguration alias) {
        List<String> versions = new ArrayList<>();
        versions.add(alias.functionVersion());
        if (alias.routingConfig() != null && alias.routingConfig().additionalVersionWeights() != null) {
            versions.addAll(alias.routingConfig().additionalVersionWeights().keySet());
        }
        return versions;
    }

    private static void check(LambdaFunction function, AliasConfiguration alias) {
        String base = function.configuration().functionArn();
        if (function.deployment(alias.functionVersion()) == null) {
            throw LambdaErrors.functionNotFound(base + ":" + alias.functionVersion());
        }
        Map<String, Double> weights = alias.routingConfig() == null ? null
                : alias.routingConfig().additionalVersionWeights();
        if (weights == null || weights.isEmpty()) {
            return;
        }
        if (weights.size() > 1) {
            throw LambdaErrors.invalidParameter("RoutingConfig.AdditionalVersionWeights may name only one additional "
                    + "version; got " + weights.keySet());
        }
        Map.Entry<String, Double> weight = weights.entrySet().iterator().next();
        if (weight.getValue() == null || weight.getValue() < 0.0 || weight.getValue() > 1.0) {
            throw LambdaErrors.invalidParameter("Invalid weight " + weight.getValue() + " for version "
                    + weight.getKey() + " in RoutingConfig.AdditionalVersionWeights: a weight lies between 0.0 and "
                    + "1.0");
        }
        if (FunctionRegistry.versionNumber(alias.functionVersion()) == null
                || FunctionRegistry.versionNumber(weight.getKey()) == null) {
            throw LambdaErrors.invalidParameter("RoutingConfig can only shift traffic between published versions, "
                    + "not $LATEST; publish a version with PublishVersion and use its number");
        }
        if (weight.getKey().equals(alias.functionVersion())) {
            throw LambdaErrors.invalidParameter("Invalid routing config: the additional version " + weight.getKey()
                    + " is the alias's own FunctionVersion; name a different version");
        }
        if (function.deployment(weight.getKey()) == null) {
            throw LambdaErrors.functionNotFound(base + ":" + weight.getKey());
        }
    }

    private static AliasConfiguration existing(LambdaFunction function, String aliasName) {
        AliasConfiguration alias = function.alias(aliasName);
        if (alias == null) {
            throw LambdaErrors.notFound("Alias not found: " + aliasArn(function, aliasName));
        }
        return alias;
    }

    private static String aliasArn(LambdaFunction function, String aliasName) {
        return function.configuration().functionArn() + ":" + aliasName;
    }
}

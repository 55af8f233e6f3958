package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TagResource, UntagResource and ListTags for functions, addressed by the function's ARN as Lambda requires; the
 * tags are the ones CreateFunction's {@code Tags} set and GetFunction returns.
 */
public final class FunctionTags {

    /** Lambda allows 50 tags on a resource. */
    static final int MAX_TAGS = 50;
    private static final Pattern FUNCTION_ARN = Pattern.compile(
            "arn:aws[a-zA-Z-]*:lambda:(?<region>[a-z0-9-]+):(?<account>\\d{12}):function:(?<name>[a-zA-Z0-9-_]+)"
                    + "(?::(?<qualifier>[a-zA-Z0-9-_$]+))?");

    private final FunctionRegistry registry;

    FunctionTags(FunctionRegistry registry) {
        this.registry = registry;
    }

    public Map<String, String> list(AccountRegion scope, String arn) {
        return function(scope, arn).tags();
    }

    public void tag(AccountRegion scope, String arn, Map<String, String> tags) {
        LambdaFunction function = function(scope, arn);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey();
            if (key.isEmpty() || key.length() > 128 || tag.getValue().length() > 256) {
                throw LambdaErrors.invalidParameter("Tag keys must be 1 to 128 characters and values at most 256: "
                        + key);
            }
            if (key.toLowerCase().startsWith("aws:")) {
                throw LambdaErrors.invalidParameter("Tag keys starting with 'aws:' are reserved for AWS: " + key);
            }
        }
        synchronized (function) {
            Map<String, String> after = new HashMap<>(function.tags());
            after.putAll(tags);
            if (after.size() > MAX_TAGS) {
                throw LambdaErrors.invalidParameter("A function can have at most " + MAX_TAGS + " tags; it would have "
                        + after.size());
            }
            function.tag(tags);
        }
    }

    public void untag(AccountRegion scope, String arn, List<String> keys) {
        function(scope, arn).untag(keys);
    }

    private LambdaFunction function(AccountRegion scope, String arn) {
        if (arn != null && arn.contains(":event-source-mapping:")) {
            throw LambdaErrors.invalidParameter("Tags on event source mappings are not emulated by Serverless Lab's "
                    + "emulator; tag the function instead");
        }
        Matcher matcher = arn == null ? null : FUNCTION_ARN.matcher(arn);
        if (matcher == null || !matcher.matches()) {
            throw LambdaErrors.invalidParameter("Resource " + arn + " is not a function ARN "
                    + "(arn:aws:lambda:REGION:ACCOUNT:function:NAME)");
        }
        if (matcher.group("qualifier") != null) {
            throw LambdaErrors.invalidParameter("Tags on function aliases and versions are not supported. Please "
                    + "specify a function ARN.");
        }
        if (!matcher.group("region").equals(scope.region()) || !matcher.group("account").equals(scope.accountId())) {
            throw LambdaErrors.functionNotFound(arn);
        }
        return registry.function(scope, matcher.group("name"));
    }
}

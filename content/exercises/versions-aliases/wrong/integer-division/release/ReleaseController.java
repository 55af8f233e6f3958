package release;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;

/**
 * Releases a new version of another function through its alias: a canary first, then promote or roll back. Every
 * decision is read from the alias itself, so the controller keeps no state of its own between invocations.
 */
public class ReleaseController implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final LambdaClient lambda = LambdaClient.create();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String action = text(event, "action");
        String function = text(event, "function");
        String alias = text(event, "alias");
        return switch (action) {
            case "canary" -> canary(function, alias, percent(event));
            case "promote" -> promote(function, alias);
            case "rollback" -> rollback(function, alias);
            default -> throw new IllegalArgumentException("unknown action '" + action
                    + "': use canary, promote or rollback");
        };
    }

    /** Publishes $LATEST and sends {@code percent} % of the alias's invocations to it; the rest stay where they were. */
    private Map<String, Object> canary(String function, String alias, int percent) {
        GetAliasResponse current = lambda.getAlias(b -> b.functionName(function).name(alias));
        String stable = current.functionVersion();
        String canary = lambda.publishVersion(b -> b.functionName(function)
                .description("canary of alias " + alias)).version();
        if (canary.equals(stable)) {
            // PublishVersion hands back the existing version when $LATEST has not changed since it was published.
            throw new IllegalStateException("nothing new to release: $LATEST is version " + stable + ", which alias "
                    + alias + " already runs");
        }
        // Wrong on purpose: int / int is an int in Java, so every percent below 100 becomes a weight of 0.
        double weight = percent / 100;
        // RevisionId: if someone changed the alias since we read it, fail rather than overwrite their change.
        lambda.updateAlias(b -> b.functionName(function).name(alias).functionVersion(stable)
                .revisionId(current.revisionId())
                .routingConfig(r -> r.additionalVersionWeights(Map.of(canary, weight))));
        System.out.println("alias " + alias + ": version " + stable + " keeps " + (100 - percent)
                + " %, canary version " + canary + " takes " + percent + " %");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("stable", stable);
        result.put("canary", canary);
        result.put("weight", weight);
        return result;
    }

    /** The canary becomes the alias's version and takes every invocation. */
    private Map<String, Object> promote(String function, String alias) {
        GetAliasResponse current = lambda.getAlias(b -> b.functionName(function).name(alias));
        String canary = canaryOf(current);
        if (canary == null) {
            throw new IllegalStateException("alias " + alias + " runs no canary to promote");
        }
        lambda.updateAlias(b -> b.functionName(function).name(alias).functionVersion(canary)
                .revisionId(current.revisionId())
                .routingConfig(r -> r.additionalVersionWeights(Map.of())));
        return Map.of("version", canary);
    }

    /** Every invocation goes back to the alias's own version; with no canary running nothing changes. */
    private Map<String, Object> rollback(String function, String alias) {
        GetAliasResponse current = lambda.getAlias(b -> b.functionName(function).name(alias));
        String stable = current.functionVersion();
        if (canaryOf(current) != null) {
            lambda.updateAlias(b -> b.functionName(function).name(alias).functionVersion(stable)
                    .revisionId(current.revisionId())
                    .routingConfig(r -> r.additionalVersionWeights(Map.of())));
        }
        return Map.of("version", stable);
    }

    private static String canaryOf(GetAliasResponse alias) {
        if (alias.routingConfig() == null || !alias.routingConfig().hasAdditionalVersionWeights()) {
            return null;
        }
        return alias.routingConfig().additionalVersionWeights().keySet().stream().findFirst().orElse(null);
    }

    private static String text(Map<String, Object> event, String field) {
        Object value = event == null ? null : event.get(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("the event needs a text field '" + field + "'");
        }
        return text;
    }

    /** A whole number from 1 to 99: 0 would be no canary at all, 100 no canary but a full release. */
    private static int percent(Map<String, Object> event) {
        Object value = event.get("percent");
        if (value instanceof Number number) {
            double percent = number.doubleValue();
            if (percent == Math.rint(percent) && percent >= 1 && percent <= 99) {
                return (int) percent;
            }
        }
        throw new IllegalArgumentException("percent must be a whole number from 1 to 99, got " + value);
    }
}

package checks;

import static org.junit.jupiter.api.Assertions.fail;

import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.Points;
import dev.serverlesslab.graders.check.Resources;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The checks of the versions-aliases exercise. Each check creates a function of its own to be released (version 1
 * behind an alias, then a changed $LATEST), asks the learner's controller to act on it, and reads the outcome from
 * Lambda itself: the alias, the versions, and which version an invocation of the alias ran. Names, releases and
 * percentages are made up for every grading.
 */
class VersionsAliasesChecks {

    /** A function with version 1 behind an alias and a $LATEST that differs from it, ready to be released. */
    private record Target(String function, String alias, String stableRelease, String nextRelease) {
    }

    @Test
    @Points(2)
    @DisplayName("A canary publishes $LATEST as a new version and sends the requested percentage of the alias's "
            + "invocations to it, while the alias keeps its own version")
    @Hint("Read the alias's version with GetAlias, publish with PublishVersion, then UpdateAlias with that same "
            + "version and a RoutingConfig naming the new version with a weight of percent / 100.0.")
    void canaryShiftsAShare(DeployedFunction controller, LambdaClient lambda, Resources resources) {
        try (TargetFunctions targets = new TargetFunctions(lambda, resources)) {
            Target target = target(targets, lambda);
            int percent = ThreadLocalRandom.current().nextInt(5, 41);
            Invocation result = act(controller, "canary", target, percent);
            expectSucceeded(result, "a canary of " + percent + " %");
            expectAlias(lambda, target, "1", Map.of("2", percent / 100.0), "after a canary of " + percent + " %");
            String published = lambda.getFunctionConfiguration(b -> b.functionName(target.function()).qualifier("2"))
                    .environment().variables().get("RELEASE");
            if (!target.nextRelease().equals(published)) {
                fail("Version 2 should be what $LATEST was when the canary started (RELEASE=" + target.nextRelease()
                        + "), but it has RELEASE=" + published);
            }
            if (!"1".equals(result.json().path("stable").asText()) || !"2".equals(result.json().path("canary").asText())
                    || Math.abs(result.json().path("weight").asDouble(-1) - percent / 100.0) > 1e-9) {
                fail("Expected the controller to answer {\"stable\":\"1\",\"canary\":\"2\",\"weight\":"
                        + percent / 100.0 + "}, but it answered " + result.payload());
            }
        }
    }

    @Test
    @Points(2)
    @DisplayName("A roll back during a canary sends every invocation of the alias back to its own version")
    @Hint("UpdateAlias with the alias's own version and routingConfig(r -> r.additionalVersionWeights(Map.of())): "
            + "an empty map removes the second version.")
    void rollbackRemovesTheCanary(DeployedFunction controller, LambdaClient lambda, Resources resources) {
        try (TargetFunctions targets = new TargetFunctions(lambda, resources)) {
            Target target = target(targets, lambda);
            expectSucceeded(act(controller, "canary", target, ThreadLocalRandom.current().nextInt(20, 51)),
                    "a canary");
            Invocation result = act(controller, "rollback", target, null);
            expectSucceeded(result, "a roll back");
            expectAlias(lambda, target, "1", Map.of(), "after a roll back");
            expectAliasRuns(lambda, target, "1", target.stableRelease(), "after a roll back");
            if (!"1".equals(result.json().path("version").asText())) {
                fail("Expected the roll back to answer {\"version\":\"1\"}, but it answered " + result.payload());
            }
        }
    }

    @Test
    @Points(2)
    @DisplayName("Promoting a canary makes its version the alias's version, with no second version left")
    @Hint("UpdateAlias with functionVersion = the canary's version and an empty routing map, in one call: a weight "
            + "left on the alias's own version is refused.")
    void promoteMovesEverything(DeployedFunction controller, LambdaClient lambda, Resources resources) {
        try (TargetFunctions targets = new TargetFunctions(lambda, resources)) {
            Target target = target(targets, lambda);
            expectSucceeded(act(controller, "canary", target, ThreadLocalRandom.current().nextInt(5, 30)),
                    "a canary");
            Invocation result = act(controller, "promote", target, null);
            expectSucceeded(result, "promoting the canary");
            expectAlias(lambda, target, "2", Map.of(), "after promoting the canary");
            if (!"2".equals(result.json().path("version").asText())) {
                fail("Expected promoting to answer {\"version\":\"2\"}, but it answered " + result.payload());
            }
        }
    }

    @Test
    @DisplayName("A percentage that is not a whole number from 1 to 99 is refused with an IllegalArgumentException "
            + "before anything is published or changed")
    void refusesABadPercentage(DeployedFunction controller, LambdaClient lambda, Resources resources) {
        try (TargetFunctions targets = new TargetFunctions(lambda, resources)) {
            Target target = target(targets, lambda);
            List<Object> bad = List.of(0, 100, ThreadLocalRandom.current().nextInt(101, 500),
                    -ThreadLocalRandom.current().nextInt(1, 50), ThreadLocalRandom.current().nextInt(1, 60) + 0.5,
                    "ten");
            for (Object percent : bad) {
                Invocation result = act(controller, "canary", target, percent);
                if (result.succeeded() || !"java.lang.IllegalArgumentException".equals(result.errorType())) {
                    fail("Expected a canary with percent " + describe(percent) + " to fail with "
                            + "java.lang.IllegalArgumentException, but the controller " + (result.succeeded()
                            ? "answered " + result.payload() : "failed with " + result.failure()));
                }
                List<String> versions = lambda.listVersionsByFunction(b -> b.functionName(target.function()))
                        .versions().stream().map(v -> v.version()).toList();
                if (!versions.equals(List.of("$LATEST", "1"))) {
                    fail("A canary with percent " + describe(percent) + " was refused, but it published a version "
                            + "first: the function now has versions " + versions + ". Check the request before "
                            + "calling PublishVersion.");
                }
                expectAlias(lambda, target, "1", Map.of(), "after a refused canary with percent " + describe(percent));
            }
        }
    }

    @Test
    @Hidden
    @Points(2)
    @DisplayName("After a promote, a canary with nothing new is refused with an IllegalStateException, and the next "
            + "change starts its canary from the promoted version")
    void nextReleaseStartsFromThePromotedVersion(DeployedFunction controller, LambdaClient lambda,
            Resources resources) {
        try (TargetFunctions targets = new TargetFunctions(lambda, resources)) {
            Target target = target(targets, lambda);
            expectSucceeded(act(controller, "canary", target, 10), "a canary");
            expectSucceeded(act(controller, "promote", target, null), "promoting the canary");
            Invocation unchanged = act(controller, "canary", target, 10);
            if (unchanged.succeeded() || !"java.lang.IllegalStateException".equals(unchanged.errorType())) {
                fail("With $LATEST unchanged since version 2, which the alias runs, a canary has nothing to release: "
                        + "expected java.lang.IllegalStateException, but the controller " + (unchanged.succeeded()
                        ? "answered " + unchanged.payload() : "failed with " + unchanged.failure()));
            }
            expectAlias(lambda, target, "2", Map.of(), "after a canary with nothing new");
            String third = release();
            lambda.updateFunctionConfiguration(b -> b.functionName(target.function())
                    .environment(e -> e.variables(Map.of("RELEASE", third))));
            targets.awaitReady(target.function());
            int percent = ThreadLocalRandom.current().nextInt(5, 41);
            expectSucceeded(act(controller, "canary", target, percent), "a second canary");
            expectAlias(lambda, target, "2", Map.of("3", percent / 100.0), "after a second canary of " + percent
                    + " % following a promote");
        }
    }

    /** A fresh function: version 1 (the stable release) behind a new alias, and a different $LATEST. */
    private static Target target(TargetFunctions targets, LambdaClient lambda) {
        String stable = release();
        String next = release();
        String function = targets.create("shop", ReleaseTarget.class, Map.of("RELEASE", stable));
        lambda.publishVersion(b -> b.functionName(function));
        String alias = "live-" + UUID.randomUUID().toString().substring(0, 6);
        lambda.createAlias(b -> b.functionName(function).name(alias).functionVersion("1"));
        lambda.updateFunctionConfiguration(b -> b.functionName(function)
                .environment(e -> e.variables(Map.of("RELEASE", next))));
        targets.awaitReady(function);
        return new Target(function, alias, stable, next);
    }

    private static Invocation act(DeployedFunction controller, String action, Target target, Object percent) {
        warmUp(controller);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("action", action);
        event.put("function", target.function());
        event.put("alias", target.alias());
        if (percent != null) {
            event.put("percent", percent);
        }
        return controller.invoke(event);
    }

    private static void expectSucceeded(Invocation result, String what) {
        if (!result.succeeded()) {
            fail("Expected " + what + " to succeed, but the controller failed with " + result.failure());
        }
    }

    private static void expectAlias(LambdaClient lambda, Target target, String version, Map<String, Double> weights,
            String when) {
        GetAliasResponse alias = lambda.getAlias(b -> b.functionName(target.function()).name(target.alias()));
        Map<String, Double> actual = alias.routingConfig() == null
                || !alias.routingConfig().hasAdditionalVersionWeights() ? Map.of()
                : alias.routingConfig().additionalVersionWeights();
        boolean sameWeights = actual.size() == weights.size() && weights.entrySet().stream().allMatch(w ->
                actual.get(w.getKey()) != null && Math.abs(actual.get(w.getKey()) - w.getValue()) < 1e-9);
        if (!version.equals(alias.functionVersion()) || !sameWeights) {
            fail("Expected alias " + target.alias() + " " + when + " to run version " + version
                    + (weights.isEmpty() ? " alone, with no second version" : " with " + weights
                    + " as its second version and weight") + ", but it runs version " + alias.functionVersion()
                    + (actual.isEmpty() ? " with no second version" : " with " + actual + " as second version"));
        }
    }

    /** Invokes the alias a few times; each invocation must run {@code version}, which answers {@code release}. */
    private static void expectAliasRuns(LambdaClient lambda, Target target, String version, String release,
            String when) {
        for (int i = 0; i < 3; i++) {
            InvokeResponse response = lambda.invoke(b -> b.functionName(target.function()).qualifier(target.alias())
                    .payload(SdkBytes.fromUtf8String("{}")));
            String body = response.payload().asString(StandardCharsets.UTF_8);
            if (!version.equals(response.executedVersion()) || !body.contains(release)) {
                fail("Invoking alias " + target.alias() + " " + when + " should run version " + version
                        + " (RELEASE=" + release + "), but it ran version " + response.executedVersion()
                        + ", which answered " + body);
            }
        }
    }

    private static String release() {
        return "release-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String describe(Object percent) {
        return percent instanceof String text ? "\"" + text + "\"" : String.valueOf(percent);
    }

    private static boolean warm;

    /**
     * The controller's first invocation is a cold start that builds the SDK's Lambda client; on a busy grading
     * machine its init phase may overrun Lambda's 10 s limit, and one more try gives a fair start.
     */
    private static synchronized void warmUp(DeployedFunction controller) {
        for (int attempt = 0; !warm && attempt < 3; attempt++) {
            Invocation invocation = controller.invoke("{\"action\":\"warm-up\"}");
            warm = invocation.succeeded() || !String.valueOf(invocation.errorType()).startsWith("Sandbox");
        }
        warm = true;
    }
}

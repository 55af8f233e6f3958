package dev.serverlesslab.emulator.lambda.async;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.http.JsonRequest;
import dev.serverlesslab.emulator.lambda.LambdaErrors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The asynchronous invocation configurations of every account and region, one per function version or alias
 * ({@code $LATEST} for the unqualified function), as Put/Update/Get/Delete/ListFunctionEventInvokeConfig(s) keep
 * them. The caller checks that the function and qualifier exist.
 */
public final class EventInvokeConfigs {

    private final ConcurrentMap<AccountRegion, ConcurrentMap<String, Map<String, EventInvokeConfig>>> configs =
            new ConcurrentHashMap<>();
    private final Destinations destinations;

    /** @param destinations decides which OnSuccess/OnFailure destinations can be delivered to */
    public EventInvokeConfigs(Destinations destinations) {
        this.destinations = destinations;
    }

    /** PutFunctionEventInvokeConfig: the request replaces whatever was there. */
    public EventInvokeConfig put(AccountRegion scope, String functionName, String qualifier, String functionArn,
            JsonRequest request) {
        EventInvokeConfig config = read(functionArn, request, null);
        function(scope, functionName).put(key(qualifier), config);
        return config;
    }

    /** UpdateFunctionEventInvokeConfig: members the request leaves out keep their value. */
    public EventInvokeConfig update(AccountRegion scope, String functionName, String qualifier, String functionArn,
            JsonRequest request) {
        Map<String, EventInvokeConfig> function = function(scope, functionName);
        synchronized (function) {
            EventInvokeConfig config = read(functionArn, request, function.get(key(qualifier)));
            function.put(key(qualifier), config);
            return config;
        }
    }

    public EventInvokeConfig get(AccountRegion scope, String functionName, String qualifier, String functionArn) {
        EventInvokeConfig config = find(scope, functionName, qualifier);
        if (config == null) {
            throw LambdaErrors.notFound("The function " + functionArn + " doesn't have an EventInvokeConfig");
        }
        return config;
    }

    /** The configuration an Event invocation of this qualifier follows, or null for Lambda's defaults. */
    public EventInvokeConfig find(AccountRegion scope, String functionName, String qualifier) {
        return function(scope, functionName).get(key(qualifier));
    }

    public void delete(AccountRegion scope, String functionName, String qualifier, String functionArn) {
        if (function(scope, functionName).remove(key(qualifier)) == null) {
            throw LambdaErrors.notFound("The function " + functionArn + " doesn't have an EventInvokeConfig");
        }
    }

    public List<EventInvokeConfig> list(AccountRegion scope, String functionName) {
        return new ArrayList<>(function(scope, functionName).values());
    }

    /** The function was deleted: its configurations go with it, as on AWS. */
    public void forget(AccountRegion scope, String functionName) {
        configs.computeIfAbsent(scope, k -> new ConcurrentHashMap<>()).remove(functionName);
    }

    private Map<String, EventInvokeConfig> function(AccountRegion scope, String functionName) {
        return configs.computeIfAbsent(scope, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(functionName, k -> new ConcurrentHashMap<>());
    }

    private static String key(String qualifier) {
        return qualifier == null ? "$LATEST" : qualifier;
    }

    private EventInvokeConfig read(String functionArn, JsonRequest request, EventInvokeConfig current) {
        List<String> violations = new ArrayList<>();
        Integer retries = request.wholeInt("MaximumRetryAttempts");
        if (retries != null && (retries < 0 || retries > 2)) {
            violations.add(LambdaErrors.violation(retries, "maximumRetryAttempts", retries < 0
                    ? "Member must have value greater than or equal to 0"
                    : "Member must have value less than or equal to 2"));
        }
        Integer age = request.wholeInt("MaximumEventAgeInSeconds");
        if (age != null && (age < 60 || age > 21_600)) {
            violations.add(LambdaErrors.violation(age, "maximumEventAgeInSeconds", age < 60
                    ? "Member must have value greater than or equal to 60"
                    : "Member must have value less than or equal to 21600"));
        }
        if (!violations.isEmpty()) {
            throw LambdaErrors.validation(violations);
        }
        EventInvokeConfig.DestinationConfig destinations = current == null ? null : current.destinationConfig();
        String onSuccess = destinations == null ? null : destinations.onSuccess().destination();
        String onFailure = destinations == null ? null : destinations.onFailure().destination();
        if (request.has("DestinationConfig")) {
            var config = request.node().get("DestinationConfig");
            if (config.has("OnSuccess")) {
                onSuccess = emptyToNull(config.path("OnSuccess").path("Destination").asText(null));
                this.destinations.check("DestinationConfig.OnSuccess.Destination", onSuccess);
            }
            if (config.has("OnFailure")) {
                onFailure = emptyToNull(config.path("OnFailure").path("Destination").asText(null));
                this.destinations.check("DestinationConfig.OnFailure.Destination", onFailure);
            }
        }
        return new EventInvokeConfig(Instant.now().toEpochMilli() / 1000.0, functionArn,
                retries != null ? retries : current == null ? null : current.maximumRetryAttempts(),
                age != null ? age : current == null ? null : current.maximumEventAgeInSeconds(),
                new EventInvokeConfig.DestinationConfig(new EventInvokeConfig.OnOutcome(onSuccess),
                        new EventInvokeConfig.OnOutcome(onFailure)));
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}

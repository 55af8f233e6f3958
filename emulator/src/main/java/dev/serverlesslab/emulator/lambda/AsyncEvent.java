package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.lambda.async.Destinations;
import dev.serverlesslab.emulator.lambda.async.EventInvokeConfig;
import java.time.Instant;

/**
 * One queued Event invocation with what its retries and destinations need.
 *
 * @param functionArn the ARN the destination record names: the function with the version that ran
 * @param config the version's or alias's asynchronous invocation settings, or null for Lambda's defaults
 * @param deadLetterTarget the version's {@code DeadLetterConfig.TargetArn}, or null when it has none
 * @param queued when Lambda accepted the event, by the emulator's clock
 */
record AsyncEvent(AccountRegion scope, String functionArn, String executedVersion, EventInvokeConfig config,
        Destinations destinations, String deadLetterTarget, Instant queued) {

    int retries() {
        return config == null ? EventInvokeConfig.DEFAULT_RETRIES : config.retries();
    }

    /** True when the event is older than its MaximumEventAgeInSeconds at {@code now} (the emulator's clock). */
    boolean expired(Instant now) {
        int age = config == null ? EventInvokeConfig.DEFAULT_MAX_EVENT_AGE_SECONDS : config.maxEventAgeSeconds();
        return now.isAfter(queued.plusSeconds(age));
    }

    /** The destination for this outcome, or null when none is configured. */
    String destination(boolean success) {
        if (config == null || config.destinationConfig() == null) {
            return null;
        }
        EventInvokeConfig.OnOutcome outcome = success ? config.destinationConfig().onSuccess()
                : config.destinationConfig().onFailure();
        return outcome == null ? null : outcome.destination();
    }
}

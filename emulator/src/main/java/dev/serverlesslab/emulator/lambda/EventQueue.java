package dev.serverlesslab.emulator.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.ClockTimer;
import dev.serverlesslab.emulator.lambda.async.DestinationRecord;
import dev.serverlesslab.emulator.lambda.runtime.EnvironmentPool;
import dev.serverlesslab.emulator.lambda.runtime.InvocationResult;
import dev.serverlesslab.emulator.lambda.runtime.InvokeInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Lambda's internal queue for Event invocations: each runs in the background, a function error is retried as the
 * function's event invoke config says (twice by default), an event older than its maximum age is dropped, reserved
 * concurrency holds an event back until an invocation finishes, and the outcome goes to the configured destination.
 */
final class EventQueue {

    /**
     * AWS: "If the function returns an error, by default Lambda attempts to run it two more times, with a one-minute
     * wait between the first two attempts, and two minutes between the second and third attempts." The waits run on
     * the emulator's clock, so a grader advancing it sees the retries at once; unadvanced, they take those minutes.
     */
    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2));
    /**
     * AWS: a throttled event goes back to the queue and is tried again "for up to 6 hours by default. The retry
     * interval increases exponentially from 1 second after the first attempt to a maximum of 5 minutes"; it uses up
     * no attempt, and MaximumEventAgeInSeconds ends it.
     */
    static final Duration THROTTLE_FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration THROTTLE_MAX_DELAY = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The destination record's condition for an event a function with reserved concurrency 0 never ran. */
    static final String ZERO_RESERVED = "ZeroReservedConcurrency";

    private final Executor workers;
    private final ClockTimer timer;

    /**
     * @param workers run the invocations
     * @param timer schedules retries on the emulator's clock; closed by the owner when the emulator closes
     */
    EventQueue(Executor workers, ClockTimer timer) {
        this.workers = workers;
        this.timer = timer;
    }

    /** Queues one event; the caller has its 202 before the function runs. */
    void submit(LambdaFunction function, EnvironmentPool environments, InvokeInput input, AsyncEvent event) {
        workers.execute(() -> attempt(function, environments, input, event, 1, 0));
    }

    private void attempt(LambdaFunction function, EnvironmentPool environments, InvokeInput input, AsyncEvent event,
            int attempt, int throttles) {
        if (event.expired(timer.clock().instant())) {
            // MaximumEventAgeInSeconds: the event is dropped (and reported) rather than tried again.
            outcome(event, input, false, "EventAgeExceeded", attempt - 1, null);
            return;
        }
        try {
            FunctionConcurrency.start(function);
        } catch (ThrottledException e) {
            Integer reserved = function.reservedConcurrency();
            if (reserved != null && reserved == 0) {
                // AWS: with reserved concurrency 0, "Lambda begins sending new events to the configured dead-letter
                // queue or the on-failure event destination, without any retries".
                outcome(event, input, false, ZERO_RESERVED, 0, null);
                return;
            }
            // The next attempt finds the event expired once its maximum age has passed.
            later(() -> attempt(function, environments, input, event, attempt, throttles + 1),
                    throttleDelay(throttles));
            return;
        }
        InvocationResult result = null;
        try {
            result = environments.invoke(input);
        } catch (RuntimeException e) {
            // The caller has had its 202 long ago; the outcome lives in the function's log only.
        } finally {
            function.finish();
        }
        boolean failed = result == null || result.failed();
        if (failed && attempt <= event.retries()) {
            later(() -> attempt(function, environments, input, event, attempt + 1, throttles),
                    RETRY_DELAYS.get(attempt - 1));
            return;
        }
        outcome(event, input, !failed, failed ? "RetriesExhausted" : "Success", attempt, result);
    }

    /**
     * Sends the invocation record to the OnSuccess or OnFailure destination, if one is configured, and a failed
     * event's payload to the function's dead-letter queue, if it has one (AWS sends to both when both are set).
     */
    private void outcome(AsyncEvent event, InvokeInput input, boolean success, String condition, int invokeCount,
            InvocationResult result) {
        if (!success && event.deadLetterTarget() != null) {
            try {
                event.destinations().sendDeadLetter(event.scope(), event.deadLetterTarget(), input.payload(),
                        input.requestId(), errorCode(condition, result), errorMessage(condition, result));
            } catch (RuntimeException e) {
                // The queue or topic is gone: AWS counts a DeadLetterErrors metric and drops the event.
            }
        }
        String destination = event.destination(success);
        if (destination == null) {
            return;
        }
        byte[] record = DestinationRecord.of(input.requestId(), event.functionArn(), condition, invokeCount,
                input.payload(), result == null ? null : result.payload(), event.executedVersion(),
                result != null && result.failed() ? "Unhandled" : null, timer.clock().instant());
        try {
            event.destinations().send(event.scope(), destination, record);
        } catch (RuntimeException e) {
            // The destination function is gone: Lambda drops the record too.
        }
    }

    /**
     * The dead-letter message's ErrorCode: a function error is an invocation that answered 200 with an error payload;
     * an event that aged out while throttled, or that reserved concurrency 0 kept from running, is a 429; an
     * invocation the emulator could not run is a 500.
     */
    private static int errorCode(String condition, InvocationResult result) {
        if (result != null) {
            return 200;
        }
        return "EventAgeExceeded".equals(condition) || ZERO_RESERVED.equals(condition) ? 429 : 500;
    }

    /** The function's {@code errorMessage} when its error document has one, else the document or the condition. */
    private static String errorMessage(String condition, InvocationResult result) {
        if (result == null || result.payload() == null) {
            return switch (condition) {
                case "EventAgeExceeded" -> "Event age exceeded before the function could run";
                case ZERO_RESERVED -> "Function not invoked. Function is configured with zero reserved concurrent "
                        + "executions";
                default -> "The function could not be invoked";
            };
        }
        String payload = new String(result.payload(), StandardCharsets.UTF_8);
        try {
            JsonNode message = JSON.readTree(payload).path("errorMessage");
            return message.isTextual() ? message.asText() : payload;
        } catch (IOException e) {
            return payload;
        }
    }

    /** 1 s, 2 s, 4 s, ... up to five minutes. */
    static Duration throttleDelay(int throttles) {
        Duration delay = THROTTLE_FIRST_DELAY.multipliedBy(1L << Math.min(throttles, 20));
        return delay.compareTo(THROTTLE_MAX_DELAY) > 0 ? THROTTLE_MAX_DELAY : delay;
    }

    private void later(Runnable task, Duration delay) {
        timer.schedule(delay, () -> {
            try {
                workers.execute(task);
            } catch (RejectedExecutionException e) {
                // The emulator is closing: no more attempts.
            }
        });
    }
}

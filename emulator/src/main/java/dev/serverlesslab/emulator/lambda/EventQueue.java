package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.lambda.runtime.EnvironmentPool;
import dev.serverlesslab.emulator.lambda.runtime.InvokeInput;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's internal queue for Event invocations: each runs in the background, a function error is retried twice, and
 * reserved concurrency holds an event back until an invocation finishes.
 */
final class EventQueue {

    /**
     * Lambda retries a failed asynchronous invocation twice (three attempts); the emulator waits seconds, not the
     * minutes AWS waits, so a student sees the retries while the grader is still looking.
     */
    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2));
    /**
     * A throttled event waits and is tried again without using up an attempt, as on AWS; the emulator gives up after
     * about five minutes instead of the six hours an event may age there.
     */
    static final Duration THROTTLE_DELAY = Duration.ofSeconds(1);
    static final int THROTTLE_RETRIES = 300;

    private final Executor workers;
    private final ScheduledExecutorService timer;

    /**
     * @param workers run the invocations
     * @param timer schedules retries; shut down by the owner when the emulator closes
     */
    EventQueue(Executor workers, ScheduledExecutorService timer) {
        this.workers = workers;
        this.timer = timer;
    }

    /** Queues one event; the caller has its 202 before the function runs. */
    void submit(LambdaFunction function, EnvironmentPool environments, InvokeInput input) {
        workers.execute(() -> attempt(function, environments, input, 1, 0));
    }

    private void attempt(LambdaFunction function, EnvironmentPool environments, InvokeInput input, int attempt,
            int throttles) {
        try {
            FunctionConcurrency.start(function);
        } catch (ThrottledException e) {
            if (throttles < THROTTLE_RETRIES) {
                later(() -> attempt(function, environments, input, attempt, throttles + 1), THROTTLE_DELAY);
            }
            return;
        }
        boolean failed;
        try {
            failed = environments.invoke(input).failed();
        } catch (RuntimeException e) {
            // The caller has had its 202 long ago; the outcome lives in the function's log only.
            failed = true;
        } finally {
            function.finish();
        }
        if (failed && attempt <= RETRY_DELAYS.size()) {
            later(() -> attempt(function, environments, input, attempt + 1, throttles), RETRY_DELAYS.get(attempt - 1));
        }
    }

    private void later(Runnable task, Duration delay) {
        try {
            timer.schedule(() -> workers.execute(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The emulator is closing: no more attempts.
        }
    }
}
